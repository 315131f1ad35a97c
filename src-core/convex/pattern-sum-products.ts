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
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0, e = k * P; i < P; i++, e++) if (masks[e] !== 0) s += Z[e]!;
    out[k] = s;
  }
}

/** out (P blocks of d) = F_+^T w: block i is X^T (d_i o w), column i of X^T W with W_ki = m_ki w_k. */
export function applyFplusTranspose(X: Matrix, masks: Uint8Array, P: number, w: Float64Array, out: Float64Array, T: Float64Array, Z: Float64Array): void {
  const n = X.rows;
  const d = X.cols;
  for (let k = 0; k < n; k++) {
    const wk = w[k]!;
    for (let i = 0, e = k * P; i < P; i++, e++) Z[e] = masks[e] !== 0 ? wk : 0;
  }
  multiplyXtR(X, Z, P, T);
  for (let i = 0; i < P; i++) for (let l = 0; l < d; l++) out[i * d + l] = T[l * P + i]!;
}
