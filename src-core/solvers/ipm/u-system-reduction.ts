/**
 * One way of solving the interior-point u-system
 *
 *   (blockdiag(B_j) + F^T F) du = r,   F^T F = [[Q, -Q], [-Q, Q]],  Q = F_+^T F_+,
 *
 * for 2P blocks u_j (v-half then w-half, d each), given the d x d blocks B_j (ipm-newton-system.ts
 * forms them). The approximate solve is refined by the caller against the exact operator, which
 * needs Q applied to a vector: applyCoupling.
 */
export interface USystemReduction {
  /** Wall ms of the one-time setup (forming Q on the direct path), for notes. */
  readonly setupMs: number;
  /** Factors for new blocks B (2P blocks of d x d, both triangles; read, not modified). */
  factor(B: Float64Array): void;
  /** du = (blockdiag(B) + F^T F)^{-1} r with the current factors (r and du: 2P x d, distinct). */
  solve(r: Float64Array, du: Float64Array): void;
  /** out (P blocks of d) = Q a. */
  applyCoupling(a: Float64Array, out: Float64Array): void;
}
