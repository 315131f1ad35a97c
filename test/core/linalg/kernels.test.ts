import { describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../src-core/errors';
import {
  accumulateGramUpper,
  accumulateGramUpperRows,
  gramMatrix,
  mirrorUpperToLower,
  multiplyXB,
  multiplyXtR,
  rowGramLower,
} from '../../../src-core/linalg/kernels';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { Prng } from '../../../src-core/random/prng';

function randomArray(rng: Prng, length: number): Float64Array {
  const a = new Float64Array(length);
  for (let i = 0; i < length; i++) a[i] = rng.nextGaussian();
  return a;
}

function randomMatrix(rng: Prng, rows: number, cols: number): Matrix {
  return createMatrix(rows, cols, randomArray(rng, rows * cols));
}

/** Plain triple loop: out[k][j] = sum_l X[k][l] B[l][j]. */
function naiveXB(X: Matrix, B: Float64Array, m: number): Float64Array {
  const out = new Float64Array(X.rows * m);
  for (let k = 0; k < X.rows; k++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let l = 0; l < X.cols; l++) s += X.data[k * X.cols + l]! * B[l * m + j]!;
      out[k * m + j] = s;
    }
  return out;
}

/** Plain triple loop: out[l][j] = sum_k X[k][l] R[k][j]. */
function naiveXtR(X: Matrix, R: Float64Array, m: number): Float64Array {
  const out = new Float64Array(X.cols * m);
  for (let l = 0; l < X.cols; l++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < X.rows; k++) s += X.data[k * X.cols + l]! * R[k * m + j]!;
      out[l * m + j] = s;
    }
  return out;
}

function expectClose(actual: Float64Array, expected: Float64Array, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst / scale).toBeLessThan(tol);
}

// Shapes with every remainder mod 4 for n, d and m (dimensions >= 4 use an overlapping last
// tile, smaller ones a plain loop), plus sizes past one row chunk (512 rows).
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [3, 2, 5],
  [4, 4, 4],
  [5, 3, 2],
  [6, 7, 3],
  [11, 9, 6],
  [17, 50, 64],
  [23, 13, 7],
  [10, 7, 5],
  [9, 11, 13],
  [4, 4, 7],
  [1030, 10, 9],
  [1201, 6, 12],
];

describe('multiplyXB', () => {
  it.each(shapes)('matches the triple loop for n=%i, d=%i, m=%i', (n, d, m) => {
    const rng = new Prng(n * 1000 + d * 10 + m);
    const X = randomMatrix(rng, n, d);
    const B = randomArray(rng, d * m);
    const out = new Float64Array(n * m).fill(Number.NaN); // must be overwritten, not accumulated
    multiplyXB(X, B, m, out);
    expectClose(out, naiveXB(X, B, m));
  });

  it('rejects too-short operands with a typed error', () => {
    const X = createMatrix(4, 3);
    let caught: unknown;
    try {
      multiplyXB(X, new Float64Array(5), 2, new Float64Array(8));
    } catch (e) {
      caught = e;
    }
    expect(isConvexNetError(caught) && caught.code).toBe('linalg/shape-mismatch');
    expect(() => multiplyXB(X, new Float64Array(6), 2, new Float64Array(7))).toThrow(/out has 7 entries/);
  });
});

describe('multiplyXtR', () => {
  it.each(shapes)('matches the triple loop for n=%i, d=%i, m=%i', (n, d, m) => {
    const rng = new Prng(n * 7 + d * 3 + m);
    const X = randomMatrix(rng, n, d);
    const R = randomArray(rng, n * m);
    const out = new Float64Array(d * m).fill(123); // stale values must not leak in
    multiplyXtR(X, R, m, out);
    expectClose(out, naiveXtR(X, R, m));
  });

  it('rejects too-short operands with a typed error', () => {
    const X = createMatrix(4, 3);
    expect(() => multiplyXtR(X, new Float64Array(7), 2, new Float64Array(6))).toThrow(/R has 7 entries/);
    expect(() => multiplyXtR(X, new Float64Array(8), 2, new Float64Array(5))).toThrow(/out has 5 entries/);
  });
});

