import { maximizeScaledDual } from '../convex/dual-certificate';
import type { RobustProblem } from './robust-problem';

/**
 * Weak-duality lower bound for the robust program (derived for this port; see robust-problem.ts).
 * Dualizing the loss rows (multipliers giving z_k, the usual dual variable of yhat_k) and the cone
 * rows (mu_jk >= 0), and writing psi(g) = max_{delta in B} delta^T g, gives for ANY
 *   z in dom L*,  mu >= 0,  delta_k in |z_k| B,  E_j in (sum_k mu_jk) B
 * the bound  optimum >= -L*(t z)  for every t in [0, beta / max_j ||q_j||] (squared loss: see
 * spreadWeight), where
 *   q_j = sum_k c_jk (z_k x_k + delta_k) + E_j - sum_k mu_jk (2 d_ik - 1) x_k,
 * c_jk = +d_ik for v blocks and -d_ik for w blocks (i = j mod P). At a saddle point of the
 * conic form (z, mu, delta, E) are its multipliers and the bound is tight. The candidates are
 * clipped into the allowed sets here, so any input yields a valid bound.
 */
export interface RobustDualCandidate {
  /** n: dual of yhat (e.g. -y_k lambda_k for hinge), clipped to the loss's dual domain here. */
  readonly z: Float64Array;
  /** 2P x n row-major cone multipliers (negatives are treated as 0). */
  readonly mu: Float64Array;
  /** n x d: worst-case directions of the loss rows (only perturbable coordinates are used). */
  readonly delta: Float64Array;
  /** 2P x d: worst-case directions of the cone rows. */
  readonly blockDelta: Float64Array;
  /**
   * Squared loss only: Lambda_k >= |z_k|, the sum of the multipliers of the two rows
   * r_k >= +-(yhat_k - y_k) + A_k. Both rows are active where yhat_k = y_k (the kink of the robust
   * loss), and then the admissible delta_k grows to Lambda_k B while the dual value becomes
   * -sum_k (Lambda_k^2 / (2 w_k) + z_k y_k). Absent means Lambda = |z|.
   */
  readonly spreadWeight?: Float64Array;
}

export interface RobustBound {
  readonly lowerBound: number;
  readonly scale: number;
  /** max_j ||q_j|| / beta before scaling (1 = exactly feasible). */
  readonly violation: number;
}

export function robustLowerBound(problem: RobustProblem, candidate: RobustDualCandidate): RobustBound {
  const { X, y, patterns, threat, beta, loss, sampleWeights } = problem;
  const n = X.rows;
  const d = X.cols;
  const P = patterns.count;
  const z = clipToDualDomain(loss.name, candidate.z, y, sampleWeights);
  const spreadWeight = z.map((v, k) => (loss.name === 'squared' && candidate.spreadWeight ? Math.max(Math.abs(v), candidate.spreadWeight[k]!) : Math.abs(v)));
  const delta = new Float64Array(n * d);
  for (let k = 0; k < n; k++) clipIntoScaledBall(threat.norm, threat.radii, candidate.delta, k * d, spreadWeight[k]!, delta);
  const blockDelta = new Float64Array(2 * P * d);
  const mu = candidate.mu;
  // Each block's shift variables, clipped into the ball its multipliers' total allows (zero
  // without an adversary: nothing to clip).
  const adversary = threat.radii.some((r) => r > 0);
  for (let j = 0; j < 2 * P && adversary; j++) {
    let total = 0;
    for (let k = 0; k < n; k++) total += Math.max(0, mu[j * n + k]!);
    clipIntoScaledBall(threat.norm, threat.radii, candidate.blockDelta, j * d, total, blockDelta);
  }
  // Per pattern i, the sum over its active rows of the loss direction z_k x_k + delta_k: block i
  // takes it with +1, block P + i with -1 (computed once for both).
  const lossSum = new Float64Array(P * d);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < P; i++) {
      if (patterns.masks[k * P + i] !== 1) continue;
      for (let t = 0; t < d; t++) lossSum[i * d + t] = lossSum[i * d + t]! + z[k]! * X.data[k * d + t]! + delta[k * d + t]!;
    }
  }
  const q = new Float64Array(d);
  let maxNorm = 0;
  for (let j = 0; j < 2 * P; j++) {
    const i = j % P;
    const c = j < P ? 1 : -1;
    for (let t = 0; t < d; t++) q[t] = blockDelta[j * d + t]! + c * lossSum[i * d + t]!;
    // The cone rows' multipliers: most are 0 (rows far from the cone's facets, or left out of a working set).
    for (let k = 0; k < n; k++) {
      const m = Math.max(0, mu[j * n + k]!);
      if (m === 0) continue;
      const coneCoef = patterns.masks[k * P + i] === 1 ? -m : m;
      for (let t = 0; t < d; t++) q[t] = q[t]! + coneCoef * X.data[k * d + t]!;
    }
    let s = 0;
    for (let t = 0; t < d; t++) s += q[t]! * q[t]!;
    maxNorm = Math.max(maxNorm, Math.sqrt(s));
  }
  const violation = maxNorm / beta;
  const upper = violation > 1e-300 ? Math.min(1 / violation, 1e6) : 1e6;
  if (loss.name === 'squared' && candidate.spreadWeight) return { ...squaredDualMaximum(z, spreadWeight, y, sampleWeights, upper), violation };
  const { t, value } = maximizeScaledDual(loss, y, sampleWeights, z, upper, new Float64Array(n));
  return { lowerBound: value, scale: t, violation };
}

