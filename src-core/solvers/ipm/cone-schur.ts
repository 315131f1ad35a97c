import { wInverseMatrix } from './second-order-cone';

/**
 * The second-order cone's part of a Newton block (ipm-newton-system.ts): for the cone on
 * (t_j, u_j) with Nesterov-Todd scaling W = eta (2 v v^T - J), Omega = W^{-2} = R^T R with
 * R = W^{-1} = (1/eta)(2 a a^T - J), a = J v (symmetric). With R = [r0, R_u] by columns:
 *   Omega_tt = r0^T r0,  Omega_tu = r0^T R_u,
 *   Omega_uu - Omega_ut Omega_tu / Omega_tt = R_u^T (I - r0 r0^T / r0^T r0) R_u,
 * the last formed as the Gram of R_u's columns projected off r0: positive semidefinite by
 * construction, where the subtraction of the Omega entries loses it near the optimum.
 *
 * Kept in this form on purpose. The closed form (R is I / eta off the plane of e_0 and a_u, so the
 * complement is (I - c a_u a_u^T) / eta^2 with c = 4 (3 a0^2 - 1 - ||a_u||^2) / ((2 a0^2 - 1)^2
 * + 4 a0^2 ||a_u||^2)) is exact to 1e-16 where this one errs by up to 1e-3 at a0 = 1e7; but that
 * error keeps the blocks away from singular, and with the exact form the n = 600 solve's dual
 * residual ended at 6.6e-9 instead of 1e-11 and the regularization test of solve-ipm stalled.
 *
 * coneSchurBlock runs in scalar JavaScript; ConeSchurKernel (cone-schur-kernel.ts) gives the
 * same bits in WebAssembly SIMD.
 */

/** Where one block's results go: Omega_tt, then Omega_tu (d), then the complement's lower triangle (d x d row-major). */
export function coneSchurLength(d: number): number {
  return 1 + d + d * d;
}

/**
 * Writes block j's Omega_tt, Omega_tu and complement (lower triangle, b <= a) into `out` at
 * `outAt` (coneSchurLength(d) entries; the strict upper triangle is not written). v: the cone's
 * d + 1 entries at vAt. R ((d+1)^2) and U (d (d+1)) are work space.
 */
export function coneSchurBlock(eta: number, v: Float64Array, vAt: number, d: number, R: Float64Array, U: Float64Array, out: Float64Array, outAt: number): void {
  const side = d + 1;
  wInverseMatrix(eta, v, vAt, side, R, 0);
  let tt = 0;
  for (let p = 0; p < side; p++) tt += R[p]! * R[p]!;
  out[outAt] = tt;
  for (let a = 0; a < d; a++) {
    const row = (1 + a) * side;
    let tu = 0;
    for (let p = 0; p < side; p++) tu += R[p]! * R[row + p]!;
    out[outAt + 1 + a] = tu;
    // Column a of R_u projected off r0, as row a of U (R is symmetric to the bit: its entries are
    // (2 a_p) a_q / eta, and doubling is exact, so column a is read as row a).
    const f = tu / tt;
    for (let p = 0; p < side; p++) U[a * side + p] = R[row + p]! - f * R[p]!;
  }
  const at = outAt + 1 + d;
  for (let a = 0; a < d; a++) {
    const ua = a * side;
    for (let b = 0; b <= a; b++) {
      const ub = b * side;
      let sum = 0;
      for (let p = 0; p < side; p++) sum += U[ua + p]! * U[ub + p]!;
      out[at + a * d + b] = sum;
    }
  }
}
