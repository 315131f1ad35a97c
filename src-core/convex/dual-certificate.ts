import type { Loss } from '../losses/loss';
import type { ConvexOperators } from './convex-operators';

/**
 * Lower bound on the optimum of the convex program from a dual-feasible point (weak duality).
 *
 * Lagrangian dual of the program of paper-spec 1.4 (derived by dualizing yhat = F u and the cone
 * constraints with multipliers mu_i, xi_i >= 0):
 *   max_z  -L*(z)  s.t.  || X^T (d_i .* z - e_i .* mu_i) ||_2 <= beta,
 *                        || X^T (d_i .* z + e_i .* xi_i) ||_2 <= beta   for every pattern i,
 * with e_i = 2 d_i - 1. The constraints are homogeneous in (z, mu, xi), so any candidate becomes
 * feasible after scaling by t <= beta / max_block_norm; t is then chosen to maximize the concave
 * function -L*(t z) on that interval. At an ADMM fixed point z = grad L(F u) and
 * (mu, xi) = -rho * nu (the scaled cone duals), which makes the bound tight.
 */
export interface DualBound {
  /** -L*(t z): a proven lower bound on the optimum of the program. */
  readonly lowerBound: number;
  /** The scale t applied to the candidate. */
  readonly scale: number;
  /** max_i (block norm) / beta of the unscaled candidate: 1 means exactly feasible. */
  readonly violation: number;
}

export class DualCertificate {
  private readonly ops: ConvexOperators;
  private readonly R: Float64Array;
  private readonly blocks: Float64Array;
  private readonly scaled: Float64Array;

  constructor(ops: ConvexOperators) {
    this.ops = ops;
    this.R = new Float64Array(ops.patternSpaceLength);
    this.blocks = new Float64Array(ops.blockLength);
    this.scaled = new Float64Array(ops.n);
  }

  /**
   * @param z      dual candidate for yhat (n), e.g. grad L at the current predictions
   * @param coneDuals scaled ADMM duals nu (n x 2P); mu = max(0, -rho nu). Null means mu = 0.
   */
  bound(loss: Loss, y: Float64Array, weights: Float64Array | undefined, beta: number, z: Float64Array, coneDuals: Float64Array | null, rho: number): DualBound {
    const { ops, R, blocks } = this;
    // R = combineForAdjoint(z, q) with q = -mu = min(0, rho nu) (q = 0 without cone duals), in one
    // sweep: R[k, i] = d_ki z_k + e_ki q[k, i], R[k, P+i] = -d_ki z_k + e_ki q[k, P+i].
    const { n, P, masks } = ops;
    const m = 2 * P;
    for (let k = 0; k < n; k++) {
      const row = k * m;
      const mrow = k * P;
      const zk = z[k]!;
      for (let i = 0; i < P; i++) {
        const j1 = row + i;
        const j2 = j1 + P;
        const active = masks[mrow + i]!;
        const e = 2 * active - 1;
        const q1 = coneDuals ? Math.min(rho * coneDuals[j1]!, 0) : 0;
        const q2 = coneDuals ? Math.min(rho * coneDuals[j2]!, 0) : 0;
        R[j1] = active * zk + e * q1;
        R[j2] = -active * zk + e * q2;
      }
    }
    ops.adjointBlocks(R, blocks);
    return this.boundFromAdjoint(loss, y, weights, beta, z, blocks);
  }

  /**
   * The same bound from the candidate's block products X^T (d_i .* z - e_i .* mu_i) (and the xi
   * blocks), 2P x d, when the caller has them already: the interior-point method's dual residual
   * is built from exactly these (F^T r - A^T z_lin), so it need not pass over X again.
   */
  boundFromAdjoint(loss: Loss, y: Float64Array, weights: Float64Array | undefined, beta: number, z: Float64Array, blocks: Float64Array): DualBound {
    const { ops } = this;
    const d = ops.d;
    let maxNorm = 0;
    for (let j = 0; j < 2 * ops.P; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += blocks[j * d + t]! * blocks[j * d + t]!;
      if (s > maxNorm) maxNorm = s;
    }
    maxNorm = Math.sqrt(maxNorm);
    const violation = maxNorm / beta;
    const upper = violation > 1e-300 ? 1 / violation : 1e6;
    const { t, value } = maximizeScaledDual(loss, y, weights, z, Math.min(upper, 1e6), this.scaled);
    return { lowerBound: value, scale: t, violation };
  }
}

/** max over t in [0, upper] of -L*(t z), a concave function of t. */
export function maximizeScaledDual(loss: Loss, y: Float64Array, weights: Float64Array | undefined, z: Float64Array, upper: number, work: Float64Array): { t: number; value: number } {
  const evaluate = (t: number): number => {
    for (let k = 0; k < z.length; k++) work[k] = t * z[k]!;
    const v = loss.negConjugate(work, y, weights);
    return Number.isNaN(v) ? -Infinity : v;
  };
  if (loss.name === 'squared') {
    // -L*(t z) = -t sum z y - (t^2 / 2) sum z^2 / w: maximized at t = -a / b.
    let a = 0;
    let b = 0;
    for (let k = 0; k < z.length; k++) {
      const w = weights ? weights[k]! : 1;
      a += z[k]! * y[k]!;
      b += (z[k]! * z[k]!) / w;
    }
    const t = b > 0 ? Math.min(Math.max(-a / b, 0), upper) : 0;
    return { t, value: evaluate(t) };
  }
  // Golden-section search for a concave (possibly -Infinity past its domain) function.
  let best = { t: 0, value: evaluate(0) };
  const consider = (t: number, value: number): void => {
    if (value > best.value) best = { t, value };
  };
  consider(upper, evaluate(upper));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = 0;
  let hi = upper;
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = evaluate(x1);
  let f2 = evaluate(x2);
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, upper); it++) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = evaluate(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = evaluate(x1);
    }
    consider(x1, f1);
    consider(x2, f2);
  }
  return best;
}

/**
 * |objective - lower| / max(|objective|, tiny). Two-sided: an objective below the proven lower
 * bound (possible only for an iterate that is not yet feasible) counts as a gap, not as success.
 */
export function relativeGap(objective: number, lower: number): number {
  return Math.abs(objective - lower) / Math.max(Math.abs(objective), 1e-12);
}
