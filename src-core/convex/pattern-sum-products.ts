import { multiplyXB, multiplyXtR } from '../linalg/kernels';
import type { Matrix } from '../linalg/matrix';

/**
 * Products with F_+ = [D_1 X, ..., D_P X] (n x dP) without forming it: one multi-vector pass
 * over X for all P blocks. masks is n x P (row-major, 1 = active); T (d x P) and Z (n x P) are
 * the caller's scratch.
 */

/** out (n) = F_+ b = sum_i D_i X b_i for b of P blocks of d. */
export function applyFplus(X: Matrix, masks: Uint8Array, P: number, b: Float64Array, out: Float64Array, T: Float64Array, Z: Float64Array): void {
  const n = X.rows;
  const d = X.cols;
  for (let i = 0; i < P; i++) for (let l = 0; l < d; l++) T[l * P + i] = b[i * d + l]!;
  multiplyXB(X, T, P, Z);
  // Branch-free: the masks are ~half ones in no order, and a branch on them was mispredicted
  // about half the time (this loop took as long as the SIMD product before it). Adding
  // 0 * z (a zero) leaves the sum's bits as skipping it did, for finite z.
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0, e = k * P; i < P; i++, e++) s += masks[e]! * Z[e]!;
    out[k] = s;
  }
}

/** out (P blocks of d) = F_+^T w: block i is X^T (d_i o w), column i of X^T W with W_ki = m_ki w_k. */
export function applyFplusTranspose(X: Matrix, masks: Uint8Array, P: number, w: Float64Array, out: Float64Array, T: Float64Array, Z: Float64Array): void {
  const n = X.rows;
  const d = X.cols;
  for (let k = 0; k < n; k++) {
    const wk = w[k]!;
    // Branch-free, as in applyFplus; a masked entry is +-0, which X^T Z sums as it summed +0.
    for (let i = 0, e = k * P; i < P; i++, e++) Z[e] = masks[e]! * wk;
  }
  multiplyXtR(X, Z, P, T);
  for (let i = 0; i < P; i++) for (let l = 0; l < d; l++) out[i * d + l] = T[l * P + i]!;
}
