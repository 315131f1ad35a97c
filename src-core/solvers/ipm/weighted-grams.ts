import { multiplyXtR } from '../../linalg/kernels';
import { createMatrix, type Matrix } from '../../linalg/matrix';
import { PinnedWasmMatrix } from '../../linalg/pinned-wasm-matrix';

/** Doubles per chunk of row outer products (8 MB): big enough for the kernel, small beside X. */
const CHUNK_DOUBLES = 1 << 20;

/** Index of entry (a, b), b <= a, of a packed lower triangle. */
export function packedIndex(a: number, b: number): number {
  return (a * (a + 1)) / 2 + b;
}

/**
 * All m weighted Grams X^T diag(c_j) X (j < m) of an n x d matrix at once, as one matrix
 * product over row outer products: with o_k the packed lower triangle of x_k x_k^T (d(d+1)/2
 * entries), the packed Gram j is sum_k c_kj o_k, i.e. O^T C for O = [o_k] (n x d(d+1)/2) and
 * C = [c_kj] (n x m). The symmetric half costs n d(d+1)/2 m multiply-adds, half of forming
 * the full blocks, and runs in the tuned X^T R kernel. O is built chunk by chunk (never whole:
 * at n = 100k, d = 51 it would be 1 GB); C is read in place. When O fits one chunk it is built
 * once, and with WebAssembly SIMD kept in a memory of its own (PinnedWasmMatrix), so a Newton
 * step copies in only C: at n = 600, d = 31 rebuilding and copying O (2.4 MB) took ~0.7 ms a step.
 */
export class WeightedGrams {
  readonly packedSize: number;
  /** Result: packedSize x m, row (a, b) at packedIndex(a, b) holds the m Grams' (a, b) entries. */
  readonly packed: Float64Array;
  private readonly X: Matrix;
  private readonly m: number;
  private readonly chunkRows: number;
  private readonly outer: Float64Array;
  private readonly part: Float64Array;
  /** O holds every row's outer products (one chunk), built once. */
  private readonly whole: boolean;
  /** ... and kept in WebAssembly memory, where available. */
  private readonly pinned: PinnedWasmMatrix | null;

  constructor(X: Matrix, m: number) {
    this.X = X;
    this.m = m;
    const d = X.cols;
    this.packedSize = (d * (d + 1)) / 2;
    this.packed = new Float64Array(this.packedSize * m);
    this.part = new Float64Array(this.packedSize * m);
    this.chunkRows = Math.max(4, Math.min(X.rows, Math.floor(CHUNK_DOUBLES / this.packedSize)));
    this.outer = new Float64Array(this.chunkRows * this.packedSize);
    this.whole = X.rows <= this.chunkRows;
    if (this.whole) this.outerProducts(0, X.rows);
    this.pinned = this.whole ? PinnedWasmMatrix.create(createMatrix(X.rows, this.packedSize, this.outer.subarray(0, X.rows * this.packedSize)), m) : null;
  }

  /** Rows k0..k1-1 of O into `outer`, from its start. */
  private outerProducts(k0: number, k1: number): void {
    const { X, outer } = this;
    const d = X.cols;
    const x = X.data;
    let o = 0;
    for (let k = k0; k < k1; k++) {
      const row = k * d;
      for (let a = 0; a < d; a++) {
        const xa = x[row + a]!;
        for (let b = 0; b <= a; b++) outer[o++] = xa * x[row + b]!;
      }
    }
  }

  /**
   * The m Grams over given rows only: Gram j sums c_kj o_k over k in rows[j] (a working set of
   * cone rows, a few per cent of n: row by row, no pass over X).
   */
  computeRows(c: Float64Array, rows: readonly Int32Array[]): void {
    const { X, m, packedSize, packed } = this;
    const d = X.cols;
    const x = X.data;
    const gram = this.part.subarray(0, packedSize);
    packed.fill(0);
    for (let j = 0; j < m; j++) {
      gram.fill(0);
      const list = rows[j]!;
      const count = list.length;
      let q = 0;
      // Four rows at a time: each packed entry is loaded and stored once per four rows.
      for (; q + 4 <= count; q += 4) {
        const k0 = list[q]!;
        const k1 = list[q + 1]!;
        const k2 = list[q + 2]!;
        const k3 = list[q + 3]!;
        const w0 = c[k0 * m + j]!;
        const w1 = c[k1 * m + j]!;
        const w2 = c[k2 * m + j]!;
        const w3 = c[k3 * m + j]!;
        const r0 = k0 * d;
        const r1 = k1 * d;
        const r2 = k2 * d;
        const r3 = k3 * d;
        let o = 0;
        for (let a = 0; a < d; a++) {
          const a0 = w0 * x[r0 + a]!;
          const a1 = w1 * x[r1 + a]!;
          const a2 = w2 * x[r2 + a]!;
          const a3 = w3 * x[r3 + a]!;
          for (let b = 0; b <= a; b++) gram[o++]! += a0 * x[r0 + b]! + a1 * x[r1 + b]! + a2 * x[r2 + b]! + a3 * x[r3 + b]!;
        }
      }
      for (; q < count; q++) {
        const k = list[q]!;
        const w = c[k * m + j]!;
        const row = k * d;
        let o = 0;
        for (let a = 0; a < d; a++) {
          const wa = w * x[row + a]!;
          for (let b = 0; b <= a; b++) gram[o++]! += wa * x[row + b]!;
        }
      }
      for (let t = 0; t < packedSize; t++) packed[t * m + j] = gram[t]!;
    }
  }

  /** Computes the m Grams for weights c (n x m, row-major) into `packed`. */
  compute(c: Float64Array): void {
    const { X, m, chunkRows, packedSize, outer, part, packed } = this;
    const n = X.rows;
    packed.fill(0);
    for (let k0 = 0; k0 < n; k0 += chunkRows) {
      const k1 = Math.min(n, k0 + chunkRows);
      if (this.pinned) this.pinned.multiplyXtR(c, part);
      else {
        if (!this.whole) this.outerProducts(k0, k1);
        const rows = k1 - k0;
        multiplyXtR(createMatrix(rows, packedSize, outer.subarray(0, rows * packedSize)), c.subarray(k0 * m, k1 * m), m, part);
      }
      for (let t = 0; t < packed.length; t++) packed[t]! += part[t]!;
    }
  }
}
