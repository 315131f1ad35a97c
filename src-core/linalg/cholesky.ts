import { ConvexNetError } from '../errors';

/**
 * Dense Cholesky A = L L^T of a symmetric positive definite k x k row-major Float64Array, in
 * place, plus the triangular solves that use the factor. Hand-written because ml-matrix's
 * Cholesky runs at ~0.6 GFLOP/s and allocates (design/stack.md).
 *
 * Algorithm: blocked right-looking Cholesky on the lower triangle. For each panel of NB columns
 *   1. factor the panel (diagonal block and the rows below it) by Crout dot products that only
 *      span the panel's own columns (earlier columns were already subtracted by step 2),
 *   2. subtract the panel's contribution from the trailing lower triangle,
 *        A22 <- A22 - L21 L21^T,
 *      with 4 x 4 register tiles of row pairs and contiguous dot products of length NB.
 * Step 2 holds ~all of the k^3/3 flops. Only the lower triangle of the input is read; on
 * return the array holds L exactly (strict upper triangle set to zero).
 */

/** Panel width: the NB-long row segments of 8 rows stay in L1, the k x NB panel in L2. */
export const PANEL = 64;

export function checkSquare(name: string, a: Float64Array, k: number): void {
  if (!Number.isInteger(k) || k < 0 || a.length < k * k) {
    throw new ConvexNetError('linalg/shape-mismatch', `${name}: expected a ${k} x ${k} matrix (${k * k} entries), got ${a.length} entries.`);
  }
}

export function notPositiveDefinite(k: number, j: number, pivot: number): ConvexNetError {
  return new ConvexNetError(
    'solver/not-positive-definite',
    `Cholesky factorization failed: the ${k} x ${k} matrix is not positive definite ` +
      `(pivot ${j} is ${pivot}, expected a finite number > 0).`,
  );
}

/**
 * Factors the diagonal block of the panel, columns and rows [kb, ke): Crout dot products over
 * columns kb..j-1 only. The only place a pivot is checked.
 */
function factorDiagonalBlock(a: Float64Array, k: number, kb: number, ke: number): void {
  for (let j = kb; j < ke; j++) {
    const rj = j * k;
    let pivot = a[rj + j];
    for (let p = kb; p < j; p++) pivot -= a[rj + p] * a[rj + p];
    if (!(pivot > 0) || !Number.isFinite(pivot)) throw notPositiveDefinite(k, j, pivot);
    const ljj = Math.sqrt(pivot);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    // Rows j+1..ke-1 inside the diagonal block, four at a time: four independent chains of
    // subtractions (one chain waits on its previous subtraction), each in order of p as one row
    // alone, so the same bits. Measured on the interior-point method's 31 x 31 blocks (256 a step
    // at n = 600, P = 64): ~2.5x faster.
    let i = j + 1;
    for (; i + 3 < ke; i += 4) {
      const r0 = i * k;
      const r1 = r0 + k;
      const r2 = r1 + k;
      const r3 = r2 + k;
      let s0 = a[r0 + j], s1 = a[r1 + j], s2 = a[r2 + j], s3 = a[r3 + j];
      for (let p = kb; p < j; p++) {
        const ljp = a[rj + p];
        s0 -= a[r0 + p] * ljp;
        s1 -= a[r1 + p] * ljp;
        s2 -= a[r2 + p] * ljp;
        s3 -= a[r3 + p] * ljp;
      }
      a[r0 + j] = s0 * inv;
      a[r1 + j] = s1 * inv;
      a[r2 + j] = s2 * inv;
      a[r3 + j] = s3 * inv;
    }
    for (; i < ke; i++) {
      const ri = i * k;
      let s = a[ri + j];
      for (let p = kb; p < j; p++) s -= a[ri + p] * a[rj + p];
      a[ri + j] = s * inv;
    }
  }
}

