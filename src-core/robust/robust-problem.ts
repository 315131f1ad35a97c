import type { ConvexProblem } from '../convex/convex-problem';
import type { ThreatModel } from './threat-model';

/**
 * The robust convex program of paper-spec 6.2-6.3 for fixed patterns and a threat model in the
 * network's input coordinates (X already carries the bias column when hasBias; its radius is 0):
 *   min  sum_k w_k lrob(x_k^T g_k, psi(g_k); y_k) + beta sum_i (||v_i|| + ||w_i||)
 *   s.t. (2 d_ik - 1) x_k^T v_i >= psi(v_i),  (2 d_ik - 1) x_k^T w_i >= psi(w_i)   for all i, k,
 * with g_k = sum_i d_ik (v_i - w_i), psi the worst-case shift of the threat (dual norm) and lrob the
 * closed-form worst-case loss of robust-losses.ts. The constraints keep every hidden activation
 * of every training point fixed under any admissible perturbation, so the objective is the true
 * worst-case training objective of the recovered network.
 */
export interface RobustProblem extends ConvexProblem {
  readonly threat: ThreatModel;
  readonly hasBias: boolean;
}
