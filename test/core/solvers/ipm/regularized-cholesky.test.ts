import { describe, expect, it } from 'vitest';
import { setSimdKernelsEnabled } from '../../../../src-core/linalg/simd-kernels';
import { factorLargeRegularized, factorLargeWith, factorSmallRegularized } from '../../../../src-core/solvers/ipm/regularized-cholesky';

describe('regularized Cholesky of the Newton systems', () => {
  it('factors a positive definite block as it is, without counting', () => {
    const A = Float64Array.from([4, 2, 2, 3]);
    const count = { regularizations: 0 };
    factorSmallRegularized(A, 0, 2, count);
    expect(count.regularizations).toBe(0);
    // The first attempt already carries the smallest shift, 1e-14 of the diagonal.
    expect(A[0]).toBeCloseTo(2, 12);
    expect(A[2]).toBeCloseTo(1, 12);
    expect(A[3]).toBeCloseTo(Math.sqrt(2), 12);
  });

  it('raises the diagonal of a slightly indefinite block until it factors, and counts each raise', () => {
    // [1 1; 1 1 - 1e-10] has an eigenvalue of about -5e-11: the shifts 1e-14 and 1e-12 of the
    // diagonal are not enough, 1e-10 is.
    const A = Float64Array.from([9, 9, 1, 1, 1, 1 - 1e-10]);
    const count = { regularizations: 0 };
    factorSmallRegularized(A, 2, 2, count);
    expect(count.regularizations).toBe(2);
    expect(A[0]).toBe(9); // outside the block: untouched
    expect(A[5]! > 0).toBe(true);
  });

  it('raises the diagonal of a large matrix the same way, from 1e-13 of its largest entry', () => {
    const count = { regularizations: 0 };
    const factor = factorLargeRegularized(Float64Array.from([1, 1, 1, 1 - 1e-9]), 2, null, count);
    expect(count.regularizations).toBeGreaterThan(0);
    expect(factor.order).toBe(2);
  });

  it('factors a large matrix once and solves with it; reuses the factor object', () => {
    const count = { regularizations: 0 };
    const k = 80;
    const A = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] = (i === j ? k : 0) + 1 / (1 + Math.abs(i - j));
    const first = factorLargeRegularized(Float64Array.from(A), k, null, count);
    const again = factorLargeRegularized(Float64Array.from(A), k, first, count);
    expect(again).toBe(first);
    const x = Float64Array.from({ length: k }, (_, i) => i + 1);
    const b = new Float64Array(k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) b[i]! += A[i * k + j]! * x[j]!;
    again.solve(b, 0);
    for (let i = 0; i < k; i++) expect(b[i]).toBeCloseTo(i + 1, 10);
    expect(count.regularizations).toBe(0);
  });

  it('factorLargeWith factors what factorLargeRegularized does, shifts included, written straight into the factor', () => {
    for (const simd of [true, false]) {
      const before = setSimdKernelsEnabled(simd);
      try {
        // Order 70 (the WebAssembly factor from 64): a rank-deficient Gram plus a tiny negative
        // diagonal perturbation needs several shifts.
        const k = 70;
        const A = new Float64Array(k * k);
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] = Math.cos(i) * Math.cos(j) + Math.sin(i) * Math.sin(j) - (i === j ? 1e-9 : 0);
        const countA = { regularizations: 0 };
        const expected = factorLargeRegularized(Float64Array.from(A), k, null, countA).lower();
        const countB = { regularizations: 0 };
        let writes = 0;
        const factor = factorLargeWith(
          (target) => {
            writes++;
            // Only the lower triangle is written; the rest is garbage the factorization ignores.
            for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) target[i * k + j] = j <= i ? A[i * k + j]! : 1e300;
          },
          k,
          null,
          countB,
        );
        expect(countA.regularizations).toBeGreaterThan(1);
        expect(countB.regularizations).toBe(countA.regularizations);
        expect(writes).toBe(countA.regularizations + 1);
        expect(Array.from(factor.lower())).toEqual(Array.from(expected));
      } finally {
        setSimdKernelsEnabled(before);
      }
    }
  });
});
