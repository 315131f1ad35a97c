import { formPatternPairGrams } from '../convex/block-system';
import { choleskySolve } from '../linalg/cholesky';
import { multiplyXB, multiplyXtR } from '../linalg/kernels';
import { createMatrix } from '../linalg/matrix';
import { factorSmallRegularized } from '../solvers/ipm/regularized-cholesky';
import { addGram, scaleConeRows, type ConeScaling, type GroupEliminator, type GroupLayout } from './robust-ipm-groups';

/** The rank-one form keeps e_k, not E_k: its couplings go through subtractCouplingAll and subtractCouplingTransposedAll. */
const RANK_ONE_IN_BATCHES = 'SignedBlockGroups: rank-one groups apply their couplings in batches (subtractCouplingAll, subtractCouplingTransposedAll).';

/**
 * Global columns [0, copies * patterns * width) read as blocks of `width` columns, block
 * j = c * patterns + i being copy c of pattern i. Local group k's rows are, on the global columns,
 * s_k (x) z for one z in R^width per row, with the block signs s_k = copySigns (x) m_k
 * (m_k = activity[k, :] in {0, 1}), and touch no other global column. The robust program has this
 * form: a sample's loss and spread rows read sum_i d_ik (v_i - w_i) . z (robust-conic-form.ts),
 * so copySigns = (1, -1) and m_k is the sample's pattern activity.
 */
export interface SignedBlocks {
  /** The signed groups are the local groups [0, groups); the others are eliminated in general. */
  readonly groups: number;
  readonly width: number;
  readonly patterns: number;
  readonly copySigns: readonly number[];
  /** groups x patterns, row-major. */
  readonly activity: Uint8Array;
}

/**
 * Local groups eliminated through their signed-block form. With each group row compressed to
 * (z, local part), the group's matrix over (z, L) is only (width + L)^2, and
 *   H_Gk = s_k (x) E_k   (E_k = M_zL, width x L),
 *   H_GG += (s_k s_k^T) (x) Q_k,   Q_k = M_zz - E_k M_LL^{-1} E_k^T   (width x width).
 * The Q_k are summed per pair of patterns, T_ii' = sum_{k: m_ki = m_ki' = 1} Q_k (a compact
 * array that stays in cache), and S's block (c i, c' i') is copySigns[c] copySigns[c'] T_ii'.
 * A group costs (width + L)^2 per row plus width^2 per pair of its active patterns, against
 * |U|^2 per row and |U|^2 L for DenseSupportGroups (|U| = width x active blocks).
 *
 * Rank one: when every row of a group has z = a_r z_k for one direction z_k (the program without
 * an adversary: a sample's loss rows all read x_k), M's z part is that of the (1 + L)-column rows
 * (a_r, local part): E_k = z_k e_k^T and Q_k = gamma_k z_k z_k^T with gamma_k = M_aa - e_k^T
 * M_LL^{-1} e_k, a scalar. Then T_ii' = sum_{k: m_ki = m_ki' = 1} gamma_k z_k z_k^T is the pattern
 * pair Gram of the rows sqrt(gamma_k) z_k (formPatternPairGrams, WebAssembly SIMD), and each group
 * costs (1 + L)^2 per row. The pair sums had been most of the method's time: hinge loss on 5,000
 * Gaussian rows x 20 columns (32 patterns, 24 Newton steps) spent 12 of its 17.5 s in them.
 */
