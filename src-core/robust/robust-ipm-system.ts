import type { CholeskyFactor } from '../linalg/cholesky-factor';
import { choleskySolve } from '../linalg/cholesky';
import { multiplyXtR } from '../linalg/kernels';
import { createMatrix } from '../linalg/matrix';
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
  /** The cones with only global columns, less the rays in rayGroups. */
  private readonly globalCones: Int32Array;
  /** The global rays grouped by their columns (see RayGroup). */
  private readonly rayGroups: RayGroup[];
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
    const grouped = groupRaysByColumns(A, cones, globalList, globalIndex);
    this.globalCones = grouped.others;
    this.rayGroups = grouped.groups;
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
    // Global rays sharing their columns (a block's cone rows): V^T diag(1 / w^2) V each.
    for (const group of this.rayGroups) addWeightedRayGram(group, scaling, schur, NG);
    // The other global cones: rank-one updates of their scaled rows.
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

/**
 * Global rays whose rows have the same columns, in the same order: a block's cone rows (each
 * reads e_k x_k on the block's d columns). Their share of the Newton matrix, sum_r a_r a_r^T / w_r^2,
 * is V^T diag(1 / w^2) V for the rows' values V (rows x columns), one pass of the X^T R kernel
 * (WebAssembly SIMD) instead of a scalar outer product per row: logistic loss on 5,000 rows x 20
 * columns (32 patterns, every cone row kept): 14 of its 27 s were those outer products.
 */
interface RayGroup {
  /** The rows' columns, as indices among the global columns (repeats allowed: their products add). */
  readonly columns: Int32Array;
  /** The start row of each ray. */
  readonly rows: Int32Array;
  /** The rows' values (rows x columns, row-major). */
  readonly values: Float64Array;
  /** Scratch: a chunk of the values weighted by 1 / w^2, its V^T diag(1 / w^2) V, and the sum. */
  readonly weighted: Float64Array;
  readonly part: Float64Array;
  readonly gram: Float64Array;
}

/** Rows of a ray group weighted at a time (the scratch stays small: 256 x 51 doubles is 100 KB). */
const RAY_CHUNK_ROWS = 256;

/** Fewer rays with the same columns than this go one by one (the kernel call's overhead). */
const RAY_GROUP_MIN_ROWS = 16;

/** The global rays among `globalCones` grouped by their columns (groups of at least RAY_GROUP_MIN_ROWS rows); the other cones as they were. */
function groupRaysByColumns(A: SparseRows, cones: ConeList, globalCones: readonly number[], globalIndex: Int32Array): { groups: RayGroup[]; others: Int32Array } {
  // Candidates keyed by the first column and the length; a row joins a candidate only when its
  // columns equal the candidate's first row's.
  const candidates = new Map<number, { columns: Int32Array; rows: number[] }[]>();
  const others: number[] = [];
  for (const cone of globalCones) {
    const start = cones.start[cone]!;
    const from = A.rowStart[start]!;
    const length = A.rowStart[start + 1]! - from;
    if (cones.soc[cone] || length === 0) {
      others.push(cone);
      continue;
    }
    const key = globalIndex[A.columns[from]!]! * 65536 + Math.min(length, 65535);
    let list = candidates.get(key);
    if (!list) candidates.set(key, (list = []));
    const same = list.find((candidate) => candidate.columns.length === length && candidate.columns.every((c, p) => c === globalIndex[A.columns[from + p]!]));
    if (same) same.rows.push(start);
    else list.push({ columns: Int32Array.from({ length }, (_, p) => globalIndex[A.columns[from + p]!]!), rows: [start] });
  }
  const groups: RayGroup[] = [];
  const startsOf = new Map<number, number>(globalCones.map((cone) => [cones.start[cone]!, cone]));
  for (const list of candidates.values()) {
    for (const { columns, rows } of list) {
      if (rows.length < RAY_GROUP_MIN_ROWS) {
        for (const row of rows) others.push(startsOf.get(row)!);
        continue;
      }
      const m = columns.length;
      const values = new Float64Array(rows.length * m);
      rows.forEach((row, r) => values.set(A.values.subarray(A.rowStart[row]!, A.rowStart[row]! + m), r * m));
      groups.push({ columns, rows: Int32Array.from(rows), values, weighted: new Float64Array(Math.min(rows.length, RAY_CHUNK_ROWS) * m), part: new Float64Array(m * m), gram: new Float64Array(m * m) });
    }
  }
  others.sort((a, b) => a - b);
  return { groups, others: Int32Array.from(others) };
}

/** S += V^T diag(1 / w^2) V for a group of rays, scattered to its columns. */
function addWeightedRayGram(group: RayGroup, scaling: ConeScaling, S: Float64Array, NG: number): void {
  const { columns, rows, values, weighted, part, gram } = group;
  const m = columns.length;
  gram.fill(0);
  for (let r0 = 0; r0 < rows.length; r0 += RAY_CHUNK_ROWS) {
    const count = Math.min(RAY_CHUNK_ROWS, rows.length - r0);
    for (let r = 0; r < count; r++) {
      const w = scaling.rayW[rows[r0 + r]!]!;
      const weight = 1 / (w * w);
      for (let p = 0; p < m; p++) weighted[r * m + p] = weight * values[(r0 + r) * m + p]!;
    }
    multiplyXtR(createMatrix(count, m, values.subarray(r0 * m, (r0 + count) * m)), weighted.subarray(0, count * m), m, part);
    for (let e = 0; e < m * m; e++) gram[e]! += part[e]!;
  }
  for (let p = 0; p < m; p++) {
    const out = columns[p]! * NG;
    for (let q = 0; q < m; q++) S[out + columns[q]!]! += gram[p * m + q]!;
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