/** max over t in [0, upper] of -t^2 sum Lambda^2 / (2 w) - t sum z y (a concave parabola). */
function squaredDualMaximum(z: Float64Array, spreadWeight: Float64Array, y: Float64Array, w: Float64Array | undefined, upper: number): { lowerBound: number; scale: number } {
  let quadratic = 0;
  let linear = 0;
  for (let k = 0; k < z.length; k++) {
    quadratic += (spreadWeight[k]! * spreadWeight[k]!) / (w ? w[k]! : 1);
    linear += z[k]! * y[k]!;
  }
  const t = quadratic > 0 ? Math.min(upper, Math.max(0, -linear / quadratic)) : 0;
  return { lowerBound: -0.5 * t * t * quadratic - t * linear, scale: t };
}

/**
 * Clips z into the closure of dom L*: hinge z_k in [-w_k, 0] * y_k; bce z_k in 2 w_k [-1, 0] or
 * [0, 1] by class (z = -ytil lambda with 0 <= lambda <= 2 w); squared unrestricted.
 */
function clipToDualDomain(name: string, z: Float64Array, y: Float64Array, w?: Float64Array): Float64Array {
  const out = Float64Array.from(z);
  if (name === 'squared') return out;
  for (let k = 0; k < z.length; k++) {
    const weight = w ? w[k]! : 1;
    const ytil = name === 'bce' ? 2 * y[k]! - 1 : y[k]!;
    const cap = name === 'bce' ? 2 * weight : weight;
    const lambda = Math.min(cap, Math.max(0, -ytil * z[k]!));
    out[k] = -ytil * lambda;
  }
  return out;
}

/**
 * Writes into out[offset..offset+d) the vector r .* eta closest in form to src (same offset),
 * with eta scaled into the ball of radius `scale` of the norm: for l_inf each |src_t| <= scale r_t,
 * for l_2 ||src ./ r|| <= scale (coordinates with r_t = 0 are zeroed).
 */
function clipIntoScaledBall(norm: 'linf' | 'l2', radii: Float64Array, src: Float64Array, offset: number, scale: number, out: Float64Array): void {
  const d = radii.length;
  if (norm === 'linf') {
    for (let t = 0; t < d; t++) {
      const cap = scale * radii[t]!;
      out[offset + t] = Math.min(cap, Math.max(-cap, src[offset + t]!));
    }
    return;
  }
  let s = 0;
  for (let t = 0; t < d; t++) {
    if (radii[t]! > 0) {
      const e = src[offset + t]! / radii[t]!;
      s += e * e;
    }
  }
  const norm2 = Math.sqrt(s);
  const factor = norm2 > scale ? scale / norm2 : 1;
  for (let t = 0; t < d; t++) out[offset + t] = radii[t]! > 0 ? src[offset + t]! * factor : 0;
}