export class SignedBlockGroups implements GroupEliminator {
  /** Per group: its compressed cone rows (rows in cone order x (width + L)); emptied in the rank-one form, which keeps its own (1 + L)-column rows. */
  private readonly compressed: Float64Array[] = [];
  /** Per group: its active patterns, ascending. */
  private readonly activePatterns: Int32Array[] = [];
  private readonly coupling: Float64Array[] = []; // E_k, width x L
  /** T_ii' for i' <= i, each width x width, at ((i (i + 1)) / 2 + i') width^2. */
  private readonly pairSums: Float64Array;
  private readonly matrix: Float64Array;
  private readonly schurBlock: Float64Array; // Q_k
  private readonly solved: Float64Array; // M_LL^{-1} E_k^T, L x width
  private readonly vector: Float64Array;
  /** 0 .. widest - 1: a compressed row's positions, for addGram. */
  private readonly positions: Int32Array;
  /**
   * Rank one (see the class): per group its direction z_k (groups x width) and its rows as
   * (a_r, local part), and gamma_k; null when some group's rows have other directions.
   */
  private readonly rankOne: { readonly directions: Float64Array; readonly rows: Float64Array[]; readonly gamma: Float64Array; readonly scaled: Float64Array; readonly pairGrams: Float64Array; readonly perPattern: Float64Array; readonly patternSums: Float64Array } | null;

