import type { CholeskyFactor } from '../linalg/cholesky-factor';
import { choleskySolve } from '../linalg/cholesky';
import { factorLargeRegularized, type RegularizationCount } from '../solvers/ipm/regularized-cholesky';
import { DenseSupportGroups } from './robust-ipm-dense-groups';
import { addGram, scaleConeRows, type ConeList, type ConeScaling, type GroupEliminator, type GroupLayout } from './robust-ipm-groups';
import { SignedBlockGroups, type SignedBlocks } from './robust-ipm-signed-groups';
import type { SparseRows } from './sparse-rows';

export type { ConeList, ConeScaling } from './robust-ipm-groups';

/**
 * The Newton matrix H = P + A^T W^{-2} A of an interior-point step for a program whose variables
 * split into global ones and small local groups (here: a sample's worst-case spread and loss
 * slack), where every cone touches at most one local group. The local groups are eliminated
 * (Schur complement), so only the global block is factored densely:
 *   S = H_GG - sum_k H_Gk H_kk^{-1} H_kG,
 * then  S dx_G = r_G - sum_k H_Gk H_kk^{-1} r_k  and  dx_k = H_kk^{-1} (r_k - H_kG dx_G).
 * The cost per step is that of forming S (the global cones' rows outer products, and each
 * group's share: robust-ipm-dense-groups.ts in general, robust-ipm-signed-groups.ts when the
 * program declares the signed-block form) plus one dense Cholesky of order |global|.
 */
export class LocalEliminationSystem {
  readonly globalCount: number;
  readonly count: RegularizationCount = { regularizations: 0 };
  private readonly layout: GroupLayout;
  /** The eliminators, and the one that owns each local group. */
  private readonly eliminators: GroupEliminator[];
  /** The signed groups' form: rank one (SignedBlockGroups), general, or null without signed groups. */
  readonly signedRankOne: boolean | null;
  /**
   * Rank-one signed groups (the first `count`), whose couplings are applied to all groups at once:
   * their local vectors live side by side, group k's at `at[k]`.
   */
  private readonly rankOneGroups: { readonly eliminator: SignedBlockGroups; readonly count: number; readonly at: Int32Array } | null;
  private readonly owner: GroupEliminator[];
  /** The cones with only global columns. */
  private readonly globalCones: Int32Array;
  private readonly schur: Float64Array;
  private factor: CholeskyFactor | null = null;

