import { ConvexNetError } from '../errors';

/**
 * A Cholesky factor L (A = L L^T) that owns its storage and is solved with many times: the
 * u-update system of ADMM is factored once per rho and solved every iteration. Two
 * implementations with bit-identical results: WebAssembly SIMD with the factor resident in its
 * own wasm memory (wasm-cholesky.ts: copied in once per factorization, never per solve), and
 * scalar JavaScript (cholesky.ts) where WebAssembly SIMD is missing or turned off.
 */
export interface CholeskyFactor {
  /** k: the factored matrix is k x k. */
  readonly order: number;
  /** 'wasm-simd' or 'javascript', for notes and tests. */
  readonly backend: 'wasm-simd' | 'javascript';
  /**
   * Factors the k x k row-major matrix `a` (lower triangle read; `a` is not modified), replacing
   * the previous factor. Throws ConvexNetError('solver/not-positive-definite') as choleskyFactor;
   * the object cannot solve until a later factor() succeeds.
   */
  factor(a: Float64Array): void;
  /**
   * factor() of the matrix that `write` puts straight into the factor's own k x k storage (its
   * lower triangle; the rest is not read): no copy of a caller's matrix. `write` is called once.
   */
  factorWith(write: (target: Float64Array) => void): void;
  /** Solves (L L^T) x = b in place for b[offset .. offset + k). */
  solve(b: Float64Array, offset?: number): void;
  /** A copy of L (k x k row-major, zeros above the diagonal). */
  lower(): Float64Array;
}

export function checkSolveShape(k: number, b: Float64Array, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || b.length < offset + k) {
    throw new ConvexNetError('linalg/shape-mismatch', `Cholesky solve: the right-hand side needs ${k} entries from offset ${offset}, got an array of ${b.length}.`);
  }
}

export function notFactored(): ConvexNetError {
  return new ConvexNetError('solver/invalid-argument', 'Cholesky solve: the factor is not available because its factorization failed; factor a positive definite matrix first.');
}
