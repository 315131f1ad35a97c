import type { Matrix } from '../linalg/matrix';
import { createMatrix } from '../linalg/matrix';
import type { ReluNetwork } from './relu-network';

/**
 * Scores f(x_k) = sum_j alpha_j (x_k^T u_j)_+ for every row of X (X already carries the bias
 * column when net.hasBias). Writes into `out` when given.
 */
export function networkScores(net: ReluNetwork, X: Matrix, out?: Float64Array): Float64Array {
  const { hidden, output } = net;
  if (X.cols !== hidden.cols) {
    throw new RangeError(`network expects ${hidden.cols} inputs per row, the data have ${X.cols}`);
  }
  const n = X.rows;
  const d = X.cols;
  const m = hidden.rows;
  const scores = out ?? new Float64Array(n);
  const xd = X.data;
  const ud = hidden.data;
  for (let k = 0; k < n; k++) {
    const rowOffset = k * d;
    let s = 0;
    for (let j = 0; j < m; j++) {
      const uOffset = j * d;
      let a = 0;
      for (let t = 0; t < d; t++) a += xd[rowOffset + t]! * ud[uOffset + t]!;
      if (a > 0) s += output[j]! * a;
    }
    scores[k] = s;
  }
  return scores;
}

/** Hidden pre-activations X U^T (n x m), for attacks, certificates and charts. */
export function hiddenPreActivations(net: ReluNetwork, X: Matrix): Matrix {
  const n = X.rows;
  const d = X.cols;
  const m = net.hidden.rows;
  const out = createMatrix(n, m);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < m; j++) {
      let a = 0;
      for (let t = 0; t < d; t++) a += X.data[k * d + t]! * net.hidden.data[j * d + t]!;
      out.data[k * m + j] = a;
    }
  }
  return out;
}

/** (beta / 2) * sum_j (||u_j||^2 + alpha_j^2): the weight-decay term of the non-convex objective. */
export function weightDecay(net: ReluNetwork, beta: number): number {
  let s = 0;
  for (let i = 0; i < net.hidden.data.length; i++) s += net.hidden.data[i]! * net.hidden.data[i]!;
  for (let j = 0; j < net.output.length; j++) s += net.output[j]! * net.output[j]!;
  return 0.5 * beta * s;
}
