import { ConvexNetError } from '../errors';
import type { Matrix } from './matrix';
import { simdKernels } from './simd-kernels';

/**
 * Hot multi-vector kernels of the ADMM iteration (paper-spec.md 3.4, 3.8): every product with
 * X is done for m right-hand sides in ONE pass over the rows of X, so the O(n d) bytes of X are
 * read once per pass instead of m times.
 *
 * Speed in JavaScript comes from 4 x 4 register blocking: 16 scalar accumulators in locals, and
 * each inner step loads 4 + 4 numbers for 16 multiply-adds. Rows are processed in chunks so the
 * chunk of X and of R stays in L2 while every output tile reuses it.
 *
 * multiplyXB and multiplyXtR run as WebAssembly SIMD (simd-kernels.ts) where available, with the
 * same results; the scalar loops below are the fallback and the reference.
 *
 * Remainders (a dimension not a multiple of 4) reuse the same 4 x 4 inner loop on an
 * overlapping last tile [dim - 4, dim): it recomputes up to 3 already-covered rows/columns and
 * stores only the new ones, so every tile runs at full speed. Dimensions below 4 fall back to
 * plain loops. Nothing here allocates (except the array gramMatrix returns).
 */

/** Rows per chunk of the X^T R pass: (d + m) * 8 bytes * 512 rows is ~0.5 MB for d = 50, m = 64. */
const CHUNK_ROWS = 512;
/** Doubles in a slice of gathered rows that stays in L1 (24 KB) while all tiles reuse it. */
const L1_SLICE_DOUBLES = 3072;

function checkLength(name: string, array: Float64Array, expected: number): void {
  if (array.length < expected) {
    throw new ConvexNetError('linalg/shape-mismatch', `${name} has ${array.length} entries, expected at least ${expected}.`);
  }
}

/** Start of the 4-wide tile number t along a dimension of size `size` >= 4 (the last one may overlap). */
function tileStart(t: number, size: number): number {
  return Math.min(4 * t, size - 4);
}

/** Bit mask of the tile's rows/columns not covered by an earlier tile: 0b1111 except on an overlapping last tile. */
function ownedMask(start: number, t: number): number {
  return (0xf << (4 * t - start)) & 0xf;
}

/**
 * out = X B, with B a d x m and out an n x m row-major matrix. Four rows of X (the chunk: they
 * stay in L1) against all column quads of B (d x m, in L1/L2).
 */
export function multiplyXB(X: Matrix, B: Float64Array, m: number, out: Float64Array): void {
  const n = X.rows;
  const d = X.cols;
  const x = X.data;
  checkLength('multiplyXB: B', B, d * m);
  checkLength('multiplyXB: out', out, n * m);
  const simd = n >= 4 && m >= 4 ? simdKernels() : null;
  if (simd) {
    // Same sums in the same order, two lanes at a time (simd-kernels.ts).
    simd.multiplyXB(x, n, d, B, m, out);
    return;
  }
  if (n < 4 || m < 4) {
    plainXB(x, n, d, B, m, out);
    return;
  }
  const rowTiles = Math.ceil(n / 4);
  const colTiles = Math.ceil(m / 4);
  for (let s = 0; s < rowTiles; s++) {
    // The overlapping last tile recomputes identical values for its old rows: storing them is harmless.
    const k = tileStart(s, n);
    const x0 = k * d;
    const x1 = x0 + d;
    const x2 = x1 + d;
    const x3 = x2 + d;
    const o0 = k * m;
    const o1 = o0 + m;
    const o2 = o1 + m;
    const o3 = o2 + m;
    for (let t = 0; t < colTiles; t++) {
      const j = tileStart(t, m);
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let l = 0, b = j; l < d; l++, b += m) {
        const a0 = x[x0 + l], a1 = x[x1 + l], a2 = x[x2 + l], a3 = x[x3 + l];
        const b0 = B[b], b1 = B[b + 1], b2 = B[b + 2], b3 = B[b + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      out[o0 + j] = c00; out[o0 + j + 1] = c01; out[o0 + j + 2] = c02; out[o0 + j + 3] = c03;
      out[o1 + j] = c10; out[o1 + j + 1] = c11; out[o1 + j + 2] = c12; out[o1 + j + 3] = c13;
      out[o2 + j] = c20; out[o2 + j + 1] = c21; out[o2 + j + 2] = c22; out[o2 + j + 3] = c23;
      out[o3 + j] = c30; out[o3 + j + 1] = c31; out[o3 + j + 2] = c32; out[o3 + j + 3] = c33;
    }
  }
}

function plainXB(x: Float64Array, n: number, d: number, B: Float64Array, m: number, out: Float64Array): void {
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += x[k * d + l] * B[l * m + j];
      out[k * m + j] = s;
    }
  }
}

