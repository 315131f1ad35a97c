import { afterEach, describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../src-core/errors';
import { multiplyXB, multiplyXtR } from '../../../src-core/linalg/kernels';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { ResidentMatrix } from '../../../src-core/linalg/resident-matrix';
import { setSimdKernelsEnabled, simdKernels } from '../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../src-core/random/prng';

function randomArray(rng: Prng, length: number): Float64Array {
  return Float64Array.from({ length }, () => rng.nextGaussian());
}

function randomMatrix(rng: Prng, rows: number, cols: number): Matrix {
  return createMatrix(rows, cols, randomArray(rng, rows * cols));
}

/** out[k, j] = x_k^T u_j, plain loops. */
function naiveXUt(X: Matrix, U: Float64Array, m: number): Float64Array {
  const { rows: n, cols: d } = X;
  const out = new Float64Array(n * m);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += X.data[k * d + t]! * U[j * d + t]!;
      out[k * m + j] = s;
    }
  return out;
}

/** out[j, t] = sum_k R[k, j] x_k[t], plain loops. */
function naiveRtX(X: Matrix, R: Float64Array, m: number): Float64Array {
  const { rows: n, cols: d } = X;
  const out = new Float64Array(m * d);
  for (let j = 0; j < m; j++)
    for (let t = 0; t < d; t++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += R[k * m + j]! * X.data[k * d + t]!;
      out[j * d + t] = s;
    }
  return out;
}

/** The products the way convex-operators.ts computed them before X was resident: transposes around kernels.ts. */
function copyingXUt(X: Matrix, U: Float64Array, m: number): Float64Array {
  const d = X.cols;
  const bt = new Float64Array(d * m);
  for (let j = 0; j < m; j++) for (let t = 0; t < d; t++) bt[t * m + j] = U[j * d + t]!;
  const out = new Float64Array(X.rows * m);
  multiplyXB(X, bt, m, out);
  return out;
}

function copyingRtX(X: Matrix, R: Float64Array, m: number): Float64Array {
  const d = X.cols;
  const at = new Float64Array(d * m);
  multiplyXtR(X, R, m, at);
  const out = new Float64Array(m * d);
  for (let j = 0; j < m; j++) for (let t = 0; t < d; t++) out[j * d + t] = at[t * m + j]!;
  return out;
}

function products(A: ResidentMatrix, U: Float64Array, R: Float64Array, m: number): [Float64Array, Float64Array] {
  const xu = new Float64Array(A.rows * m).fill(Number.NaN);
  const rx = new Float64Array(m * A.cols).fill(Number.NaN);
  A.multiplyXUt(U, m, xu);
  A.multiplyRtX(R, m, rx);
  return [xu, rx];
}