  constructor(private readonly layout: GroupLayout, private readonly blocks: SignedBlocks) {
    const { A, cones, globalIndex, positionInGroup, localColumns, groupConeStart, groupCones } = layout;
    const { width, patterns, copySigns, activity } = blocks;
    const blockCount = copySigns.length * patterns;
    for (let c = 0; c < blockCount * width; c++) {
      if (globalIndex[c] !== c) throw new Error('The signed blocks must be the first global columns.');
    }
    const signOf = (k: number, j: number): number => copySigns[Math.floor(j / patterns)]! * activity[k * patterns + (j % patterns)]!;
    const copiesInUse = copySigns.filter((sign) => sign !== 0).length;
    // A row dense over the blocks (summing repeated columns), written and cleared only where the row
    // has entries: the check costs the row's entries, not blockCount x width per row (the
    // constructor 293 -> 235 ms of a 5.4 s hinge solve on 5,000 rows x 20 columns).
    const full = new Float64Array(blockCount * width);
    const counted = new Uint8Array(blockCount * width);
    const touched: number[] = [];
    let widest = 0;
    for (let k = 0; k < blocks.groups; k++) {
      const L = localColumns[k]!.length;
      const W = width + L;
      widest = Math.max(widest, W);
      const active: number[] = [];
      for (let i = 0; i < patterns; i++) if (activity[k * patterns + i] === 1) active.push(i);
      this.activePatterns.push(Int32Array.from(active));
      let rowCount = 0;
      for (let q = groupConeStart[k]!; q < groupConeStart[k + 1]!; q++) rowCount += cones.size[groupCones[q]!]!;
      const rows = new Float64Array(rowCount * W);
      // Each row is checked to be s_k (x) z: every entry it has equals s_kj z_t, and the nonzero
      // ones are as many as the pairs (j, t) with s_kj != 0 and z_t != 0, so none is missing.
      const reference = active[0]; // block of copy 0
      let out = 0;
      for (let q = groupConeStart[k]!; q < groupConeStart[k + 1]!; q++) {
        const cone = groupCones[q]!;
        for (let r = cones.start[cone]!; r < cones.start[cone]! + cones.size[cone]!; r++, out++) {
          touched.length = 0;
          for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
            const column = A.columns[p]!;
            if (globalIndex[column]! < 0) rows[out * W + width + positionInGroup[column]!]! += A.values[p]!;
            else if (column < blockCount * width) {
              touched.push(column);
              full[column]! += A.values[p]!;
            } else throw new Error(`Row ${r} of local group ${k} touches a global column outside the signed blocks.`);
          }
          let zNonzero = 0;
          if (reference !== undefined) {
            for (let t = 0; t < width; t++) {
              const z = full[reference * width + t]! / copySigns[0]!;
              rows[out * W + t] = z;
              if (z !== 0) zNonzero++;
            }
          }
          let nonzero = 0;
          for (const column of touched) {
            const value = full[column]!;
            if (counted[column] || value === 0) continue;
            if (value !== signOf(k, Math.floor(column / width)) * rows[out * W + (column % width)]!) throw new Error(`Row ${r} of local group ${k} is not of its signed-block form.`);
            nonzero++;
            counted[column] = 1; // a repeated column is counted once
          }
          for (const column of touched) {
            full[column] = 0;
            counted[column] = 0;
          }
          if (nonzero !== active.length * copiesInUse * zNonzero) throw new Error(`Row ${r} of local group ${k} is not of its signed-block form.`);
        }
      }
      this.compressed.push(rows);
      this.coupling.push(new Float64Array(width * L));
    }
    this.rankOne = rankOneForm(this.compressed, blocks.groups, width, patterns, localColumns);
    if (this.rankOne) {
      // E_k is e_k (L entries) times z_k: the coupling arrays hold e_k.
      for (let k = 0; k < blocks.groups; k++) this.coupling[k] = new Float64Array(localColumns[k]!.length);
      this.compressed.length = 0;
    }
    // The rank-one form reads T from its pattern-pair Gram matrix instead.
    this.pairSums = new Float64Array(this.rankOne ? 0 : ((patterns * (patterns + 1)) / 2) * width * width);
    this.matrix = new Float64Array(widest * widest);
    this.schurBlock = new Float64Array(width * width);
    this.solved = new Float64Array(widest * width);
    this.vector = new Float64Array(Math.max(width, widest));
    this.positions = Int32Array.from({ length: widest }, (_, i) => i);
  }

  /** Whether every group is eliminated in its rank-one form (see the class). */
  get rankOneGroups(): boolean {
    return this.rankOne !== null;
  }

  eliminateAll(scaling: ConeScaling, schur: Float64Array): void {
    const { width, patterns, copySigns } = this.blocks;
    const NG = this.layout.globalCount;
    // T_ii' (i >= i') at T[blockAt(i, i') + t stride + u]: the packed pair sums, or in the rank-one
    // form the pattern-pair Gram matrix itself (block (i, i') of a (width P)^2 matrix).
    let T: Float64Array;
    let stride: number;
    let blockAt: (i: number, i2: number) => number;
    if (this.rankOne) {
      this.eliminateRankOne(scaling, this.rankOne);
      T = this.rankOne.pairGrams;
      stride = width * patterns;
      blockAt = (i, i2) => i * width * stride + i2 * width;
    } else {
      T = this.pairSums;
      T.fill(0);
      for (let k = 0; k < this.compressed.length; k++) this.eliminate(k, scaling);
      stride = width;
      blockAt = (i, i2) => ((i * (i + 1)) / 2 + i2) * width * width;
    }
    // S's lower triangle: block (c i, c' i') = copySigns[c] copySigns[c'] T_ii' (T_ii' = T_i'i^T for i < i').
    const copies = copySigns.length;
    for (let c = 0; c < copies; c++) {
      for (let i = 0; i < patterns; i++) {
        const rowBase = (c * patterns + i) * width;
        for (let c2 = 0; c2 <= c; c2++) {
          const sign = copySigns[c]! * copySigns[c2]!;
          const last = c2 === c ? i : patterns - 1;
          for (let i2 = 0; i2 <= last; i2++) {
            const columnBase = (c2 * patterns + i2) * width;
            const transposed = i2 > i;
            const at = transposed ? blockAt(i2, i) : blockAt(i, i2);
            for (let t = 0; t < width; t++) {
              const out = (rowBase + t) * NG + columnBase;
              if (transposed) for (let u = 0; u < width; u++) schur[out + u]! += sign * T[at + u * stride + t]!;
              else for (let u = 0; u < width; u++) schur[out + u]! += sign * T[at + t * stride + u]!;
            }
          }
        }
      }
    }
  }

  /** Every group's local factor, e_k and gamma_k; then the pattern-pair Grams of the rows sqrt(gamma_k) z_k. */
  private eliminateRankOne(scaling: ConeScaling, form: NonNullable<SignedBlockGroups['rankOne']>): void {
    const { width, patterns, activity, groups } = this.blocks;
    const { directions, gamma, scaled, pairGrams } = form;
    for (let k = 0; k < groups; k++) {
      gamma[k] = this.eliminateOneDirection(k, scaling, form.rows[k]!);
      const root = Math.sqrt(gamma[k]!);
      for (let t = 0; t < width; t++) scaled[k * width + t] = root * directions[k * width + t]!;
    }
    formPatternPairGrams(createMatrix(groups, width, scaled), activity, patterns, pairGrams);
  }

  /**
   * Group k's matrix M over (head, local) columns from its rows (`rows`: head + L entries each,
   * head = width in general, 1 in the rank-one form): P's diagonal on the local columns plus
   * each cone's scaled rows' Gram; M_LL is factored into layout.localFactor[k]. Returns M
   * (this.matrix's first (head + L)^2 entries, row-major).
   */
  private groupMatrix(k: number, scaling: ConeScaling, rows: Float64Array, head: number): Float64Array {
    const { cones, pDiagonal, groupConeStart, groupCones } = this.layout;
    const locals = this.layout.localColumns[k]!;
    const L = locals.length;
    const W = head + L;
    const M = this.matrix.subarray(0, W * W);
    M.fill(0);
    for (let a = 0; a < L; a++) M[(head + a) * W + head + a]! += pDiagonal[locals[a]!]!;
    let at = 0;
    for (let q = groupConeStart[k]!; q < groupConeStart[k + 1]!; q++) {
      const cone = groupCones[q]!;
      const start = cones.start[cone]!;
      const size = cones.size[cone]!;
      const block = rows.subarray(at * W, (at + size) * W);
      at += size;
      if (!cones.soc[cone]) {
        const w = scaling.rayW[start]!;
        const scale = 1 / (w * w);
        for (let p = 0; p < W; p++) {
          const vp = scale * block[p]!;
          if (vp === 0) continue;
          for (let t = 0; t < W; t++) M[p * W + t]! += vp * block[t]!;
        }
        continue;
      }
      const scaled = new Float64Array(size * W);
      scaleConeRows(scaling, cone, start, size, block, W, scaled);
      addGram(M, W, this.positions.subarray(0, W), scaled, size);
    }
    const localBlock = this.layout.localFactor[k]!;
    for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) localBlock[a * L + b] = M[(head + a) * W + head + b]!;
    factorSmallRegularized(localBlock, 0, L, this.layout.count, false);
    return M;
  }

  /**
   * Group k's local factor and e_k (into coupling[k]) from its rows (a_r, local part); returns
   * gamma_k = M_aa - e_k^T M_LL^{-1} e_k, at least 0 (a Schur complement of a positive
   * semidefinite matrix, so only rounding takes it below).
   */
  private eliminateOneDirection(k: number, scaling: ConeScaling, rows: Float64Array): number {
    const L = this.layout.localColumns[k]!.length;
    const M = this.groupMatrix(k, scaling, rows, 1);
    const localBlock = this.layout.localFactor[k]!;
    const e = this.coupling[k]!;
    const solved = this.vector;
    for (let a = 0; a < L; a++) {
      e[a] = M[1 + a]!; // (M_aL)_a
      solved[a] = e[a]!;
    }
    choleskySolve(localBlock, L, solved);
    let gamma = M[0]!;
    for (let a = 0; a < L; a++) gamma -= e[a]! * solved[a]!;
    return Math.max(gamma, 0);
  }

  /** Group k's local factor, coupling E_k and Q_k, added to T over its pairs of active patterns. */
  private eliminate(k: number, scaling: ConeScaling): void {
    const { width } = this.blocks;
    const L = this.layout.localColumns[k]!.length;
    const W = width + L;
    const M = this.groupMatrix(k, scaling, this.compressed[k]!, width);
    // M_LL factored; E = M_zL; Q = M_zz - E M_LL^{-1} E^T.
    const localBlock = this.layout.localFactor[k]!;
    const E = this.coupling[k]!;
    for (let t = 0; t < width; t++) for (let a = 0; a < L; a++) E[t * L + a] = M[t * W + width + a]!;
    const C = this.solved;
    const column = this.vector;
    for (let t = 0; t < width; t++) {
      for (let a = 0; a < L; a++) column[a] = E[t * L + a]!;
      choleskySolve(localBlock, L, column);
      for (let a = 0; a < L; a++) C[a * width + t] = column[a]!;
    }
    const Q = this.schurBlock;
    for (let t = 0; t < width; t++) {
      for (let u = 0; u < width; u++) {
        let s = M[t * W + u]!;
        for (let a = 0; a < L; a++) s -= E[t * L + a]! * C[a * width + u]!;
        Q[t * width + u] = s;
      }
    }
    const active = this.activePatterns[k]!;
    const T = this.pairSums;
    const w2 = width * width;
    for (let p = 0; p < active.length; p++) {
      const i = active[p]!;
      const base = ((i * (i + 1)) / 2) * w2;
      for (let q = 0; q <= p; q++) {
        const out = base + active[q]! * w2;
        for (let e = 0; e < w2; e++) T[out + e]! += Q[e]!;
      }
    }
  }

  subtractCoupling(k: number, yk: Float64Array, rg: Float64Array): void {
    const { width, patterns, copySigns } = this.blocks;
    const L = this.layout.localColumns[k]!.length;
    const E = this.coupling[k]!;
    const e = this.vector;
    if (this.rankOne) throw new Error(RANK_ONE_IN_BATCHES);
    for (let t = 0; t < width; t++) {
      let s = 0;
      for (let a = 0; a < L; a++) s += E[t * L + a]! * yk[a]!;
      e[t] = s;
    }
    for (const i of this.activePatterns[k]!) {
      for (let c = 0; c < copySigns.length; c++) {
        const base = (c * patterns + i) * width;
        const sign = copySigns[c]!;
        for (let t = 0; t < width; t++) rg[base + t]! -= sign * e[t]!;
      }
    }
  }

  subtractCouplingTransposed(k: number, xg: Float64Array, yk: Float64Array): void {
    if (this.rankOne) throw new Error(RANK_ONE_IN_BATCHES);
    const { width, patterns, copySigns } = this.blocks;
    const L = this.layout.localColumns[k]!.length;
    const E = this.coupling[k]!;
    // g = sum_j s_kj xg_j, then yk -= E^T g.
    const g = this.vector;
    g.fill(0, 0, width);
    for (const i of this.activePatterns[k]!) {
      for (let c = 0; c < copySigns.length; c++) {
        const base = (c * patterns + i) * width;
        const sign = copySigns[c]!;
        for (let t = 0; t < width; t++) g[t]! += sign * xg[base + t]!;
      }
    }
    for (let a = 0; a < L; a++) {
      let s = 0;
      for (let t = 0; t < width; t++) s += E[t * L + a]! * g[t]!;
      yk[a]! -= s;
    }
  }

  /**
   * Rank-one form only: rg -= sum_k H_Gk y_k over every group at once, y_k at ys[at[k] ..] (its L
   * entries). Block (c, i) of the sum is copySigns[c] sum_{k: m_ki = 1} (e_k . y_k) z_k, i.e.
   * column i of Z^T (m o s) with s_k = e_k . y_k: one pass of the X^T R kernel over the groups'
   * directions instead of a loop over each group's active patterns (measured: 0.3 s of a 6.2 s
   * hinge solve, 5,000 x 20).
   */
  subtractCouplingAll(ys: Float64Array, at: Int32Array, rg: Float64Array): void {
    const form = this.rankOne!;
    const { width, patterns, copySigns, activity, groups } = this.blocks;
    const weighted = form.perPattern; // groups x patterns: m_ki s_k
    for (let k = 0; k < groups; k++) {
      const e = this.coupling[k]!;
      const from = at[k]!;
      let s = 0;
      for (let a = 0; a < e.length; a++) s += e[a]! * ys[from + a]!;
      for (let i = 0; i < patterns; i++) weighted[k * patterns + i] = activity[k * patterns + i]! * s;
    }
    const sums = form.patternSums; // width x patterns
    multiplyXtR(createMatrix(groups, width, form.directions), weighted, patterns, sums);
    for (let c = 0; c < copySigns.length; c++) {
      const sign = copySigns[c]!;
      for (let i = 0; i < patterns; i++) {
        const base = (c * patterns + i) * width;
        for (let t = 0; t < width; t++) rg[base + t]! -= sign * sums[t * patterns + i]!;
      }
    }
  }

  /**
   * Rank-one form only: y_k -= H_kG xg for every group at once (y_k at ys[at[k] ..]). With
   * h_i = sum_c copySigns[c] xg_(c, i), H_kG xg = e_k (z_k . sum_{i: m_ki = 1} h_i), and the
   * z_k . h_i are Z H^T: one pass of the X B kernel.
   */
  subtractCouplingTransposedAll(xg: Float64Array, ys: Float64Array, at: Int32Array): void {
    const form = this.rankOne!;
    const { width, patterns, copySigns, activity, groups } = this.blocks;
    const h = form.patternSums; // width x patterns: H^T
    h.fill(0);
    for (let c = 0; c < copySigns.length; c++) {
      const sign = copySigns[c]!;
      for (let i = 0; i < patterns; i++) {
        const base = (c * patterns + i) * width;
        for (let t = 0; t < width; t++) h[t * patterns + i]! += sign * xg[base + t]!;
      }
    }
    const products = form.perPattern; // groups x patterns: z_k . h_i
    multiplyXB(createMatrix(groups, width, form.directions), h, patterns, products);
    for (let k = 0; k < groups; k++) {
      let zg = 0;
      for (let i = 0; i < patterns; i++) zg += activity[k * patterns + i]! * products[k * patterns + i]!;
      const e = this.coupling[k]!;
      const from = at[k]!;
      for (let a = 0; a < e.length; a++) ys[from + a]! -= e[a]! * zg;
    }
  }
}

