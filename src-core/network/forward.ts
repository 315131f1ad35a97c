import type { Matrix } from '../linalg/matrix';
import { multiplyXB } from '../linalg/kernels';
import { createMatrix, transpose } from '../linalg/matrix';
import type { ReluNetwork } from './relu-network';

/**
 * Rows per chunk of networkScores' pre-activations: a chunk's X U^T (rows x m doubles) stays a
 * few MB at most (4096 x 64 x 8 = 2 MB) whatever n is.
 */
const SCORE_CHUNK_ROWS = 4096;

/**
 * Scores f(x_k) = sum_j alpha_j (x_k^T u_j)_+ for every row of X (X already carries the bias
 * column when net.hasBias). Writes into `out` when given.
 *
 * The pre-activations x_k^T u_j come chunk by chunk from the X B kernel (WebAssembly SIMD where
 * available): each is the sum over t in order of x_kt u_jt, as the plain triple loop forms it, so
 * the scores are the same to the bit. Measured at 5,000 rows, 21 columns and 64 neurons: 7.2 ms in
 * the triple loop, 2.2-3.0 ms this way (a beta sweep evaluates every point's model on its data,
 * back-propagation its network at every check).
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
  if (m === 0 || n === 0) {
    scores.fill(0, 0, n);
    return scores;
  }
  // B = U^T (d x m) for the X B kernel.
  const B = transpose(hidden).data;
  const chunk = Math.min(n, SCORE_CHUNK_ROWS);
  const pre = new Float64Array(chunk * m);
  for (let k0 = 0; k0 < n; k0 += chunk) {
    const rows = Math.min(chunk, n - k0);
    multiplyXB(createMatrix(rows, d, X.data.subarray(k0 * d, (k0 + rows) * d)), B, m, pre);
    for (let r = 0; r < rows; r++) {
      const row = r * m;
      let s = 0;
      for (let j = 0; j < m; j++) {
        const a = pre[row + j]!;
        if (a > 0) s += output[j]! * a;
      }
      scores[k0 + r] = s;
    }
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
