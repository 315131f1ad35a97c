import type { ConvexProblem } from '../../convex/convex-problem';
import type { ConvexSolution } from '../../convex/convex-solution';
import type { AdmmState } from './admm-engine';
import type { AdmmWarmStart } from './admm-warm-start';

export interface AdmmProblem extends ConvexProblem {
  readonly hasBias: boolean;
  /**
   * Iterates of a previous solve on the same data and patterns, taken as computed with this
   * problem's beta. Prefer the solvers' 4th argument (`solution.warmStart`), which also carries
   * the previous beta so rho can follow it.
   */
  readonly warmStart?: AdmmState;
  /**
   * 'auto': Algorithm 3.1 for the unweighted squared loss, loss splitting otherwise.
   * 'algorithm-3.1' / 'loss-splitting' force one (Algorithm 3.1 needs the unweighted squared loss).
   */
  readonly variant?: 'auto' | 'algorithm-3.1' | 'loss-splitting';
}

export interface AdmmSolution extends ConvexSolution {
  /** Final iterates (the same arrays as warmStart.state). */
  readonly state: AdmmState;
  /** Pass as the 4th argument of solveAdmm / solveAdmmRbcd to start the next solve here. */
  readonly warmStart: AdmmWarmStart;
}
