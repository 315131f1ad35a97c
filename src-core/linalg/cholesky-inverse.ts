/**
 * out += A^{-1} for a positive definite d x d matrix A given its Cholesky factor L (A = L L^T,
 * lower triangle row-major at `at`; the upper triangle is not read): A^{-1} = L^{-T} L^{-1}.
 * L^{-1} is formed row by row, row i = (e_i - sum_{k<i} L_ik row k) / L_ii (contiguous axpys
 * over the k + 1 nonzero entries of each row), into `work` (d x d); then A^{-1} = sum_k
 * (row k)^T (row k), accumulated over the lower triangle and mirrored, so the result is exactly
 * symmetric. About d^3 / 3 multiply-adds: a sixth of the 2 d^3 of solving for the d columns of
 * the identity with the factor.
 */
export function addCholeskyInverse(l: Float64Array, at: number, d: number, work: Float64Array, out: Float64Array, outAt: number): void {
  work.fill(0, 0, d * d);
  for (let i = 0; i < d; i++) {
    const wi = i * d;
    work[wi + i] = 1;
    for (let k = 0; k < i; k++) {
      const f = l[at + i * d + k]!;
      const wk = k * d;
      for (let c = 0; c <= k; c++) work[wi + c]! -= f * work[wk + c]!;
    }
    const pivot = l[at + wi + i]!;
    for (let c = 0; c <= i; c++) work[wi + c]! /= pivot;
  }
  for (let k = 0; k < d; k++) {
    const wk = k * d;
    for (let a = 0; a <= k; a++) {
      const x = work[wk + a]!;
      const row = outAt + a * d;
      for (let b = 0; b <= a; b++) out[row + b]! += x * work[wk + b]!;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) out[outAt + b * d + a] = out[outAt + a * d + b]!;
}
