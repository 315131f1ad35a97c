import { choleskySolve } from '../linalg/cholesky';
import { factorSmallRegularized } from '../solvers/ipm/regularized-cholesky';
import { addGram, scaleConeRows, type ConeScaling, type GroupEliminator, type GroupLayout } from './robust-ipm-groups';

/**
 * Local groups eliminated over their global support U (the global columns their cones' rows
 * touch): each group's block is formed densely over (U, L), and
 *   S_UU += M_UU - M_UL M_LL^{-1} M_LU.
 * Works for any program; costs |U|^2 per row of the group and |U|^2 |L| for the update.
 */
export class DenseSupportGroups implements GroupEliminator {
  /** Per local group (indexed by group; only this eliminator's): its global support U (global indices, sorted). */
  private readonly support: Int32Array[] = [];
  private readonly coupling: Float64Array[] = []; // |U| x |L|, H_UL
  /**
   * For every entry of A in a local group's row: the entry's column position in that group's
   * dense matrix (support first, then the local columns); -1 elsewhere. Computed once.
   */
  private readonly entryPosition: Int32Array;
  /** Work space of the largest group's dense matrix and Schur factor. */
  private readonly groupWork: Float64Array;

  /** `groups`: the local groups this eliminator takes (default all). */
  constructor(private readonly layout: GroupLayout, private readonly groups: Int32Array = Int32Array.from(layout.localColumns, (_, k) => k)) {
    const { A, cones, globalIndex, globalCount, positionInGroup, localColumns, groupConeStart, groupCones } = layout;
    const mark = new Int32Array(globalCount).fill(-1);
    const entryPosition = new Int32Array(A.values.length).fill(-1);
    let widest = 0;
    for (const k of groups) {
      const list: number[] = [];
      for (let q = groupConeStart[k]!; q < groupConeStart[k + 1]!; q++) {
        const cone = groupCones[q]!;
        for (let r = cones.start[cone]!; r < cones.start[cone]! + cones.size[cone]!; r++) {
          for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
            const gi = globalIndex[A.columns[p]!]!;
            if (gi >= 0 && mark[gi] !== k) {
              mark[gi] = k;
              list.push(gi);
            }
          }
        }
      }
      list.sort((a, b) => a - b);
      this.support[k] = Int32Array.from(list);
      list.forEach((gi, p) => (mark[gi] = -2 - p)); // position p, recoverable while this group is current
      for (let q = groupConeStart[k]!; q < groupConeStart[k + 1]!; q++) {
        const cone = groupCones[q]!;
        for (let r = cones.start[cone]!; r < cones.start[cone]! + cones.size[cone]!; r++) {
          for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
            const column = A.columns[p]!;
            const gi = globalIndex[column]!;
            entryPosition[p] = gi >= 0 ? -2 - mark[gi]! : list.length + positionInGroup[column]!;
          }
        }
      }
      list.forEach((gi) => (mark[gi] = k));
      const L = localColumns[k]!.length;
      widest = Math.max(widest, list.length + L);
      this.coupling[k] = new Float64Array(list.length * L);
    }
    this.entryPosition = entryPosition;
    this.groupWork = new Float64Array(2 * widest * widest);
  }

  eliminateAll(scaling: ConeScaling, schur: Float64Array): void {
    for (const k of this.groups) this.eliminate(k, scaling, schur);
  }

  private eliminate(k: number, scaling: ConeScaling, schur: Float64Array): void {
    const { A, cones, pDiagonal, globalCount: NG, groupConeStart, groupCones } = this.layout;
    const { entryPosition } = this;
    const U = this.support[k]!;
    const locals = this.layout.localColumns[k]!;
    const L = locals.length;
    const u = U.length;
    const width = u + L;
    const M = this.groupWork.subarray(0, width * width);
    M.fill(0);
    for (let a = 0; a < L; a++) M[(u + a) * width + u + a]! += pDiagonal[locals[a]!]!;
    for (let q = groupConeStart[k]!; q < groupConeStart[k + 1]!; q++) {
      const cone = groupCones[q]!;
      const start = cones.start[cone]!;
      if (!cones.soc[cone]) {
        const w = scaling.rayW[start]!;
        const scale = 1 / (w * w);
        const from = A.rowStart[start]!;
        const to = A.rowStart[start + 1]!;
        for (let p = from; p < to; p++) {
          const ip = entryPosition[p]! * width;
          const vp = scale * A.values[p]!;
          for (let t = from; t < to; t++) M[ip + entryPosition[t]!]! += vp * A.values[t]!;
        }
        continue;
      }
      // A second-order cone: its rows dense over the positions they touch, then scaled by W^{-1}.
      const size = cones.size[cone]!;
      const columns: number[] = [];
      const where = new Map<number, number>();
      for (let p = A.rowStart[start]!; p < A.rowStart[start + size]!; p++) {
        if (!where.has(entryPosition[p]!)) {
          where.set(entryPosition[p]!, columns.length);
          columns.push(entryPosition[p]!);
        }
      }
      const m = columns.length;
      const dense = new Float64Array(size * m);
      for (let r = start; r < start + size; r++) {
        for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) dense[(r - start) * m + where.get(entryPosition[p]!)!]! += A.values[p]!;
      }
      const rows = new Float64Array(size * m);
      scaleConeRows(scaling, cone, start, size, dense, m, rows);
      addGram(M, width, columns, rows, size);
    }
    // H_kk = M_LL (factored), H_Uk = M_UL; S_UU += M_UU - M_UL M_LL^{-1} M_LU.
    const localBlock = this.layout.localFactor[k]!;
    for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) localBlock[a * L + b] = M[(u + a) * width + u + b]!;
    factorSmallRegularized(localBlock, 0, L, this.layout.count, false);
    const H = this.coupling[k]!;
    for (let p = 0; p < u; p++) for (let a = 0; a < L; a++) H[p * L + a] = M[p * width + u + a]!;
    // C = M_LL^{-1} M_LU (L x u), column by column of U.
    const C = this.groupWork.subarray(width * width, width * width + L * u);
    const column = new Float64Array(L);
    for (let p = 0; p < u; p++) {
      for (let a = 0; a < L; a++) column[a] = H[p * L + a]!;
      choleskySolve(localBlock, L, column);
      for (let a = 0; a < L; a++) C[a * u + p] = column[a]!;
    }
    // Only the lower triangle of S is factored (U is sorted: U[q] <= U[p] for q <= p).
    for (let p = 0; p < u; p++) {
      const rowM = p * width;
      for (let a = 0; a < L; a++) {
        const h = H[p * L + a]!;
        const rowC = a * u;
        for (let q = 0; q <= p; q++) M[rowM + q]! -= h * C[rowC + q]!;
      }
      const out = U[p]! * NG;
      for (let q = 0; q <= p; q++) schur[out + U[q]!]! += M[rowM + q]!;
    }
  }

  subtractCoupling(k: number, yk: Float64Array, rg: Float64Array): void {
    const U = this.support[k]!;
    const H = this.coupling[k]!;
    const L = this.layout.localColumns[k]!.length;
    for (let p = 0; p < U.length; p++) {
      let s = 0;
      for (let a = 0; a < L; a++) s += H[p * L + a]! * yk[a]!;
      rg[U[p]!]! -= s;
    }
  }

  subtractCouplingTransposed(k: number, xg: Float64Array, yk: Float64Array): void {
    const U = this.support[k]!;
    const H = this.coupling[k]!;
    const L = this.layout.localColumns[k]!.length;
    for (let a = 0; a < L; a++) {
      let s = 0;
      for (let p = 0; p < U.length; p++) s += H[p * L + a]! * xg[U[p]!]!;
      yk[a]! -= s;
    }
  }
}
