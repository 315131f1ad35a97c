import type { CholeskyFactor } from '../linalg/cholesky-factor';
import { choleskySolve } from '../linalg/cholesky';
import { factorLargeRegularized, factorSmallRegularized, type RegularizationCount } from '../solvers/ipm/regularized-cholesky';
import { applyWInverse } from '../solvers/ipm/second-order-cone';
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

/**
 * The Newton matrix H = P + A^T W^{-2} A of an interior-point step for a program whose variables
 * split into global ones and small local groups (here: a sample's worst-case spread and loss
 * slack), where every cone touches at most one local group. The local groups are eliminated
 * (Schur complement), so only the global block is factored densely:
 *   S = H_GG - sum_k H_Gk H_kk^{-1} H_kG,
 * then  S dx_G = r_G - sum_k H_Gk H_kk^{-1} r_k  and  dx_k = H_kk^{-1} (r_k - H_kG dx_G).
 * The cost per step is that of forming S (each cone's rows outer products over their support)
 * plus one dense Cholesky of order |global|.
 */
export class LocalEliminationSystem {
  readonly globalCount: number;
  /** Column -> index among the global columns, or -1 for a local column. */
  private readonly globalIndex: Int32Array;
  /** Column -> its position within its local group (-1 for a global column). */
  private readonly positionInGroup: Int32Array;
  /** The columns of each local group, in their in-group order. */
  private readonly localColumns: Int32Array[];
  private readonly groupSize: Int32Array;
  /** Cones of each local group (CSR), and the cones with only global columns. */
  private readonly groupConeStart: Int32Array;
  private readonly groupCones: Int32Array;
  private readonly globalCones: Int32Array;
  /** Per local group: its global support U (global indices) and the factors the solve needs. */
  private readonly support: Int32Array[];
  private readonly localFactor: Float64Array[];
  private readonly coupling: Float64Array[]; // |U| x |L|, H_UL
  /**
   * For every entry of A in a local group's row: the entry's column position in that group's
   * dense matrix (support first, then the local columns); -1 elsewhere. Computed once.
   */
  private readonly entryPosition: Int32Array;
  /** Work space of the largest group's dense matrix and Schur factor. */
  private readonly groupWork: Float64Array;
  private readonly schur: Float64Array;
  private factor: CholeskyFactor | null = null;
  readonly count: RegularizationCount = { regularizations: 0 };