/** Index of the first entry whose bits differ (NaN matches NaN), -1 when none: fast on large arrays. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameBits(actual: Float64Array[], expected: Float64Array[]): void {
  expect(actual.map((a, i) => firstDifference(a, expected[i]!))).toEqual(expected.map(() => -1));
}

function expectClose(actual: Float64Array, expected: Float64Array): void {
  let scale = 1;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst / scale).toBeLessThan(1e-12);
}

describe('ResidentMatrix', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  it('gives bit-identical results to the copying kernels, with SIMD and without, for every remainder', () => {
    const rng = new Prng(21);
    // n, d, m below / at / above 4, not multiples of 4, and n across the 256-row chunks of xtr.
    const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 2], [4, 4, 4], [5, 3, 6], [9, 7, 3], [103, 51, 64], [600, 31, 18], [260, 2, 5]];
    for (const [n, d, m] of shapes) {
      const X = randomMatrix(rng, n, d);
      const U = randomArray(rng, m * d);
      const R = randomArray(rng, n * m);
      const bySimd = [true, false].map((simd) => {
        setSimdKernelsEnabled(simd);
        const [xu, rx] = products(new ResidentMatrix(X), U, R, m);
        expectSameBits([xu, rx], [copyingXUt(X, U, m), copyingRtX(X, R, m)]);
        expectClose(xu, naiveXUt(X, U, m));
        expectClose(rx, naiveRtX(X, R, m));
        return [xu, rx];
      });
      expectSameBits(bySimd[0]!, bySimd[1]!);
    }
  });

  it('keeps X in wasm memory between its products instead of copying it again', () => {
    expect(simdKernels()).not.toBeNull();
    const rng = new Prng(4);
    const X = randomMatrix(rng, 40, 6);
    const A = new ResidentMatrix(X);
    const U = randomArray(rng, 8 * 6);
    const R = randomArray(rng, 40 * 8);
    expect(A.isResident).toBe(false);
    const [xu, rx] = products(A, U, R, 8);
    expect(A.isResident).toBe(true);
    // Writing X breaks the contract; it shows that the products use the resident snapshot.
    const original = Float64Array.from(X.data);
    X.data.fill(7);
    const [xuAgain, rxAgain] = products(A, U, R, 8);
    expect(Array.from(xuAgain)).toEqual(Array.from(xu));
    expect(Array.from(rxAgain)).toEqual(Array.from(rx));
    X.data.set(original);
  });

  it('copies X again when other work used the memory in between (other matrices, multiplyXB), results exact', () => {
    const rng = new Prng(8);
    const Xa = randomMatrix(rng, 300, 13);
    const Xb = randomMatrix(rng, 2500, 9); // larger: its products grow the memory past its first size
    const A = new ResidentMatrix(Xa);
    const B = new ResidentMatrix(Xb);
    const Ua = randomArray(rng, 12 * 13);
    const Ra = randomArray(rng, 300 * 12);
    const Ub = randomArray(rng, 64 * 9);
    const Rb = randomArray(rng, 2500 * 64);
    const expectedA = [copyingXUt(Xa, Ua, 12), copyingRtX(Xa, Ra, 12)];
    const expectedB = [copyingXUt(Xb, Ub, 64), copyingRtX(Xb, Rb, 64)];
    for (let round = 0; round < 2; round++) {
      expectSameBits(products(A, Ua, Ra, 12), expectedA);
      expect(A.isResident).toBe(true);
      expectSameBits(products(B, Ub, Rb, 64), expectedB);
      expect(A.isResident).toBe(false);
      expect(B.isResident).toBe(true);
    }
    multiplyXB(Xa, randomArray(rng, 13 * 4), 4, new Float64Array(300 * 4));
    expect(B.isResident).toBe(false);
    expectSameBits(products(B, Ub, Rb, 64), expectedB);
  });

  it('stays exact when a larger m grows the memory while X is resident, and a smaller padded m follows', () => {
    const rng = new Prng(13);
    const X = randomMatrix(rng, 3000, 11);
    const A = new ResidentMatrix(X);
    for (const m of [4, 96, 6]) {
      const U = randomArray(rng, m * 11);
      const R = randomArray(rng, 3000 * m);
      expectSameBits(products(A, U, R, m), [copyingXUt(X, U, m), copyingRtX(X, R, m)]);
    }
  });

  it('uses the JavaScript kernels when the SIMD paths are turned off after X became resident', () => {
    const rng = new Prng(2);
    const X = randomMatrix(rng, 50, 7);
    const A = new ResidentMatrix(X);
    const U = randomArray(rng, 10 * 7);
    const R = randomArray(rng, 50 * 10);
    const withSimd = products(A, U, R, 10);
    setSimdKernelsEnabled(false);
    expect(A.isResident).toBe(false);
    expectSameBits(products(A, U, R, 10), withSimd);
  });

  it('pinOperands: products of that width use the pinned views, others the shared memory, all exact', () => {
    const rng = new Prng(6);
    const X = randomMatrix(rng, 120, 9);
    const A = new ResidentMatrix(X);
    const views = A.pinOperands(16)!;
    expect(views.adjointInput.length).toBe(120 * 16);
    expect(views.applyOutput.length).toBe(120 * 16);
    expect(A.pinOperands(6)).toBeNull(); // 6 is not a multiple of 4: products of width 6 are still copied
    const pinnedAgain = A.pinOperands(16)!;
    const U = randomArray(rng, 16 * 9);
    const R = randomArray(rng, 120 * 16);
    pinnedAgain.adjointInput.set(R);
    const rx = new Float64Array(16 * 9);
    A.multiplyRtX(pinnedAgain.adjointInput, 16, rx);
    A.multiplyXUt(U, 16, pinnedAgain.applyOutput);
    expectSameBits([pinnedAgain.applyOutput, rx], [copyingXUt(X, U, 16), copyingRtX(X, R, 16)]);
    const U8 = randomArray(rng, 8 * 9);
    const R8 = randomArray(rng, 120 * 8);
    expectSameBits(products(A, U8, R8, 8), [copyingXUt(X, U8, 8), copyingRtX(X, R8, 8)]);
    // With SIMD turned off the views are ordinary arrays to the JavaScript kernels.
    setSimdKernelsEnabled(false);
    const rxScalar = new Float64Array(16 * 9);
    A.multiplyRtX(pinnedAgain.adjointInput, 16, rxScalar);
    expectSameBits([rxScalar], [rx]);
  });

  it('rejects arrays that are too short with a shape error naming the argument', () => {
    const A = new ResidentMatrix(createMatrix(5, 3));
    const shapeError = (run: () => void, pattern: RegExp): void => {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(isConvexNetError(error) && error.code).toBe('linalg/shape-mismatch');
        expect((error as Error).message).toMatch(pattern);
      }
    };
    shapeError(() => A.multiplyXUt(new Float64Array(11), 4, new Float64Array(20)), /multiplyXUt: U has 11 entries, expected at least 12/);
    shapeError(() => A.multiplyXUt(new Float64Array(12), 4, new Float64Array(19)), /multiplyXUt: out has 19 entries/);
    shapeError(() => A.multiplyRtX(new Float64Array(19), 4, new Float64Array(12)), /multiplyRtX: R has 19 entries/);
    shapeError(() => A.multiplyRtX(new Float64Array(20), 4, new Float64Array(11)), /multiplyRtX: out has 11 entries/);
  });
});
