import { applyWInverse } from '../solvers/ipm/second-order-cone';
import type { RegularizationCount } from '../solvers/ipm/regularized-cholesky';
import type { SparseRows } from './sparse-rows';

/**
 * The cones of a conic program  A x - c = s in C  (C a product of non-negative rays and
 * second-order cones, in row order): cone g covers rows [start[g], start[g] + size[g]); `soc[g]`
 * says whether it is a second-order cone (size 1 rays are listed one by one).
 */
export interface ConeList {
  readonly start: Int32Array;
  readonly size: Int32Array;
  readonly soc: Uint8Array;
}

/** Scaling of every cone at the current iterate: rays w_r = sqrt(s_r / y_r); SOCs (eta, v) at the cone's rows. */
export interface ConeScaling {
  readonly rayW: Float64Array; // per row (used on ray rows)
  readonly eta: Float64Array; // per cone (used on SOCs)
  readonly v: Float64Array; // per row (used on SOC rows)
}

/** How the columns split into global ones and local groups, and which cones each group owns. */
export interface GroupLayout {
  readonly A: SparseRows;
  readonly cones: ConeList;
  readonly pDiagonal: Float64Array;
  /** Column -> index among the global columns, or -1 for a local column. */
  readonly globalIndex: Int32Array;
  readonly globalCount: number;
  /** Column -> its position within its local group (-1 for a global column). */
  readonly positionInGroup: Int32Array;
  /** The columns of each local group, in their in-group order. */
  readonly localColumns: readonly Int32Array[];
  /** Cones of group k: groupCones[groupConeStart[k] .. groupConeStart[k + 1]). */
  readonly groupConeStart: Int32Array;
  readonly groupCones: Int32Array;
  /** Per group, the Cholesky factor of its local block H_kk (L x L), set by `eliminate`. */
  readonly localFactor: readonly Float64Array[];
  readonly count: RegularizationCount;
}

/**
 * Eliminates the local groups of a Newton matrix H = P + A^T W^{-2} A: forms each group's block
 * and coupling to the global columns, factors H_kk into layout.localFactor[k] and adds
 * -H_Gk H_kk^{-1} H_kG (and H_GG's share of the group's cones) to the lower triangle of S; then
 * applies the couplings in the solve.
 */
export interface GroupEliminator {
  eliminateAll(scaling: ConeScaling, schur: Float64Array): void;
  /** rg -= H_Gk yk (rg over the global columns). */
  subtractCoupling(k: number, yk: Float64Array, rg: Float64Array): void;
  /** yk -= H_kG xg. */
  subtractCouplingTransposed(k: number, xg: Float64Array, yk: Float64Array): void;
}

/**
 * Rows [start, start + size) of a second-order cone, given dense in `dense` (size x m, row-major),
 * multiplied by W^{-1} into `out`: B = W^{-1} A_C, so that A_C^T W^{-2} A_C = B^T B.
 */
export function scaleConeRows(scaling: ConeScaling, cone: number, start: number, size: number, dense: Float64Array, m: number, out: Float64Array): void {
  const x = new Float64Array(2 * size);
  for (let q = 0; q < m; q++) {
    for (let a = 0; a < size; a++) x[a] = dense[a * m + q]!;
    applyWInverse(scaling.eta[cone]!, scaling.v, start, x, 0, x, size, size);
    for (let a = 0; a < size; a++) out[a * m + q] = x[size + a]!;
  }
}

/** target += B^T B for the `size` x |columns| rows B, scattered to `columns` of a row-major matrix of row length `stride`. */
export function addGram(target: Float64Array, stride: number, columns: ArrayLike<number>, rows: Float64Array, size: number): void {
  const m = columns.length;
  for (let a = 0; a < size; a++) {
    for (let p = 0; p < m; p++) {
      const vp = rows[a * m + p]!;
      if (vp === 0) continue;
      const rowOut = columns[p]! * stride;
      for (let q = 0; q < m; q++) target[rowOut + columns[q]!]! += vp * rows[a * m + q]!;
    }
  }
}
