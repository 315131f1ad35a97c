import { choleskySolve } from '../../linalg/cholesky';
import { factorSmallRegularized, type RegularizationCount } from './regularized-cholesky';

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
  /** Q came from a CouplingCache instead of being formed (direct path; never on Woodbury's). */
  readonly couplingReused: boolean;
  /** Factors for new blocks B (2P blocks of d x d, both triangles; read, not modified). */
  factor(B: Float64Array): void;
  /** du = (blockdiag(B) + F^T F)^{-1} r with the current factors (r and du: 2P x d, distinct). */
  solve(r: Float64Array, du: Float64Array): void;
  /** out (P blocks of d) = Q a. */
  applyCoupling(a: Float64Array, out: Float64Array): void;
}

/** Cholesky factors of S_i = Bv_i + Bw_i (P of d x d, into `out`) for blocks B (2P of d x d, v-half then w-half). */
export function factorBlockSums(B: Float64Array, d: number, P: number, out: Float64Array, count: RegularizationCount): void {
  for (let i = 0; i < P; i++) {
    const bv = i * d * d;
    const bw = (P + i) * d * d;
    for (let t = 0; t < d * d; t++) out[bv + t] = B[bv + t]! + B[bw + t]!;
    factorSmallRegularized(out, bv, d, count);
  }
}

/**
 * du's two halves from a = dv - dw: the sum of the two block rows, Bv dv + Bw dw = rv + rw with
 * dv = dw + a, gives (Bv + Bw) dw = rv + rw - Bv a, then dv = dw + a. (Bv + Bw)^{-1} Bv has norm
 * at most 1, so a's rounding is not amplified; dv = Bv^{-1} (rv - Q a) would multiply it by
 * Bv^{-1} Q, huge near the optimum where an active neuron's block is flat.
 * sumFactors from factorBlockSums; r and du: 2P x d.
 */
export function recoverHalves(B: Float64Array, sumFactors: Float64Array, d: number, P: number, r: Float64Array, a: Float64Array, du: Float64Array): void {
  const half = d * P;
  for (let i = 0; i < P; i++) {
    const bv = i * d * d;
    const w = half + i * d;
    for (let row = 0; row < d; row++) {
      let sum = r[i * d + row]! + r[w + row]!;
      for (let col = 0; col < d; col++) sum -= B[bv + row * d + col]! * a[i * d + col]!;
      du[w + row] = sum;
    }
    choleskySolve(sumFactors.subarray(bv, bv + d * d), d, du, w);
    for (let row = 0; row < d; row++) du[i * d + row] = du[w + row]! + a[i * d + row]!;
  }
}
