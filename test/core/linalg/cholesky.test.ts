import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import {
  backSubstituteTransposed,
  backSubstituteTransposedMany,
  choleskyFactor,
  choleskySolve,
  choleskySolveMany,
  forwardSubstitute,
  forwardSubstituteMany,
} from '../../../src-core/linalg/cholesky';
import { Prng } from '../../../src-core/random/prng';

/** Random SPD matrix B B^T + shift I (row-major k x k), B k x k Gaussian. */
function randomSpd(rng: Prng, k: number, shift = 1): Float64Array {
  const b = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) b[i] = rng.nextGaussian();
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += b[i * k + p]! * b[j * k + p]!;
      a[i * k + j] = s;
      a[j * k + i] = s;
    }
  for (let i = 0; i < k; i++) a[i * k + i] += shift;
  return a;
}

/** Textbook Cholesky-Banachiewicz, entry by entry. */
function naiveCholesky(a: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j]!;
      for (let p = 0; p < j; p++) s -= l[i * k + p]! * l[j * k + p]!;
      l[i * k + j] = i === j ? Math.sqrt(s) : s / l[j * k + j]!;
    }
  return l;
}

function matVec(a: Float64Array, k: number, x: Float64Array, offset = 0): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += a[i * k + j]! * x[offset + j]!;
    y[i] = s;
  }
  return y;
}

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-300));
}

function catchError(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('choleskyFactor', () => {
  // Sizes around the 64-column panel and with every remainder mod 4.
  it.each([1, 2, 3, 5, 8, 63, 64, 65, 67, 130, 201])('matches the textbook factor and reproduces A for k=%i', (k) => {
    const rng = new Prng(1000 + k);
    const a = randomSpd(rng, k);
    const l = Float64Array.from(a);
    choleskyFactor(l, k);
    expect(relDiff(l, naiveCholesky(a, k))).toBeLessThan(1e-11);
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) expect(l[i * k + j]).toBe(0);
    // L L^T = A
    const llt = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let p = 0; p <= Math.min(i, j); p++) s += l[i * k + p]! * l[j * k + p]!;
        llt[i * k + j] = s;
      }
    expect(relDiff(llt, a)).toBeLessThan(1e-13);
  });

  it('reads only the lower triangle', () => {
    const k = 70;
    const a = randomSpd(new Prng(5), k);
    const garbage = Float64Array.from(a);
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) garbage[i * k + j] = 1e6 * (i - j);
    const l1 = Float64Array.from(a);
    choleskyFactor(l1, k);
    choleskyFactor(garbage, k);
    expect(Array.from(garbage)).toEqual(Array.from(l1));
  });

  it('throws solver/not-positive-definite for an indefinite matrix, naming the pivot', () => {
    const k = 4;
    const a = new Float64Array([4, 2, 0, 0, 2, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 2]); // pivot 1 is 0
    const e = catchError(() => choleskyFactor(a, k));
    expect(e).toBeInstanceOf(ConvexNetError);
    expect((e as ConvexNetError).code).toBe('solver/not-positive-definite');
    expect((e as ConvexNetError).message).toMatch(/pivot 1 is 0/);
  });

  it('detects a failure in a later panel of a large matrix', () => {
    const k = 150;
    const a = randomSpd(new Prng(8), k);
    a[140 * k + 140] = -1e6; // makes the matrix indefinite; pivot 140 lies in the third panel
    const e = catchError(() => choleskyFactor(a, k));
    expect((e as ConvexNetError).code).toBe('solver/not-positive-definite');
    expect((e as ConvexNetError).message).toMatch(/pivot 140 /);
  });

  it('rejects NaN and infinite entries', () => {
    const nan = new Float64Array([Number.NaN, 0, 0, 1]);
    expect((catchError(() => choleskyFactor(nan, 2)) as ConvexNetError).code).toBe('solver/not-positive-definite');
    const inf = new Float64Array([Number.POSITIVE_INFINITY, 0, 0, 1]);
    expect((catchError(() => choleskyFactor(inf, 2)) as ConvexNetError).code).toBe('solver/not-positive-definite');
    const zeros = new Float64Array(9);
    expect((catchError(() => choleskyFactor(zeros, 3)) as ConvexNetError).code).toBe('solver/not-positive-definite');
  });

  it('rejects a wrongly sized array', () => {
    expect((catchError(() => choleskyFactor(new Float64Array(8), 3)) as ConvexNetError).code).toBe('linalg/shape-mismatch');
  });
});

describe('triangular solves', () => {
  it.each([1, 3, 4, 5, 8, 37])('solves L y = b and L^T x = y for one right-hand side at an offset, k=%i', (k) => {
    const rng = new Prng(21 + k);
    const a = randomSpd(rng, k);
    const l = Float64Array.from(a);
    choleskyFactor(l, k);
    const b = new Float64Array(k + 5);
    for (let i = 0; i < b.length; i++) b[i] = rng.nextGaussian();
    const original = Float64Array.from(b);
    forwardSubstitute(l, k, b, 5);
    expect(relDiff(matVec(l, k, b, 5), original.subarray(5))).toBeLessThan(1e-13);
    expect(Array.from(b.subarray(0, 5))).toEqual(Array.from(original.subarray(0, 5)));
    const y = Float64Array.from(b.subarray(5));
    backSubstituteTransposed(l, k, b, 5);
    const lt = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) lt[i * k + j] = l[j * k + i]!;
    expect(relDiff(matVec(lt, k, b, 5), y)).toBeLessThan(1e-13);

    const c = Float64Array.from(original);
    choleskySolve(l, k, c, 5);
    expect(relDiff(matVec(a, k, c, 5), original.subarray(5))).toBeLessThan(1e-12);
  });

  it.each([
    [1, 1],
    [9, 3],
    [33, 7],
    [70, 12],
  ])('solves k=%i systems with m=%i right-hand sides column by column', (k, m) => {
    const rng = new Prng(k * 13 + m);
    const a = randomSpd(rng, k);
    const l = Float64Array.from(a);
    choleskyFactor(l, k);
    const b = new Float64Array(k * m);
    for (let i = 0; i < b.length; i++) b[i] = rng.nextGaussian();
    const x = Float64Array.from(b);
    choleskySolveMany(l, k, x, m);
    const f = Float64Array.from(b);
    forwardSubstituteMany(l, k, f, m);
    for (let c = 0; c < m; c++) {
      const col = new Float64Array(k);
      const xc = new Float64Array(k);
      const fc = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        col[i] = b[i * m + c]!;
        xc[i] = x[i * m + c]!;
        fc[i] = f[i * m + c]!;
      }
      expect(relDiff(matVec(a, k, xc), col)).toBeLessThan(1e-12);
      expect(relDiff(matVec(l, k, fc), col)).toBeLessThan(1e-13);
    }
    backSubstituteTransposedMany(l, k, f, m);
    expect(relDiff(f, x)).toBeLessThan(1e-14);
  });
});