/**
 * One 4 x 4 tile of out += A[k0:k1]^T R[k0:k1]: out rows l..l+3 (columns of A), out columns
 * j..j+3 (columns of R), at out[outOffset + row * outStride + col]. Only entries whose row bit is
 * in rowMask and column bit in colMask are stored; the others belong to an earlier tile.
 */
function transposeTile(
  a: Float64Array,
  d: number,
  r: Float64Array,
  m: number,
  k0: number,
  k1: number,
  out: Float64Array,
  p0: number,
  outStride: number,
  l: number,
  j: number,
  rowMask: number,
  colMask: number,
): void {
  const p1 = p0 + outStride;
  const p2 = p1 + outStride;
  const p3 = p2 + outStride;
  let c00 = out[p0], c01 = out[p0 + 1], c02 = out[p0 + 2], c03 = out[p0 + 3];
  let c10 = out[p1], c11 = out[p1 + 1], c12 = out[p1 + 2], c13 = out[p1 + 3];
  let c20 = out[p2], c21 = out[p2 + 1], c22 = out[p2 + 2], c23 = out[p2 + 3];
  let c30 = out[p3], c31 = out[p3 + 1], c32 = out[p3 + 2], c33 = out[p3 + 3];
  for (let k = k0, xa = k0 * d + l, rb = k0 * m + j; k < k1; k++, xa += d, rb += m) {
    const a0 = a[xa], a1 = a[xa + 1], a2 = a[xa + 2], a3 = a[xa + 3];
    const b0 = r[rb], b1 = r[rb + 1], b2 = r[rb + 2], b3 = r[rb + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rowMask === 0xf && colMask === 0xf) {
    out[p0] = c00; out[p0 + 1] = c01; out[p0 + 2] = c02; out[p0 + 3] = c03;
    out[p1] = c10; out[p1 + 1] = c11; out[p1 + 2] = c12; out[p1 + 3] = c13;
    out[p2] = c20; out[p2 + 1] = c21; out[p2 + 2] = c22; out[p2 + 3] = c23;
    out[p3] = c30; out[p3 + 1] = c31; out[p3 + 2] = c32; out[p3 + 3] = c33;
    return;
  }
  if (rowMask & 1) storeRow(out, p0, colMask, c00, c01, c02, c03);
  if (rowMask & 2) storeRow(out, p1, colMask, c10, c11, c12, c13);
  if (rowMask & 4) storeRow(out, p2, colMask, c20, c21, c22, c23);
  if (rowMask & 8) storeRow(out, p3, colMask, c30, c31, c32, c33);
}

function storeRow(out: Float64Array, p: number, colMask: number, v0: number, v1: number, v2: number, v3: number): void {
  if (colMask & 1) out[p] = v0;
  if (colMask & 2) out[p + 1] = v1;
  if (colMask & 4) out[p + 2] = v2;
  if (colMask & 8) out[p + 3] = v3;
}

/**
 * out += A[rowStart:rowEnd]^T R[rowStart:rowEnd] for A (rows x d) and R (rows x m), both
 * row-major, into the d x m block of `out` at outOffset with row stride outStride. With
 * `upperOnly` (A^T A: R = A, m = d) only tiles on or above the tile diagonal are computed.
 */
function accumulateTransposeChunk(
  a: Float64Array,
  d: number,
  r: Float64Array,
  m: number,
  rowStart: number,
  rowEnd: number,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  upperOnly: boolean,
): void {
  if (d < 4 || m < 4) {
    for (let k = rowStart; k < rowEnd; k++) {
      for (let l = 0; l < d; l++) {
        const av = a[k * d + l];
        const p = outOffset + l * outStride;
        for (let j = upperOnly ? l : 0; j < m; j++) out[p + j] += av * r[k * m + j];
      }
    }
    return;
  }
  const rowTiles = Math.ceil(d / 4);
  const colTiles = Math.ceil(m / 4);
  for (let s = 0; s < rowTiles; s++) {
    const l = tileStart(s, d);
    const rowMask = ownedMask(l, s);
    for (let t = upperOnly ? s : 0; t < colTiles; t++) {
      const j = tileStart(t, m);
      transposeTile(a, d, r, m, rowStart, rowEnd, out, outOffset + l * outStride + j, outStride, l, j, rowMask, ownedMask(j, t));
    }
  }
}

/**
 * out = X^T R, with R an n x m and out a d x m row-major matrix. One pass over the rows of X in
 * chunks; within a chunk every 4 x 4 tile of out accumulates over the chunk's rows, so X and R
 * are read from memory once and from L2 about d m / 16 times.
 */
export function multiplyXtR(X: Matrix, R: Float64Array, m: number, out: Float64Array): void {
  const n = X.rows;
  const d = X.cols;
  checkLength('multiplyXtR: R', R, n * m);
  checkLength('multiplyXtR: out', out, d * m);
  const simd = n > 0 && d > 0 && m > 0 ? simdKernels() : null;
  if (simd) {
    simd.multiplyXtR(X.data, n, d, R, m, out);
    return;
  }
  out.fill(0, 0, d * m);
  for (let k0 = 0; k0 < n; k0 += CHUNK_ROWS) {
    accumulateTransposeChunk(X.data, d, R, m, k0, Math.min(n, k0 + CHUNK_ROWS), out, 0, m, false);
  }
}

/**
 * Adds A^T A over rows [rowStart, rowEnd) of the row-major (rows x d) array `a` to the d x d
 * block of `out` that starts at `outOffset` with row stride `outStride`. Only the upper
 * triangle (column >= row) is guaranteed to be updated: tiles strictly below the diagonal are
 * skipped (half the work) and the lower half of diagonal tiles may or may not be updated;
 * callers mirror with `mirrorUpperToLower` once all rows are accumulated. Touches nothing
 * outside the block.
 */
export function accumulateGramUpper(
  a: Float64Array,
  d: number,
  rowStart: number,
  rowEnd: number,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): void {
  accumulateTransposeChunk(a, d, a, d, rowStart, rowEnd, out, outOffset, outStride, true);
}

/**
 * Like accumulateGramUpper over the rows rows[0..count) of `a` (row indices, any order): adds
 * sum_t a_{rows[t]} a_{rows[t]}^T to the upper triangle of the d x d block of `out` at
 * outOffset (row stride outStride), without copying the selected rows.
 */
export function accumulateGramUpperRows(
  a: Float64Array,
  d: number,
  rows: Int32Array,
  count: number,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): void {
  if (d < 4) {
    for (let t = 0; t < count; t++) {
      const base = rows[t] * d;
      for (let l = 0; l < d; l++) {
        const av = a[base + l];
        const p = outOffset + l * outStride;
        for (let j = l; j < d; j++) out[p + j] += av * a[base + j];
      }
    }
    return;
  }
  // The listed rows are scattered, so they are taken in slices of ~24 KB: every tile then
  // re-reads the slice from L1 instead of from L2 at each row.
  const tiles = Math.ceil(d / 4);
  const slice = Math.max(16, Math.floor(L1_SLICE_DOUBLES / d));
  for (let t0 = 0; t0 < count; t0 += slice) {
    const t1 = Math.min(count, t0 + slice);
    for (let s = 0; s < tiles; s++) {
      const l = tileStart(s, d);
      const rowMask = ownedMask(l, s);
      for (let t = s; t < tiles; t++) {
        const j = tileStart(t, d);
        gramTileRows(a, d, rows, t0, t1, out, outOffset + l * outStride + j, outStride, l, j, rowMask, ownedMask(j, t));
      }
    }
  }
}

/** transposeTile for A = R restricted to the listed rows rows[first..end). */
function gramTileRows(
  a: Float64Array,
  d: number,
  rows: Int32Array,
  first: number,
  end: number,
  out: Float64Array,
  p0: number,
  outStride: number,
  l: number,
  j: number,
  rowMask: number,
  colMask: number,
): void {
  const p1 = p0 + outStride;
  const p2 = p1 + outStride;
  const p3 = p2 + outStride;
  let c00 = out[p0], c01 = out[p0 + 1], c02 = out[p0 + 2], c03 = out[p0 + 3];
  let c10 = out[p1], c11 = out[p1 + 1], c12 = out[p1 + 2], c13 = out[p1 + 3];
  let c20 = out[p2], c21 = out[p2 + 1], c22 = out[p2 + 2], c23 = out[p2 + 3];
  let c30 = out[p3], c31 = out[p3 + 1], c32 = out[p3 + 2], c33 = out[p3 + 3];
  for (let t = first; t < end; t++) {
    const xa = rows[t] * d + l;
    const rb = xa - l + j;
    const a0 = a[xa], a1 = a[xa + 1], a2 = a[xa + 2], a3 = a[xa + 3];
    const b0 = a[rb], b1 = a[rb + 1], b2 = a[rb + 2], b3 = a[rb + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rowMask === 0xf && colMask === 0xf) {
    out[p0] = c00; out[p0 + 1] = c01; out[p0 + 2] = c02; out[p0 + 3] = c03;
    out[p1] = c10; out[p1 + 1] = c11; out[p1 + 2] = c12; out[p1 + 3] = c13;
    out[p2] = c20; out[p2 + 1] = c21; out[p2 + 2] = c22; out[p2 + 3] = c23;
    out[p3] = c30; out[p3 + 1] = c31; out[p3 + 2] = c32; out[p3 + 3] = c33;
    return;
  }
  if (rowMask & 1) storeRow(out, p0, colMask, c00, c01, c02, c03);
  if (rowMask & 2) storeRow(out, p1, colMask, c10, c11, c12, c13);
  if (rowMask & 4) storeRow(out, p2, colMask, c20, c21, c22, c23);
  if (rowMask & 8) storeRow(out, p3, colMask, c30, c31, c32, c33);
}

/** Copies the upper triangle of the d x d block at `offset` (row stride `stride`) onto its lower triangle. */
export function mirrorUpperToLower(out: Float64Array, d: number, offset: number, stride: number): void {
  for (let l = 1; l < d; l++) {
    for (let c = 0; c < l; c++) out[offset + l * stride + c] = out[offset + c * stride + l];
  }
}

/** X^T X (d x d, symmetric, both triangles filled), one chunked pass computing the upper tiles only. */
export function gramMatrix(X: Matrix): Float64Array {
  const n = X.rows;
  const d = X.cols;
  const out = new Float64Array(d * d);
  for (let k0 = 0; k0 < n; k0 += CHUNK_ROWS) {
    accumulateGramUpper(X.data, d, k0, Math.min(n, k0 + CHUNK_ROWS), out, 0, d);
  }
  mirrorUpperToLower(out, d, 0, d);
  return out;
}

/**
 * Lower triangle of A A^T for a row-major (rows x d) array: out[k * rows + l] = <a_k, a_l> for
 * l <= k (rows x rows row-major; entries above the diagonal are left untouched except inside
 * diagonal 4 x 4 tiles). 4 x 4 tiles of row pairs, contiguous dot products over d.
 */
export function rowGramLower(a: Float64Array, rows: number, d: number, out: Float64Array): void {
  checkLength('rowGramLower: a', a, rows * d);
  checkLength('rowGramLower: out', out, rows * rows);
  const r4 = rows - (rows % 4);
  for (let i = 0; i < r4; i += 4) {
    const ai0 = i * d, ai1 = ai0 + d, ai2 = ai1 + d, ai3 = ai2 + d;
    const o0 = i * rows, o1 = o0 + rows, o2 = o1 + rows, o3 = o2 + rows;
    for (let j = 0; j <= i; j += 4) {
      const aj0 = j * d, aj1 = aj0 + d, aj2 = aj1 + d, aj3 = aj2 + d;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < d; p++) {
        const x0 = a[ai0 + p], x1 = a[ai1 + p], x2 = a[ai2 + p], x3 = a[ai3 + p];
        const y0 = a[aj0 + p], y1 = a[aj1 + p], y2 = a[aj2 + p], y3 = a[aj3 + p];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      out[o0 + j] = c00; out[o0 + j + 1] = c01; out[o0 + j + 2] = c02; out[o0 + j + 3] = c03;
      out[o1 + j] = c10; out[o1 + j + 1] = c11; out[o1 + j + 2] = c12; out[o1 + j + 3] = c13;
      out[o2 + j] = c20; out[o2 + j + 1] = c21; out[o2 + j + 2] = c22; out[o2 + j + 3] = c23;
      out[o3 + j] = c30; out[o3 + j + 1] = c31; out[o3 + j + 2] = c32; out[o3 + j + 3] = c33;
    }
  }
  // Remaining rows (at most 3): plain dot products.
  for (let i = r4; i < rows; i++) {
    const ai = i * d;
    for (let j = 0; j <= i; j++) {
      const aj = j * d;
      let s = 0;
      for (let p = 0; p < d; p++) s += a[ai + p] * a[aj + p];
      out[i * rows + j] = s;
    }
  }
}