/**
 * Rows ke..k-1 of the panel's columns [kb, ke), given its factored diagonal block L_kk: each row
 * is a forward substitution x L_kk^T = a_i, L_ij = (A_ij - sum_{p in [kb, j)} L_ip L_jp) / L_jj
 * with the subtractions in order of p. The WebAssembly SIMD version (wasm-cholesky.ts) does the
 * same operations in the same order.
 */
export type PanelRowsSolve = (a: Float64Array, k: number, kb: number, ke: number) => void;

/** The rows below the diagonal block in scalar JavaScript, four rows at a time so every loaded entry of L_kk serves four rows. */
const solvePanelRows: PanelRowsSolve = (a, k, kb, ke) => {
  let i4 = ke;
  for (; i4 + 3 < k; i4 += 4) {
    const r0 = i4 * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    for (let j = kb; j < ke; j++) {
      const rj = j * k;
      let s0 = a[r0 + j], s1 = a[r1 + j], s2 = a[r2 + j], s3 = a[r3 + j];
      for (let p = kb; p < j; p++) {
        const ljp = a[rj + p];
        s0 -= a[r0 + p] * ljp;
        s1 -= a[r1 + p] * ljp;
        s2 -= a[r2 + p] * ljp;
        s3 -= a[r3 + p] * ljp;
      }
      const ljj = a[rj + j];
      a[r0 + j] = s0 / ljj;
      a[r1 + j] = s1 / ljj;
      a[r2 + j] = s2 / ljj;
      a[r3 + j] = s3 / ljj;
    }
  }
  for (let i = i4; i < k; i++) {
    const ri = i * k;
    for (let j = kb; j < ke; j++) {
      const rj = j * k;
      let s = a[ri + j];
      for (let p = kb; p < j; p++) s -= a[ri + p] * a[rj + p];
      a[ri + j] = s / a[rj + j];
    }
  }
};

/**
 * The trailing update of one panel: A[i][j] -= sum_{p in [kb, ke)} L[i][p] L[j][p] for
 * ke <= j <= i < k (4 x 4 tiles may also touch j in the diagonal tile above i). The WebAssembly
 * SIMD version (wasm-cholesky.ts) computes the same sums in the same order.
 */
export type TrailingUpdate = (a: Float64Array, k: number, kb: number, ke: number) => void;

/** First row after the 4 x 4 row tiles of the trailing update: the last (k - ke) mod 4 rows are done row by row. */
export function tiledRowsEnd(k: number, ke: number): number {
  const rest = k - ke;
  return ke + (rest - (rest % 4));
}

/** The 4 x 4 register-tiled trailing update, in scalar JavaScript. */
const updateTrailing: TrailingUpdate = (a, k, kb, ke) => {
  const full = tiledRowsEnd(k, ke);
  for (let i = ke; i < full; i += 4) {
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    for (let j = ke; j <= i; j += 4) {
      const s0 = j * k, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = kb; p < ke; p++) {
        const x0 = a[r0 + p], x1 = a[r1 + p], x2 = a[r2 + p], x3 = a[r3 + p];
        const y0 = a[s0 + p], y1 = a[s1 + p], y2 = a[s2 + p], y3 = a[s3 + p];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      a[r0 + j] -= c00; a[r0 + j + 1] -= c01; a[r0 + j + 2] -= c02; a[r0 + j + 3] -= c03;
      a[r1 + j] -= c10; a[r1 + j + 1] -= c11; a[r1 + j + 2] -= c12; a[r1 + j + 3] -= c13;
      a[r2 + j] -= c20; a[r2 + j + 1] -= c21; a[r2 + j + 2] -= c22; a[r2 + j + 3] -= c23;
      a[r3 + j] -= c30; a[r3 + j + 1] -= c31; a[r3 + j + 2] -= c32; a[r3 + j + 3] -= c33;
    }
  }
  updateTrailingRows(a, k, kb, ke, full);
};

/** The trailing update of rows from..k-1 by plain dot products over the lower triangle. */
export function updateTrailingRows(a: Float64Array, k: number, kb: number, ke: number, from: number): void {
  for (let i = from; i < k; i++) {
    const ri = i * k;
    for (let j = ke; j <= i; j++) {
      const rj = j * k;
      let s = 0;
      for (let p = kb; p < ke; p++) s += a[ri + p] * a[rj + p];
      a[ri + j] -= s;
    }
  }
}