  constructor(
    private readonly A: SparseRows,
    private readonly cones: ConeList,
    /** Local group of each column (-1: global). */
    localGroup: Int32Array,
    groupCount: number,
    /** Diagonal of P (the quadratic objective), per column. */
    private readonly pDiagonal: Float64Array,
    /** The signed-block form of the groups' rows, when the program has it (robust-conic-qp.ts). */
    signedBlocks?: SignedBlocks,
  ) {
    const cols = A.cols;
    const globalIndex = new Int32Array(cols).fill(-1);
    const positionInGroup = new Int32Array(cols).fill(-1);
    const groupSize = new Int32Array(groupCount);
    let g = 0;
    for (let c = 0; c < cols; c++) {
      const k = localGroup[c]!;
      if (k < 0) globalIndex[c] = g++;
      else positionInGroup[c] = groupSize[k]!++;
    }
    this.globalCount = g;
    const localColumns = Array.from(groupSize, (L) => new Int32Array(L));
    for (let c = 0; c < cols; c++) {
      const k = localGroup[c]!;
      if (k >= 0) localColumns[k]![positionInGroup[c]!] = c;
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
    const groupConeStart = new Int32Array(groupCount + 1);
    const globalList: number[] = [];
    coneGroup.forEach((k, cone) => (k >= 0 ? groupConeStart[k + 1]!++ : globalList.push(cone)));
    for (let k = 0; k < groupCount; k++) groupConeStart[k + 1]! += groupConeStart[k]!;
    const groupCones = new Int32Array(groupConeStart[groupCount]!);
    const fill = groupConeStart.slice(0, groupCount);
    coneGroup.forEach((k, cone) => {
      if (k >= 0) groupCones[fill[k]!++] = cone;
    });
    this.globalCones = Int32Array.from(globalList);
    this.layout = {
      A, cones, pDiagonal, globalIndex, globalCount: g, positionInGroup, localColumns, groupConeStart, groupCones,
      localFactor: Array.from(groupSize, (L) => new Float64Array(L * L)),
      count: this.count,
    };
    // The signed groups (the first signedBlocks.groups) through their signed-block form, the others in general.
    const signedCount = signedBlocks ? signedBlocks.groups : 0;
    const signed = signedBlocks ? new SignedBlockGroups(this.layout, signedBlocks) : null;
    const others = Int32Array.from({ length: groupCount - signedCount }, (_, i) => signedCount + i);
    const general = others.length > 0 ? new DenseSupportGroups(this.layout, others) : null;
    this.signedRankOne = signed ? signed.rankOneGroups : null;
    this.rankOneGroups = signed && signed.rankOneGroups ? { eliminator: signed, count: signedCount, at: prefixSums(localColumns, signedCount) } : null;
    this.eliminators = [];
    if (signed) this.eliminators.push(signed);
    if (general) this.eliminators.push(general);
    this.owner = Array.from({ length: groupCount }, (_, k) => (k < signedCount ? signed! : general!));
    this.schur = new Float64Array(g * g);
  }

  /** Forms (lower triangle at least) and factors the Newton matrix at the scaling (rays: w; SOCs: eta, v). */
  update(scaling: ConeScaling): void {
    const { A, cones, schur } = this;
    const { globalIndex } = this.layout;
    const NG = this.globalCount;
    schur.fill(0);
    // P on global columns.
    for (let c = 0; c < A.cols; c++) {
      const gi = globalIndex[c]!;
      if (gi >= 0 && this.pDiagonal[c]! !== 0) schur[gi * NG + gi]! += this.pDiagonal[c]!;
    }
    // Global cones: rank-one updates of their scaled rows.
    for (const cone of this.globalCones) {
      const start = cones.start[cone]!;
      if (!cones.soc[cone]) {
        const w = scaling.rayW[start]!;
        addScaledRowOuter(A, start, 1 / (w * w), globalIndex, schur, NG);
        continue;
      }
      const size = cones.size[cone]!;
      const { columns, dense } = denseConeRows(A, start, size, globalIndex);
      const rows = new Float64Array(dense.length);
      scaleConeRows(scaling, cone, start, size, dense, columns.length, rows);
      addGram(schur, NG, columns, rows, size);
    }
    // Local groups: their Schur complements into S.
    for (const eliminator of this.eliminators) eliminator.eliminateAll(scaling, schur);
    this.factor = factorLargeRegularized(schur, NG, this.factor, this.count);
  }

  /** Solves H dx = r in place (r over all columns). */
  solve(r: Float64Array): void {
    const NG = this.globalCount;
    const { globalIndex, localColumns, localFactor } = this.layout;
    const rg = new Float64Array(NG);
    for (let c = 0; c < r.length; c++) {
      const gi = globalIndex[c]!;
      if (gi >= 0) rg[gi] = r[c]!;
    }
    // One buffer for every group's local solve (its first L entries; choleskySolve reads only those).
    const yk = new Float64Array(localColumns.reduce((most, cols) => Math.max(most, cols.length), 0));
    // The rank-one groups' local vectors side by side, their couplings applied all at once.
    const batch = this.rankOneGroups;
    const first = batch ? batch.count : 0;
    const ys = batch ? new Float64Array(batch.at[first]!) : null;
    // r_G -= H_Gk H_kk^{-1} r_k
    for (let k = 0; k < localColumns.length; k++) {
      const cols = localColumns[k]!;
      if (k < first) {
        const y = ys!.subarray(batch!.at[k]!, batch!.at[k + 1]!);
        for (let a = 0; a < cols.length; a++) y[a] = r[cols[a]!]!;
        choleskySolve(localFactor[k]!, cols.length, y);
        continue;
      }
      for (let a = 0; a < cols.length; a++) yk[a] = r[cols[a]!]!;
      choleskySolve(localFactor[k]!, cols.length, yk);
      this.owner[k]!.subtractCoupling(k, yk, rg);
    }
    if (batch) batch.eliminator.subtractCouplingAll(ys!, batch.at, rg);
    this.factor!.solve(rg);
    for (let c = 0; c < r.length; c++) {
      const gi = globalIndex[c]!;
      if (gi >= 0) r[c] = rg[gi]!;
    }
    // dx_k = H_kk^{-1} (r_k - H_kG dx_G)
    if (batch) {
      for (let k = 0; k < first; k++) {
        const cols = localColumns[k]!;
        const from = batch.at[k]!;
        for (let a = 0; a < cols.length; a++) ys![from + a] = r[cols[a]!]!;
      }
      batch.eliminator.subtractCouplingTransposedAll(rg, ys!, batch.at);
    }
    for (let k = 0; k < localColumns.length; k++) {
      const cols = localColumns[k]!;
      if (k < first) {
        const y = ys!.subarray(batch!.at[k]!, batch!.at[k + 1]!);
        choleskySolve(localFactor[k]!, cols.length, y);
        for (let a = 0; a < cols.length; a++) r[cols[a]!] = y[a]!;
        continue;
      }
      for (let a = 0; a < cols.length; a++) yk[a] = r[cols[a]!]!;
      this.owner[k]!.subtractCouplingTransposed(k, rg, yk);
      choleskySolve(localFactor[k]!, cols.length, yk);
      for (let a = 0; a < cols.length; a++) r[cols[a]!] = yk[a]!;
    }
  }
}

/** Where each of the first `count` groups' local vectors starts when they lie side by side (count + 1 entries). */
function prefixSums(localColumns: readonly Int32Array[], count: number): Int32Array {
  const at = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) at[k + 1] = at[k]! + localColumns[k]!.length;
  return at;
}

/** The rows [start, start + size) dense over the union of their (global) columns. */
function denseConeRows(A: SparseRows, start: number, size: number, globalIndex: Int32Array): { columns: number[]; dense: Float64Array } {
  const columns: number[] = [];
  const where = new Map<number, number>();
  for (let p = A.rowStart[start]!; p < A.rowStart[start + size]!; p++) {
    const i = globalIndex[A.columns[p]!]!;
    if (!where.has(i)) {
      where.set(i, columns.length);
      columns.push(i);
    }
  }
  const m = columns.length;
  const dense = new Float64Array(size * m);
  for (let r = start; r < start + size; r++) {
    for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) dense[(r - start) * m + where.get(globalIndex[A.columns[p]!]!)!]! += A.values[p]!;
  }
  return { columns, dense };
}

/** S += scale a_r a_r^T over the global columns of row r. */
function addScaledRowOuter(A: SparseRows, r: number, scale: number, globalIndex: Int32Array, S: Float64Array, NG: number): void {
  for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
    const out = globalIndex[A.columns[p]!]! * NG;
    const vp = scale * A.values[p]!;
    for (let q = A.rowStart[r]!; q < A.rowStart[r + 1]!; q++) S[out + globalIndex[A.columns[q]!]!]! += vp * A.values[q]!;
  }
}