describe('gramMatrix and accumulateGramUpper', () => {
  it.each([
    [1, 1],
    [5, 3],
    [9, 6],
    [600, 13],
    [1100, 8],
  ])('gramMatrix equals X^T X exactly symmetric for n=%i, d=%i', (n, d) => {
    const rng = new Prng(n + 31 * d);
    const X = randomMatrix(rng, n, d);
    const G = gramMatrix(X);
    expectClose(G, naiveXtR(X, X.data, d));
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(G[i * d + j]).toBe(G[j * d + i]);
  });

  it('adds the upper triangle of a row range into an offset block and touches nothing outside it', () => {
    const rng = new Prng(99);
    const rows = 21;
    const d = 7;
    const a = randomArray(rng, rows * d);
    const stride = 12;
    const offset = 3 * stride + 4; // block at rows 3..9, cols 4..10 of a 12 x 12 array
    const out = randomArray(rng, stride * stride);
    const before = Float64Array.from(out);
    accumulateGramUpper(a, d, 5, 17, out, offset, stride);
    const sub = createMatrix(12, d, a.slice(5 * d, 17 * d));
    const expected = naiveXtR(sub, sub.data, d);
    for (let i = 0; i < stride; i++) {
      for (let j = 0; j < stride; j++) {
        const inBlock = i >= 3 && i < 3 + d && j >= 4 && j < 4 + d;
        const idx = i * stride + j;
        if (!inBlock) expect(out[idx]).toBe(before[idx]);
        else if (j - 4 >= i - 3) expect(Math.abs(out[idx]! - before[idx]! - expected[(i - 3) * d + (j - 4)]!)).toBeLessThan(1e-12);
      }
    }
    mirrorUpperToLower(out, d, offset, stride);
    for (let l = 0; l < d; l++) for (let c = 0; c < l; c++) expect(out[offset + l * stride + c]).toBe(out[offset + c * stride + l]);
  });
});

describe('accumulateGramUpperRows', () => {
  it.each([2, 3, 4, 5, 7, 13])('adds the Gram matrix of listed rows (unordered, repeated) for d=%i', (d) => {
    const rng = new Prng(400 + d);
    const rowsTotal = 40;
    const a = randomArray(rng, rowsTotal * d);
    const rows = Int32Array.from([7, 3, 39, 3, 0, 21, 22, 5, 17, 17, 30, 1]);
    const count = 10; // the last two entries must be ignored
    const stride = d + 5;
    const offset = 2 * stride + 3;
    const out = randomArray(rng, (d + 4) * stride);
    const before = Float64Array.from(out);
    accumulateGramUpperRows(a, d, rows, count, out, offset, stride);
    for (let i = 0; i < d + 4; i++) {
      for (let j = 0; j < stride; j++) {
        const idx = i * stride + j;
        const l = i - 2;
        const c = j - 3;
        if (l < 0 || l >= d || c < 0 || c >= d) {
          expect(out[idx]).toBe(before[idx]);
        } else if (c >= l) {
          let s = 0;
          for (let t = 0; t < count; t++) s += a[rows[t]! * d + l]! * a[rows[t]! * d + c]!;
          expect(Math.abs(out[idx]! - before[idx]! - s)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('handles row lists longer than one L1 slice', () => {
    const rng = new Prng(4242);
    const d = 13;
    const total = 1000;
    const a = randomArray(rng, total * d);
    const rows = Int32Array.from({ length: 700 }, () => rng.nextInt(total));
    const out = new Float64Array(d * d);
    accumulateGramUpperRows(a, d, rows, rows.length, out, 0, d);
    mirrorUpperToLower(out, d, 0, d);
    const picked = createMatrix(rows.length, d);
    rows.forEach((k, t) => picked.data.set(a.subarray(k * d, (k + 1) * d), t * d));
    expectClose(out, naiveXtR(picked, picked.data, d));
  });
});

describe('rowGramLower', () => {
  it.each([
    [1, 3],
    [6, 5],
    [13, 4],
    [30, 11],
  ])('fills the lower triangle of A A^T for rows=%i, d=%i', (rows, d) => {
    const rng = new Prng(rows * 17 + d);
    const a = randomArray(rng, rows * d);
    const out = new Float64Array(rows * rows).fill(Number.NaN);
    rowGramLower(a, rows, d, out);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let p = 0; p < d; p++) s += a[i * d + p]! * a[j * d + p]!;
        expect(Math.abs(out[i * rows + j]! - s)).toBeLessThan(1e-12 * Math.max(1, Math.abs(s)));
      }
    }
  });
});
