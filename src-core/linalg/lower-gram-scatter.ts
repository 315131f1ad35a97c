import { ConvexNetError } from '../errors';
import type { Matrix } from './matrix';
import { align2, simdKernelModule } from './simd-kernels';
import { instantiateWithMemory } from './wasm/wasm-instance';

type GramScatterExport = (y: number, rowOff: number, colOff: number, tiles: number, d: number, s: number) => void;
type LowerTransformExport = (x: number, l: number, y: number, tiles: number, d: number) => void;

/** Groups of rows of X kept packed in the memory, for addLowerTransformed. */
export interface GramGroups {
  readonly X: Matrix;
  /** Each group's rows, strictly increasing. */
  readonly rows: readonly Int32Array[];
}

/**
 * Sums of Gram matrices of row groups scattered into one n x n lower triangle:
 *
 *   S[k][l] += sum_{groups g} sum over k, l in g of y_{g,k} . y_{g,l}   (l <= k),
 *
 * the n x n Woodbury matrix sum_i D_i X K_i X^T D_i of the interior-point method, where group i
 * holds the rows of pattern i and y_{i,k} = L_i^T x_k. Either the caller writes a group's vectors
 * into `packed` (at packedIndex) and calls add with its rows in increasing order, or, with
 * `groups` given, addLowerTransformed forms them from the group's rows of X kept here (the
 * ltransform kernel); lowerInto copies the result out. The 4 x 4 tiles run in WebAssembly SIMD
 * (the gramscatter kernel of wasm/simd-kernel-code.ts) where it is available, else in JavaScript
 * with the same sums in the same order, so both give the same bits. Layout of the memory, in
 * doubles:
 *   [ S: (n+1) x (n+1) | packed: 4 tiles x d per tile | row offsets (i32) | column offsets (i32)
 *     | L: d x d | each group's rows of X, packed as `packed` is ]
 * Row and column n of S take the padding rows of a group's last tile and are never read.
 */
export class LowerGramScatter {
  readonly n: number;
  readonly d: number;
  /** A group's vectors: entry (t, p) at packedIndex(t, p). */
  readonly packed: Float64Array;
  private readonly s: Float64Array;
  private readonly rowOff: Int32Array;
  private readonly colOff: Int32Array;
  private readonly packedAt: number;
  private readonly rowOffAt: number;
  private readonly colOffAt: number;
  private readonly kernel: GramScatterExport | null;
  private readonly transform: LowerTransformExport | null;
  private readonly groups: readonly Int32Array[];
  /** Where each group's packed rows start (doubles), and L. */
  private readonly groupAt: number[];
  private readonly lAt: number;
  private readonly heap: Float64Array;

  constructor(n: number, d: number, maxRows: number, groups: GramGroups | null = null) {
    if (!Number.isInteger(n) || n < 1 || !Number.isInteger(d) || d < 1 || !Number.isInteger(maxRows) || maxRows < 0 || maxRows > n) {
      throw new ConvexNetError('linalg/shape-mismatch', `LowerGramScatter: expected n >= 1, d >= 1 and 0 <= maxRows <= n, got n = ${n}, d = ${d}, maxRows = ${maxRows}.`);
    }
    this.n = n;
    this.d = d;
    const tiles = Math.ceil(maxRows / 4);
    const side = n + 1;
    this.packedAt = align2(side * side);
    const offsetsAt = align2(this.packedAt + 4 * tiles * d);
    // i32 arrays: 4 tiles entries each, two per double.
    this.rowOffAt = offsetsAt;
    this.colOffAt = align2(offsetsAt + 2 * tiles);
    this.groups = groups ? groups.rows : [];
    this.lAt = align2(this.colOffAt + 2 * tiles + 2);
    let at = align2(this.lAt + d * d);
    this.groupAt = [];
    for (const rows of this.groups) {
      if (rows.length > maxRows) throw new ConvexNetError('linalg/shape-mismatch', `LowerGramScatter: a group has ${rows.length} rows, at most ${maxRows} were reserved.`);
      this.groupAt.push(at);
      at += 4 * Math.ceil(rows.length / 4) * d;
    }
    const doubles = at;
    const wasm = wasmMemory(doubles);
    const buffer = wasm ? wasm.buffer : new ArrayBuffer(doubles * 8);
    this.kernel = wasm ? wasm.kernel : null;
    this.transform = wasm ? wasm.transform : null;
    this.heap = new Float64Array(buffer, 0, doubles);
    this.s = new Float64Array(buffer, 0, side * side);
    this.packed = new Float64Array(buffer, this.packedAt * 8, 4 * tiles * d);
    this.rowOff = new Int32Array(buffer, this.rowOffAt * 8, 4 * tiles);
    this.colOff = new Int32Array(buffer, this.colOffAt * 8, 4 * tiles);
    if (groups) {
      // Plain loops with packedIndex's arithmetic inline: this runs once per solve, cold, and a
      // closure with a method call per entry cost ~9 ms of a first n = 600 solve.
      const x = groups.X.data;
      const heap = this.heap;
      for (let g = 0; g < this.groups.length; g++) {
        const rows = this.groups[g]!;
        const base = this.groupAt[g]!;
        for (let t = 0; t < rows.length; t++) {
          const row = rows[t]! * d;
          const at = base + (t >> 2) * 4 * d + (t & 3);
          for (let p = 0; p < d; p++) heap[at + 4 * p] = x[row + p]!;
        }
      }
    }
  }