/**
 * The rank-one form of SignedBlockGroups, or null: for every group, one direction z_k with each of
 * its compressed rows' z part equal to a_r z_k (to 1e-13 of the row's largest entry; z_k is the
 * row with the largest z entry, a_r = z_r . z_k / z_k . z_k), and its rows as (a_r, local part).
 */
function rankOneForm(compressed: readonly Float64Array[], groups: number, width: number, patterns: number, localColumns: readonly Int32Array[]): SignedBlockGroups['rankOne'] {
  const directions = new Float64Array(groups * width);
  const rows: Float64Array[] = [];
  for (let k = 0; k < groups; k++) {
    const L = localColumns[k]!.length;
    const W = width + L;
    const group = compressed[k]!;
    const count = group.length / W;
    let reference = -1;
    let largest = 0;
    for (let r = 0; r < count; r++) {
      for (let t = 0; t < width; t++) {
        const value = Math.abs(group[r * W + t]!);
        if (value > largest) {
          largest = value;
          reference = r;
        }
      }
    }
    const z = directions.subarray(k * width, (k + 1) * width);
    if (reference >= 0) z.set(group.subarray(reference * W, reference * W + width));
    let zz = 0;
    for (let t = 0; t < width; t++) zz += z[t]! * z[t]!;
    const reduced = new Float64Array(count * (1 + L));
    for (let r = 0; r < count; r++) {
      let dot = 0;
      let size = 0;
      for (let t = 0; t < width; t++) {
        dot += group[r * W + t]! * z[t]!;
        size = Math.max(size, Math.abs(group[r * W + t]!));
      }
      const a = zz > 0 ? dot / zz : 0;
      for (let t = 0; t < width; t++) {
        if (Math.abs(group[r * W + t]! - a * z[t]!) > 1e-13 * size) return null;
      }
      reduced[r * (1 + L)] = a;
      reduced.set(group.subarray(r * W + width, (r + 1) * W), r * (1 + L) + 1);
    }
    rows.push(reduced);
  }
  const dim = patterns * width;
  return {
    directions, rows, gamma: new Float64Array(groups), scaled: new Float64Array(groups * width), pairGrams: new Float64Array(dim * dim),
    perPattern: new Float64Array(groups * patterns), patternSums: new Float64Array(width * patterns),
  };
}
