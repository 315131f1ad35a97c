import type { ReluNetwork } from '../../network/relu-network';
import type { BackpropProblem } from './backprop-problem';

/**
 * Hand-written forward/backward pass of f(x) = sum_j alpha_j (x^T u_j)_+ (paper-spec.md 1.1).
 *
 * For a set S of rows with z_kj = x_k^T u_j, a_kj = (z_kj)_+, f_k = sum_j alpha_j a_kj and
 * g_k = scale * dL/df_k (the loss is separable, so g_k depends on f_k, y_k, w_k only):
 *   dL/dalpha_j = sum_{k in S} g_k a_kj
 *   dL/du_j     = sum_{k in S} g_k alpha_j 1[z_kj > 0] x_k
 * The ReLU derivative at 0 is taken as 0 (the same side as networkScores' `a > 0`).
 * The weight decay R = (beta/2) sum_j (||u_j||^2 + alpha_j^2) has the exact gradient
 *   dR/du_j = beta u_j,  dR/dalpha_j = beta alpha_j.
 *
 * Parameters live in one flat vector theta = [u_1; ...; u_m; alpha] of length m d + m (u_j is
 * row j of the m x d hidden matrix), so the optimizers work on one array.
 */
export type GradientData = Pick<BackpropProblem, 'X' | 'y' | 'loss' | 'sampleWeights'>;

/** Scratch space of one forward/backward pass; allocate once per solve. */
export interface GradientWorkspace {
  /** Pre-activations z_kj of the current row, length m. */
  readonly z: Float64Array;
  readonly f1: Float64Array;
  readonly y1: Float64Array;
  readonly w1: Float64Array;
  readonly g1: Float64Array;
}

export function createGradientWorkspace(hiddenUnits: number): GradientWorkspace {
  return {
    z: new Float64Array(hiddenUnits),
    f1: new Float64Array(1),
    y1: new Float64Array(1),
    w1: new Float64Array(1),
    g1: new Float64Array(1),
  };
}

/**
 * Adds scale * grad_theta L_S(theta) to `grad`, where L_S is the (weighted) loss summed over the
 * rows rows[start..end). theta and grad are flat vectors of length m d + m (layout above).
 * With scale = n / |S| the result is an unbiased estimate of the gradient of the full sum L.
 * Allocates nothing.
 */
export function accumulateLossGradient(
  data: GradientData,
  theta: Float64Array,
  hiddenUnits: number,
  rows: Int32Array,
  start: number,
  end: number,
  scale: number,
  grad: Float64Array,
  ws: GradientWorkspace,
): void {
  const { X, y, loss, sampleWeights } = data;
  const d = X.cols;
  const m = hiddenUnits;
  const xd = X.data;
  const alphaOffset = m * d;
  const { z, f1, y1, w1, g1 } = ws;
  const weights = sampleWeights === undefined ? undefined : w1;
  for (let r = start; r < end; r++) {
    const k = rows[r]!;
    const xo = k * d;
    // forward: z_kj = x_k^T u_j, f_k = sum_j alpha_j (z_kj)_+
    let f = 0;
    for (let j = 0; j < m; j++) {
      const uo = j * d;
      let a = 0;
      for (let t = 0; t < d; t++) a += xd[xo + t]! * theta[uo + t]!;
      z[j] = a;
      if (a > 0) f += theta[alphaOffset + j]! * a;
    }
    // g_k = scale * dL/df_k (per-sample call on length-1 views: the loss is separable)
    f1[0] = f;
    y1[0] = y[k]!;
    if (sampleWeights !== undefined) w1[0] = sampleWeights[k]!;
    loss.gradient(f1, y1, g1, weights);
    const g = scale * g1[0]!;
    if (g === 0) continue;
    // backward
    for (let j = 0; j < m; j++) {
      const a = z[j]!;
      if (!(a > 0)) continue;
      grad[alphaOffset + j]! += g * a;
      const c = g * theta[alphaOffset + j]!;
      const uo = j * d;
      for (let t = 0; t < d; t++) grad[uo + t]! += c * xd[xo + t]!;
    }
  }
}

/** grad += beta * theta: the exact gradient of (beta/2) ||theta||^2 (all weights are decayed). */
export function addWeightDecayGradient(theta: Float64Array, beta: number, grad: Float64Array): void {
  for (let i = 0; i < theta.length; i++) grad[i]! += beta * theta[i]!;
}

/**
 * Full gradient of the objective L(f(X), y) + (beta/2) sum_j (||u_j||^2 + alpha_j^2) at `net`
 * (off the hot path: allocates its result). Used by tests and diagnostics.
 */
export function objectiveGradient(
  data: GradientData,
  beta: number,
  net: ReluNetwork,
): { hidden: Float64Array; output: Float64Array } {
  const m = net.hidden.rows;
  const d = net.hidden.cols;
  const n = data.X.rows;
  const theta = new Float64Array(m * d + m);
  theta.set(net.hidden.data, 0);
  theta.set(net.output, m * d);
  const grad = new Float64Array(theta.length);
  const rows = new Int32Array(n);
  for (let k = 0; k < n; k++) rows[k] = k;
  accumulateLossGradient(data, theta, m, rows, 0, n, 1, grad, createGradientWorkspace(m));
  addWeightDecayGradient(theta, beta, grad);
  return { hidden: grad.slice(0, m * d), output: grad.slice(m * d) };
}
