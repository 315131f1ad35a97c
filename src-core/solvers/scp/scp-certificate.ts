import type { Matrix } from '../../linalg/matrix';
import type { Loss } from '../../losses/loss';
import { infNorm, phiTransposeTimes } from './scp-kernels';

/**
 * Duality-gap certificate of the l1 program  min_alpha L(Phi alpha) + beta ||alpha||_1.
 *
 * Its Fenchel dual is  max_z -L*(z)  s.t.  ||Phi^T z||_inf <= beta, so every feasible z gives
 * the lower bound -L*(z) <= optimum (weak duality). From a candidate z in dom L* (the gradient
 * of L at Phi alpha, or an ADMM multiplier) we take the ray t z, t in [0, T], T = beta /
 * ||Phi^T z||_inf (feasible for the norm constraint), and pick the t maximizing the concave
 * 1-D function f(t) = -L*(t z):
 *  - squared loss: f(t) = -t sum z_k y_k - t^2 sum z_k^2 / (2 w_k) is a concave quadratic,
 *    t* = clamp(-sum z_k y_k / sum(z_k^2 / w_k), 0, T) in closed form;
 *  - otherwise: if f(T) = -Infinity the ray leaves dom L* before T, so T is moved to the domain
 *    boundary by bisection; then f is maximized on [0, T] (shortcut when f still increases at
 *    T, which is the usual case near the optimum since the norm constraint is active there;
 *    golden-section search otherwise).
 * Whatever t is chosen, the bound is valid; the choice only affects its tightness. The bound is
 * always evaluated with the loss's own negConjugate.
 */
export interface DualBound {
  readonly lowerBound: number;
  /** The chosen t. */
  readonly scale: number;
  /** ||Phi^T z||_inf of the unscaled candidate. */
  readonly dualNorm: number;
}

const GOLDEN_ITERATIONS = 48;
const BISECT_ITERATIONS = 60;
const INCREASING_PROBE = 1e-9;

export class ScpCertificate {
  private readonly tz: Float64Array;
  private readonly phiTz: Float64Array;

  constructor(
    private readonly phi: Matrix,
    private readonly loss: Loss,
    private readonly y: Float64Array,
    private readonly weights: Float64Array | undefined,
    private readonly beta: number,
  ) {
    this.tz = new Float64Array(phi.rows);
    this.phiTz = new Float64Array(phi.cols);
  }

  /** Lower bound from the dual candidate z (z must lie in dom L*; it is not modified). */
  evaluate(z: Float64Array): DualBound {
    phiTransposeTimes(this.phi, z, this.phiTz);
    const dualNorm = infNorm(this.phiTz);
    const limit = dualNorm > 0 ? this.beta / dualNorm : 1;
    const f = (t: number): number => this.valueAt(z, t);
    const scale = this.loss.name === 'squared' ? this.squaredScale(z, dualNorm > 0 ? limit : Infinity) : maximizeConcave(f, limit);
    const value = f(scale);
    // t = 0 is always feasible: -L*(0) = inf L >= 0 for the losses here.
    const atZero = f(0);
    return value >= atZero || !Number.isFinite(atZero)
      ? { lowerBound: value, scale, dualNorm }
      : { lowerBound: atZero, scale: 0, dualNorm };
  }

  /** -L*(t z). */
  private valueAt(z: Float64Array, t: number): number {
    const tz = this.tz;
    for (let k = 0; k < tz.length; k++) tz[k] = t * z[k]!;
    return this.loss.negConjugate(tz, this.y, this.weights);
  }

  private squaredScale(z: Float64Array, limit: number): number {
    const w = this.weights;
    let linear = 0;
    let quadratic = 0;
    for (let k = 0; k < z.length; k++) {
      const wk = w ? w[k]! : 1;
      if (!(wk > 0)) continue;
      linear += z[k]! * this.y[k]!;
      quadratic += (z[k]! * z[k]!) / wk;
    }
    if (!(quadratic > 0)) return Number.isFinite(limit) ? limit : 0;
    const t = -linear / quadratic;
    return Math.min(Math.max(t, 0), Number.isFinite(limit) ? limit : t);
  }
}

/** argmax of a concave (extended-valued) f on [0, upper], with f(0) finite. */
export function maximizeConcave(f: (t: number) => number, upper: number): number {
  let hi = upper;
  let fHi = f(hi);
  if (!Number.isFinite(fHi)) {
    // Largest finite point of the ray: f is finite on [0, boundary) by convexity of dom L*.
    let lo = 0;
    if (hi > 1 && Number.isFinite(f(1))) lo = 1;
    let out = hi;
    for (let it = 0; it < BISECT_ITERATIONS; it++) {
      const mid = 0.5 * (lo + out);
      if (Number.isFinite(f(mid))) lo = mid;
      else out = mid;
    }
    hi = lo;
    fHi = f(hi);
  }
  if (hi <= 0) return 0;
  if (fHi >= f(hi * (1 - INCREASING_PROBE))) return hi;
  // Golden-section search for the interior maximum, keeping the best point seen.
  const invPhi = (Math.sqrt(5) - 1) / 2;
  let a = 0;
  let b = hi;
  let c = b - invPhi * (b - a);
  let d = a + invPhi * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let it = 0; it < GOLDEN_ITERATIONS; it++) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - invPhi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + invPhi * (b - a);
      fd = f(d);
    }
  }
  if (fHi > Math.max(fc, fd)) return hi;
  return fc >= fd ? c : d;
}