/**
 * The diagonal block [kb, ke) of a panel factored in place (factorDiagonalBlock's contract: the
 * only pivot check, throwing notPositiveDefinite).
 */
export type DiagonalBlockFactor = (a: Float64Array, k: number, kb: number, ke: number) => void;

/** The kernels in scalar JavaScript. */
const JS_KERNELS: CholeskyKernels = { diagonal: factorDiagonalBlock, panelRows: solvePanelRows, trailing: updateTrailing };

/** The loops of the blocked factorization that have a WebAssembly SIMD version. */
export interface CholeskyKernels {
  readonly diagonal: DiagonalBlockFactor;
  readonly panelRows: PanelRowsSolve;
  readonly trailing: TrailingUpdate;
}

/**
 * The blocked right-looking factorization with the given kernels (see the file comment);
 * `a` must be a k x k row-major array (not checked here).
 */
export function blockedCholesky(a: Float64Array, k: number, kernels: CholeskyKernels): void {
  for (let kb = 0; kb < k; kb += PANEL) {
    const ke = Math.min(k, kb + PANEL);
    kernels.diagonal(a, k, kb, ke);
    if (ke < k) {
      kernels.panelRows(a, k, kb, ke);
      kernels.trailing(a, k, kb, ke);
    }
  }
  for (let i = 0; i < k; i++) a.fill(0, i * k + i + 1, (i + 1) * k);
}

/**
 * In-place Cholesky factorization A = L L^T of the symmetric positive definite k x k row-major
 * matrix `a` (only its lower triangle is read). On return `a` holds L (zeros above the
 * diagonal). Throws ConvexNetError('solver/not-positive-definite') when a pivot is <= 0 or not
 * finite; `a` is then partly overwritten.
 */
export function choleskyFactor(a: Float64Array, k: number): void {
  checkSquare('choleskyFactor', a, k);
  blockedCholesky(a, k, JS_KERNELS);
}

/**
 * Solves L y = b in place (b has k entries starting at `offset`), L lower triangular k x k
 * row-major. Row dot products with four independent partial sums, so the loop is not bound by
 * the latency of one long chain of additions.
 */
export function forwardSubstitute(l: Float64Array, k: number, b: Float64Array, offset = 0): void {
  for (let i = 0; i < k; i++) {
    const ri = i * k;
    const i4 = i - (i % 4);
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < i4; j += 4) {
      s0 += l[ri + j] * b[offset + j];
      s1 += l[ri + j + 1] * b[offset + j + 1];
      s2 += l[ri + j + 2] * b[offset + j + 2];
      s3 += l[ri + j + 3] * b[offset + j + 3];
    }
    for (let j = i4; j < i; j++) s0 += l[ri + j] * b[offset + j];
    b[offset + i] = (b[offset + i] - (s0 + s1 + (s2 + s3))) / l[ri + i];
  }
}

/**
 * Solves L^T x = y in place, column-oriented: once x_i is known, row i of L (contiguous)
 * updates y_0..y_{i-1}. Four rows are retired together so each pass over y does four
 * multiply-adds per load and store.
 */
