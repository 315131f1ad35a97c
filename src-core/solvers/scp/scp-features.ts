import { ConvexNetError } from '../../errors';
import type { Matrix } from '../../linalg/matrix';
import { createMatrix } from '../../linalg/matrix';
import type { Prng } from '../../random/prng';

/**
 * Fixed ReLU features of the sampled convex program (paper-spec.md 5.1):
 *   u_j = h_j / ||h_j||_2,  h_j ~ N(0, I_d)   (uniform on the unit sphere),
 *   Phi = [ (X u_1)_+, ..., (X u_N)_+ ]  in R^{n x N}, row-major.
 * d = X.cols, so when X carries the constant-1 bias column every direction gets a random bias
 * coordinate as well (the last entry).
 */

/** N random unit directions in R^dim, one per row (N x dim). Same Prng state, same directions. */
export function sampleScpDirections(prng: Prng, count: number, dim: number): Matrix {
  if (!Number.isInteger(count) || count < 1) {
    throw new ConvexNetError('solver/no-neurons', `The number of sampled neurons must be a whole number of at least 1, got ${count}.`);
  }
  if (!Number.isInteger(dim) || dim < 1) {
    throw new ConvexNetError('data/shape-mismatch', `The direction dimension must be a whole number of at least 1, got ${dim}.`);
  }
  const out = createMatrix(count, dim);
  const u = out.data;
  for (let j = 0; j < count; j++) {
    const offset = j * dim;
    let sq = 0;
    // Redraw the (probability-zero, but possible in floating point) all-zero vector.
    while (sq === 0) {
      sq = 0;
      for (let t = 0; t < dim; t++) {
        const g = prng.nextGaussian();
        u[offset + t] = g;
        sq += g * g;
      }
    }
    const inv = 1 / Math.sqrt(sq);
    for (let t = 0; t < dim; t++) u[offset + t]! *= inv;
  }
  return out;
}

/** Directions from given vectors h_j (rows of `vectors`), each scaled to unit length. */
export function scpDirectionsFromVectors(vectors: Matrix): Matrix {
  const { rows, cols } = vectors;
  if (rows < 1) throw new ConvexNetError('solver/no-neurons', 'At least one neuron direction is needed, got 0.');
  const out = createMatrix(rows, cols);
  for (let j = 0; j < rows; j++) {
    let sq = 0;
    for (let t = 0; t < cols; t++) sq += vectors.data[j * cols + t]! ** 2;
    if (!(sq > 0) || !Number.isFinite(sq)) {
      throw new ConvexNetError('solver/invalid-directions', `Direction ${j} must be a finite, non-zero vector (its squared length is ${sq}).`);
    }
    const inv = 1 / Math.sqrt(sq);
    for (let t = 0; t < cols; t++) out.data[j * cols + t] = vectors.data[j * cols + t]! * inv;
  }
  return out;
}

/** Phi (n x N) with Phi[k, j] = max(x_k^T u_j, 0). */
export function buildScpFeatures(X: Matrix, directions: Matrix): Matrix {
  const n = X.rows;
  const d = X.cols;
  const N = directions.rows;
  if (directions.cols !== d) {
    throw new ConvexNetError('data/shape-mismatch', `Neuron directions have ${directions.cols} entries, the data rows have ${d}.`);
  }
  const phi = createMatrix(n, N);
  const xd = X.data;
  const ud = directions.data;
  const pd = phi.data;
  for (let k = 0; k < n; k++) {
    const xo = k * d;
    const po = k * N;
    for (let j = 0; j < N; j++) {
      const uo = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += xd[xo + t]! * ud[uo + t]!;
      pd[po + j] = s > 0 ? s : 0;
    }
  }
  return phi;
}
