import { choleskySolve } from '../linalg/cholesky';
import { factorSmallRegularized } from '../solvers/ipm/regularized-cholesky';
import { addGram, scaleConeRows, type ConeScaling, type GroupEliminator, type GroupLayout } from './robust-ipm-groups';

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
 */
export class SignedBlockGroups implements GroupEliminator {
  /** Per group: its compressed cone rows (rows in cone order x (width + L)). */
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

  constructor(private readonly layout: GroupLayout, private readonly blocks: SignedBlocks) {
    const { A, cones, globalIndex, positionInGroup, localColumns, groupConeStart, groupCones } = layout;
    const { width, patterns, copySigns, activity } = blocks;
    const blockCount = copySigns.length * patterns;
    for (let c = 0; c < blockCount * width; c++) {
      if (globalIndex[c] !== c) throw new Error('The signed blocks must be the first global columns.');
    }
    const signOf = (k: number, j: number): number => copySigns[Math.floor(j / patterns)]! * activity[k * patterns + (j % patterns)]!;
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
      // Each row dense over the blocks (summing repeated columns), then checked to be s_k (x) z.
      const full = new Float64Array(blockCount * width);
      const reference = active[0]; // block of copy 0
      let out = 0;
      for (let q = groupConeStart[k]!; q < groupConeStart[k + 1]!; q++) {
        const cone = groupCones[q]!;
        for (let r = cones.start[cone]!; r < cones.start[cone]! + cones.size[cone]!; r++, out++) {
          full.fill(0);
          for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) {
            const column = A.columns[p]!;
            if (globalIndex[column]! < 0) rows[out * W + width + positionInGroup[column]!]! += A.values[p]!;
            else if (column < blockCount * width) full[column]! += A.values[p]!;
            else throw new Error(`Row ${r} of local group ${k} touches a global column outside the signed blocks.`);
          }
          if (reference !== undefined) for (let t = 0; t < width; t++) rows[out * W + t] = full[reference * width + t]! / copySigns[0]!;
          for (let j = 0; j < blockCount; j++) {
            for (let t = 0; t < width; t++) {
              if (full[j * width + t] !== signOf(k, j) * rows[out * W + t]!) throw new Error(`Row ${r} of local group ${k} is not of its signed-block form.`);
            }
          }
        }
      }
      this.compressed.push(rows);
      this.coupling.push(new Float64Array(width * L));
    }
    this.pairSums = new Float64Array(((patterns * (patterns + 1)) / 2) * width * width);
    this.matrix = new Float64Array(widest * widest);
    this.schurBlock = new Float64Array(width * width);
    this.solved = new Float64Array(widest * width);
    this.vector = new Float64Array(Math.max(width, widest));
    this.positions = Int32Array.from({ length: widest }, (_, i) => i);
  }

  eliminateAll(scaling: ConeScaling, schur: Float64Array): void {
    const { width, patterns, copySigns } = this.blocks;
    const NG = this.layout.globalCount;
    const T = this.pairSums;
    T.fill(0);
    for (let k = 0; k < this.compressed.length; k++) this.eliminate(k, scaling);
    // S's lower triangle: block (c i, c' i') = copySigns[c] copySigns[c'] T_ii' (T_ii' = T_i'i^T for i < i').
    const w2 = width * width;
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
            const at = (transposed ? (i2 * (i2 + 1)) / 2 + i : (i * (i + 1)) / 2 + i2) * w2;
            for (let t = 0; t < width; t++) {
              const out = (rowBase + t) * NG + columnBase;
              if (transposed) for (let u = 0; u < width; u++) schur[out + u]! += sign * T[at + u * width + t]!;
              else for (let u = 0; u < width; u++) schur[out + u]! += sign * T[at + t * width + u]!;
            }
          }
        }
      }
    }
  }

  /** Group k's local factor, coupling E_k and Q_k, added to T over its pairs of active patterns. */
  private eliminate(k: number, scaling: ConeScaling): void {
    const { cones, pDiagonal, groupConeStart, groupCones } = this.layout;
    const { width } = this.blocks;
    const locals = this.layout.localColumns[k]!;
    const L = locals.length;
    const W = width + L;
    const M = this.matrix.subarray(0, W * W);
    M.fill(0);
    for (let a = 0; a < L; a++) M[(width + a) * W + width + a]! += pDiagonal[locals[a]!]!;
    const rows = this.compressed[k]!;
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
    // M_LL factored; E = M_zL; Q = M_zz - E M_LL^{-1} E^T.
    const localBlock = this.layout.localFactor[k]!;
    for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) localBlock[a * L + b] = M[(width + a) * W + width + b]!;
    factorSmallRegularized(localBlock, 0, L, this.layout.count, false);
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
}