export function backSubstituteTransposed(l: Float64Array, k: number, b: Float64Array, offset = 0): void {
  let i = k - 1;
  for (; i >= 3; i -= 4) {
    const r0 = i * k; // rows i, i-1, i-2, i-3 of L
    const r1 = r0 - k;
    const r2 = r1 - k;
    const r3 = r2 - k;
    // The 4 x 4 triangle first: x_i, then x_{i-1}, x_{i-2}, x_{i-3}.
    const x0 = b[offset + i] / l[r0 + i];
    const x1 = (b[offset + i - 1] - l[r0 + i - 1] * x0) / l[r1 + i - 1];
    const x2 = (b[offset + i - 2] - l[r0 + i - 2] * x0 - l[r1 + i - 2] * x1) / l[r2 + i - 2];
    const x3 = (b[offset + i - 3] - l[r0 + i - 3] * x0 - l[r1 + i - 3] * x1 - l[r2 + i - 3] * x2) / l[r3 + i - 3];
    b[offset + i] = x0;
    b[offset + i - 1] = x1;
    b[offset + i - 2] = x2;
    b[offset + i - 3] = x3;
    for (let j = 0; j < i - 3; j++) {
      b[offset + j] -= l[r0 + j] * x0 + l[r1 + j] * x1 + l[r2 + j] * x2 + l[r3 + j] * x3;
    }
  }
  for (; i >= 0; i--) {
    const ri = i * k;
    const xi = b[offset + i] / l[ri + i];
    b[offset + i] = xi;
    for (let j = 0; j < i; j++) b[offset + j] -= l[ri + j] * xi;
  }
}

/** Solves (L L^T) x = b in place for one right-hand side of length k at `offset`. */
export function choleskySolve(l: Float64Array, k: number, b: Float64Array, offset = 0): void {
  forwardSubstitute(l, k, b, offset);
  backSubstituteTransposed(l, k, b, offset);
}

/**
 * Solves L Y = B in place for m right-hand sides, B row-major k x m (column c is one system).
 * Row i of Y = (row i of B - sum_{j<i} L_ij row j of Y) / L_ii: contiguous row axpys, four
 * rows of Y at a time.
 */
export function forwardSubstituteMany(l: Float64Array, k: number, b: Float64Array, m: number): void {
  checkSquare('forwardSubstituteMany', l, k);
  if (b.length < k * m) throw new ConvexNetError('linalg/shape-mismatch', `forwardSubstituteMany: right-hand sides need ${k * m} entries, got ${b.length}.`);
  for (let i = 0; i < k; i++) {
    const ri = i * k;
    const bi = i * m;
    const i4 = i - (i % 4);
    for (let j = 0; j < i4; j += 4) {
      const l0 = l[ri + j], l1 = l[ri + j + 1], l2 = l[ri + j + 2], l3 = l[ri + j + 3];
      const b0 = j * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let c = 0; c < m; c++) b[bi + c] -= l0 * b[b0 + c] + l1 * b[b1 + c] + l2 * b[b2 + c] + l3 * b[b3 + c];
    }
    for (let j = i4; j < i; j++) {
      const lij = l[ri + j];
      const bj = j * m;
      for (let c = 0; c < m; c++) b[bi + c] -= lij * b[bj + c];
    }
    const inv = 1 / l[ri + i];
    for (let c = 0; c < m; c++) b[bi + c] *= inv;
  }
}

/** Solves L^T X = Y in place for m right-hand sides, Y row-major k x m. */
export function backSubstituteTransposedMany(l: Float64Array, k: number, b: Float64Array, m: number): void {
  checkSquare('backSubstituteTransposedMany', l, k);
  if (b.length < k * m) throw new ConvexNetError('linalg/shape-mismatch', `backSubstituteTransposedMany: right-hand sides need ${k * m} entries, got ${b.length}.`);
  for (let i = k - 1; i >= 0; i--) {
    const ri = i * k;
    const bi = i * m;
    const inv = 1 / l[ri + i];
    for (let c = 0; c < m; c++) b[bi + c] *= inv;
    // Row i of X is final: remove its contribution L_ij x_i from every earlier row j < i.
    for (let j = 0; j < i; j++) {
      const lij = l[ri + j];
      if (lij === 0) continue;
      const bj = j * m;
      for (let c = 0; c < m; c++) b[bj + c] -= lij * b[bi + c];
    }
  }
}

/** Solves (L L^T) X = B in place for m right-hand sides, B row-major k x m. */
export function choleskySolveMany(l: Float64Array, k: number, b: Float64Array, m: number): void {
  forwardSubstituteMany(l, k, b, m);
  backSubstituteTransposedMany(l, k, b, m);
}