  /**
   * Adds the Gram of group g's vectors y_k = L^T x_k (L: d x d lower triangular, row-major; only
   * its lower triangle is read) over the group's rows, as add does.
   */
  addLowerTransformed(g: number, L: Float64Array): void {
    const { d } = this;
    const rows = this.groups[g]!;
    if (rows.length === 0) return;
    const tiles = Math.ceil(rows.length / 4);
    this.heap.set(L.subarray(0, d * d), this.lAt);
    const from = this.groupAt[g]!;
    if (this.transform) {
      this.transform(from * 8, this.lAt * 8, this.packedAt * 8, tiles, d);
    } else {
      const { heap, packed } = this;
      const lAt = this.lAt;
      for (let t4 = 0; t4 < tiles; t4++) {
        const xt = from + t4 * 4 * d;
        const yt = t4 * 4 * d;
        for (let a = 0; a < d; a++) {
          for (let r = 0; r < 4; r++) {
            let sum = 0;
            for (let b = a; b < d; b++) sum += heap[lAt + b * d + a]! * heap[xt + 4 * b + r]!;
            packed[yt + 4 * a + r] = sum;
          }
        }
      }
    }
    this.add(rows, rows.length);
  }

  /** Where entry p of a group's row t goes in `packed`. */
  packedIndex(t: number, p: number): number {
    return (t >> 2) * 4 * this.d + 4 * p + (t & 3);
  }

  /** Whether the tiles run in WebAssembly SIMD. */
  get simd(): boolean {
    return this.kernel !== null;
  }

  /** S = 0. */
  reset(): void {
    this.s.fill(0);
  }

  /**
   * Adds the Gram of the group's `count` vectors (packed rows 0..count-1) to S at rows x rows;
   * rows strictly increasing, each < n. Zeroes the padding rows of the last tile.
   */
  add(rows: Int32Array, count: number): void {
    const { n, d } = this;
    if (count === 0) return;
    const tiles = Math.ceil(count / 4);
    if (4 * tiles > this.rowOff.length) throw new ConvexNetError('linalg/shape-mismatch', `LowerGramScatter.add: ${count} rows, at most ${this.rowOff.length} were reserved.`);
    const side = n + 1;
    for (let t = 0; t < 4 * tiles; t++) {
      const row = t < count ? rows[t]! : n;
      this.rowOff[t] = row * side * 8;
      this.colOff[t] = row * 8;
      if (t >= count) for (let p = 0; p < d; p++) this.packed[this.packedIndex(t, p)] = 0;
    }
    if (this.kernel) this.kernel(this.packedAt * 8, this.rowOffAt * 8, this.colOffAt * 8, tiles, d, 0);
    else this.addInJavaScript(tiles);
  }

  /** out[k][l] = S[k][l] for l <= k (n x n row-major); the entries above the diagonal are left as they are. */
  lowerInto(out: Float64Array): void {
    const { n, s } = this;
    const side = n + 1;
    for (let k = 0; k < n; k++) out.set(s.subarray(k * side, k * side + k + 1), k * n);
  }

  /** The gramscatter kernel in JavaScript: the same tiles, sums and order. */
  private addInJavaScript(tiles: number): void {
    const { d, packed: y, s } = this;
    const tileSize = 4 * d;
    const sum = new Float64Array(16);
    for (let t4 = 0; t4 < tiles; t4++) {
      for (let u4 = 0; u4 <= t4; u4++) {
        sum.fill(0);
        for (let p = 0; p < d; p++) {
          const x = t4 * tileSize + 4 * p;
          const q = u4 * tileSize + 4 * p;
          for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) sum[4 * r + c]! += y[x + r]! * y[q + c]!;
        }
        for (let r = 0; r < 4; r++) {
          const rowAt = this.rowOff[4 * t4 + r]! / 8;
          for (let c = 0; c < 4; c++) s[rowAt + this.colOff[4 * u4 + c]! / 8]! += sum[4 * r + c]!;
        }
      }
    }
  }
}

/** A wasm memory of `doubles` with the SIMD module instantiated on it, or null (no SIMD, too large, allocation failed). */
function wasmMemory(doubles: number): { buffer: ArrayBuffer; kernel: GramScatterExport; transform: LowerTransformExport } | null {
  const made = instantiateWithMemory(simdKernelModule(), doubles * 8);
  return made ? { buffer: made.buffer, kernel: made.exports['gramscatter'] as GramScatterExport, transform: made.exports['ltransform'] as LowerTransformExport } : null;
}