  constructor(
    private readonly A: SparseRows,
    private readonly cones: ConeList,
    /** Local group of each column (-1: global). */
    localGroup: Int32Array,
    groupCount: number,
    /** Diagonal of P (the quadratic objective), per column. */
    private readonly pDiagonal: Float64Array,
  ) {
    const cols = A.cols;
    this.globalIndex = new Int32Array(cols).fill(-1);
    this.positionInGroup = new Int32Array(cols).fill(-1);
    this.groupSize = new Int32Array(groupCount);
    let g = 0;
    for (let c = 0; c < cols; c++) {
      const k = localGroup[c]!;
      if (k < 0) this.globalIndex[c] = g++;
      else this.positionInGroup[c] = this.groupSize[k]!++;
    }
    this.globalCount = g;
    this.localColumns = Array.from(this.groupSize, (L) => new Int32Array(L));
    for (let c = 0; c < cols; c++) {
      const k = localGroup[c]!;
      if (k >= 0) this.localColumns[k]![this.positionInGroup[c]!] = c;
    }
    // Which local group each cone touches (at most one).
    const coneGroup = new Int32Array(cones.start.length).fill(-1);
    for (let cone = 0; cone < cones.start.length; cone++) {
      for (let r = cones.start[cone]!; r < cones.start[cone]! + cones.size[cone]!; r++) {
        for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
          const k = localGroup[A.columns[p]!]!;
          if (k < 0) continue;
          if (coneGroup[cone]! >= 0 && coneGroup[cone] !== k) throw new Error('A cone touches two local groups.');
          coneGroup[cone] = k;
        }
      }
    }
    const counts = new Int32Array(groupCount + 1);
    const globalList: number[] = [];
    coneGroup.forEach((k, cone) => (k >= 0 ? counts[k + 1]!++ : globalList.push(cone)));
    for (let k = 0; k < groupCount; k++) counts[k + 1]! += counts[k]!;
    this.groupConeStart = counts;
    this.groupCones = new Int32Array(counts[groupCount]!);
    const fill = counts.slice(0, groupCount);
    coneGroup.forEach((k, cone) => {
      if (k >= 0) this.groupCones[fill[k]!++] = cone;
    });
    this.globalCones = Int32Array.from(globalList);
    // Global support of each local group: the global columns of its cones' rows.
    this.support = [];
    this.localFactor = [];
    this.coupling = [];
    const mark = new Int32Array(this.globalCount).fill(-1);
    const entryPosition = new Int32Array(A.values.length).fill(-1);
    let widest = 0;
    for (let k = 0; k < groupCount; k++) {
      const list: number[] = [];
      for (let q = counts[k]!; q < counts[k + 1]!; q++) {
        const cone = this.groupCones[q]!;
        for (let r = cones.start[cone]!; r < cones.start[cone]! + cones.size[cone]!; r++) {
          for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
            const gi = this.globalIndex[A.columns[p]!]!;
            if (gi >= 0 && mark[gi] !== k) {
              mark[gi] = k;
              list.push(gi);
            }
          }
        }
      }
      list.sort((a, b) => a - b);
      this.support.push(Int32Array.from(list));
      list.forEach((gi, p) => (mark[gi] = -2 - p)); // position p, recoverable while this group is current
      for (let q = counts[k]!; q < counts[k + 1]!; q++) {
        const cone = this.groupCones[q]!;
        for (let r = cones.start[cone]!; r < cones.start[cone]! + cones.size[cone]!; r++) {
          for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
            const column = A.columns[p]!;
            const gi = this.globalIndex[column]!;
            entryPosition[p] = gi >= 0 ? -2 - mark[gi]! : list.length + this.positionInGroup[column]!;
          }
        }
      }
      list.forEach((gi) => (mark[gi] = k));
      widest = Math.max(widest, list.length + this.groupSize[k]!);
      const L = this.groupSize[k]!;
      this.localFactor.push(new Float64Array(L * L));
      this.coupling.push(new Float64Array(list.length * L));
    }
    this.entryPosition = entryPosition;
    this.groupWork = new Float64Array(widest * widest + widest * widest);
    this.schur = new Float64Array(this.globalCount * this.globalCount);
  }

  /** Forms (lower triangle at least) and factors the Newton matrix at the scaling (rays: w; SOCs: eta, v). */
  update(scaling: ConeScaling): void {
    const { A, cones, schur } = this;
    const NG = this.globalCount;
    schur.fill(0);
    // P on global columns.
    for (let c = 0; c < A.cols; c++) {
      const gi = this.globalIndex[c]!;
      if (gi >= 0 && this.pDiagonal[c]! !== 0) schur[gi * NG + gi]! += this.pDiagonal[c]!;
    }
    // Global cones: rank-one updates of their scaled rows.
    const rowBuffer = new Float64Array(64);
    for (const cone of this.globalCones) {
      const start = cones.start[cone]!;
      if (!cones.soc[cone]) {
        const w = scaling.rayW[start]!;
        addScaledRowOuter(A, start, 1 / (w * w), this.globalIndex, schur, NG);
        continue;
      }
      const size = cones.size[cone]!;
      const { columns, rows } = this.scaledConeRows(cone, scaling, (c) => this.globalIndex[c]!, rowBuffer);
      addGram(schur, NG, columns, rows, size);
    }
    // Local groups: dense over (U, L), then the Schur complement into S.
    for (let k = 0; k < this.support.length; k++) this.eliminateGroup(k, scaling);
    this.factor = factorLargeRegularized(schur, NG, this.factor, this.count);
  }

  /** Solves H dx = r in place (r over all columns). */
  solve(r: Float64Array): void {
    const NG = this.globalCount;
    const rg = new Float64Array(NG);
    for (let c = 0; c < r.length; c++) {
      const gi = this.globalIndex[c]!;
      if (gi >= 0) rg[gi] = r[c]!;
    }
    const locals = this.localColumns;
    // One buffer for every group's local solve (its first L entries; choleskySolve reads only those).
    const yk = new Float64Array(this.groupSize.reduce((most, L) => Math.max(most, L), 0));
    // r_G -= H_Gk H_kk^{-1} r_k
    for (let k = 0; k < this.support.length; k++) {
      const L = this.groupSize[k]!;
      const cols = locals[k]!;
      for (let a = 0; a < L; a++) yk[a] = r[cols[a]!]!;
      choleskySolve(this.localFactor[k]!, L, yk);
      const U = this.support[k]!;
      const H = this.coupling[k]!;
      for (let p = 0; p < U.length; p++) {
        let s = 0;
        for (let a = 0; a < L; a++) s += H[p * L + a]! * yk[a]!;
        rg[U[p]!]! -= s;
      }
    }
    this.factor!.solve(rg);
    for (let c = 0; c < r.length; c++) {
      const gi = this.globalIndex[c]!;
      if (gi >= 0) r[c] = rg[gi]!;
    }
    // dx_k = H_kk^{-1} (r_k - H_kG dx_G)
    for (let k = 0; k < this.support.length; k++) {
      const L = this.groupSize[k]!;
      const cols = locals[k]!;
      const U = this.support[k]!;
      const H = this.coupling[k]!;
      for (let a = 0; a < L; a++) {
        let s = r[cols[a]!]!;
        for (let p = 0; p < U.length; p++) s -= H[p * L + a]! * rg[U[p]!]!;
        yk[a] = s;
      }
      choleskySolve(this.localFactor[k]!, L, yk);
      for (let a = 0; a < L; a++) r[cols[a]!] = yk[a]!;
    }
  }

  private eliminateGroup(k: number, scaling: ConeScaling): void {
    const { A, cones, entryPosition } = this;
    const NG = this.globalCount;
    const U = this.support[k]!;
    const L = this.groupSize[k]!;
    const u = U.length;
    const width = u + L;
    const M = this.groupWork.subarray(0, width * width);
    M.fill(0);
    const locals = this.localColumns[k]!;
    for (let a = 0; a < L; a++) M[(u + a) * width + u + a]! += this.pDiagonal[locals[a]!]!;
    const rowBuffer = new Float64Array(64);
    for (let q = this.groupConeStart[k]!; q < this.groupConeStart[k + 1]!; q++) {
      const cone = this.groupCones[q]!;
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
      const size = cones.size[cone]!;
      const { columns, rows } = this.scaledConeRows(cone, scaling, (c) => this.positionOf(c, k), rowBuffer);
      addGram(M, width, columns, rows, size);
    }
    // H_kk = M_LL (factored), H_Uk = M_UL; S_UU += M_UU - M_UL M_LL^{-1} M_LU.
    const localBlock = this.localFactor[k]!;
    for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) localBlock[a * L + b] = M[(u + a) * width + u + b]!;
    factorSmallRegularized(localBlock, 0, L, this.count);
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
    const { schur } = this;
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

  /** The position of a column in local group k's dense matrix (for second-order cone rows, which are few). */
  private positionOf(column: number, k: number): number {
    const gi = this.globalIndex[column]!;
    if (gi < 0) return this.support[k]!.length + this.positionInGroup[column]!;
    const U = this.support[k]!;
    let lo = 0;
    let hi = U.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (U[mid]! < gi) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The rows of a second-order cone multiplied by W^{-1} (dense over the union of their columns,
   * mapped by `indexOf`): B = W^{-1} A_C, so that A_C^T W^{-2} A_C = B^T B.
   */
  private scaledConeRows(cone: number, scaling: ConeScaling, indexOf: (column: number) => number, buffer: Float64Array): { columns: number[]; rows: Float64Array } {
    const { A, cones } = this;
    const start = cones.start[cone]!;
    const size = cones.size[cone]!;
    const columns: number[] = [];
    const where = new Map<number, number>();
    for (let r = start; r < start + size; r++) {
      for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
        const i = indexOf(A.columns[p]!);
        if (!where.has(i)) {
          where.set(i, columns.length);
          columns.push(i);
        }
      }
    }
    const m = columns.length;
    const dense = new Float64Array(size * m);
    for (let r = start; r < start + size; r++) {
      for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) dense[(r - start) * m + where.get(indexOf(A.columns[p]!))!]! += A.values[p]!;
    }
    const rows = new Float64Array(size * m);
    const x = buffer.length >= 2 * size ? buffer : new Float64Array(2 * size);
    for (let q = 0; q < m; q++) {
      for (let a = 0; a < size; a++) x[a] = dense[a * m + q]!;
      applyWInverse(scaling.eta[cone]!, scaling.v, start, x, 0, x, size, size);
      for (let a = 0; a < size; a++) rows[a * m + q] = x[size + a]!;
    }
    return { columns, rows };
  }
}

/** S += scale a_r a_r^T over the global columns of row r. */
function addScaledRowOuter(A: SparseRows, r: number, scale: number, globalIndex: Int32Array, S: Float64Array, NG: number): void {
  for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
    const out = globalIndex[A.columns[p]!]! * NG;
    const vp = scale * A.values[p]!;
    for (let q = A.rowStart[r]!; q < A.rowStart[r + 1]!; q++) S[out + globalIndex[A.columns[q]!]!]! += vp * A.values[q]!;
  }
}

/** target += B^T B for the `size` x |columns| rows B, scattered to `columns` of a row-major matrix of row length `stride`. */
function addGram(target: Float64Array, stride: number, columns: readonly number[], rows: Float64Array, size: number): void {
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
