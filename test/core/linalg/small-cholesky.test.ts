import { describe, expect, it } from 'vitest';
import { choleskyFactor } from '../../../src-core/linalg/cholesky';
import { addCholeskyInverse, factorSmall, SMALL_ORDER_MAX } from '../../../src-core/linalg/small-cholesky';
import { setSimdKernelsEnabled } from '../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../src-core/random/prng';
import { positiveDefiniteBlocks } from '../fixtures/positive-definite';

describe('addCholeskyInverse', () => {
  for (const d of [1, 2, 5, 31]) {
    it(`adds A^{-1} from A's Cholesky factor (d = ${d}): A times the result is the identity, exactly symmetric`, () => {
      const rng = new Prng(d);
      const A = positiveDefiniteBlocks(1, d, 0.1, rng);
      // The factor at an offset, with garbage above its diagonal (not read).
      const at = 7;
      const l = new Float64Array(at + d * d);
      const L = Float64Array.from(A);
      choleskyFactor(L, d);
      for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) l[at + a * d + b] = L[a * d + b]!;
      for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) l[at + a * d + b] = 1e6;
      // Added into what `out` held: a second inverse on top of a first gives twice the inverse.
      const out = new Float64Array(3 + d * d);
      const work = new Float64Array(d * d).fill(5);
      addCholeskyInverse(l, at, d, work, out, 3);
      addCholeskyInverse(l, at, d, work, out, 3);
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          expect(out[3 + a * d + b]).toBe(out[3 + b * d + a]);
          let product = 0;
          for (let t = 0; t < d; t++) product += A[a * d + t]! * out[3 + t * d + b]!;
          expect(Math.abs(product / 2 - (a === b ? 1 : 0))).toBeLessThan(1e-10);
        }
      }
      expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 0]);
    });
  }
});

describe('small-block kernels: WebAssembly SIMD and JavaScript give the same bits', () => {
  it('factorSmall equals choleskyFactor bit for bit for every order 1..64, with and without SIMD', () => {
    for (let d = 1; d <= SMALL_ORDER_MAX; d++) {
      const A = positiveDefiniteBlocks(1, d, 0.01, new Prng(100 + d));
      const reference = Float64Array.from(A);
      choleskyFactor(reference, d);
      for (const simd of [true, false]) {
        const before = setSimdKernelsEnabled(simd);
        try {
          // At an offset, with garbage above the diagonal (not read, zeroed on return).
          const a = new Float64Array(5 + d * d + 2).fill(9);
          for (let r = 0; r < d; r++) for (let c = 0; c <= r; c++) a[5 + r * d + c] = A[r * d + c]!;
          factorSmall(a, 5, d);
          expect(Array.from(a.subarray(5, 5 + d * d))).toEqual(Array.from(reference));
          expect([...a.subarray(0, 5), ...a.subarray(5 + d * d)]).toEqual([9, 9, 9, 9, 9, 9, 9]);
        } finally {
          setSimdKernelsEnabled(before);
        }
      }
    }
  });

  it('addCholeskyInverse gives the same bits with and without SIMD for every order 1..64', () => {
    for (let d = 1; d <= SMALL_ORDER_MAX; d++) {
      const L = positiveDefiniteBlocks(1, d, 0.01, new Prng(200 + d));
      choleskyFactor(L, d);
      const results = [true, false].map((simd) => {
        const before = setSimdKernelsEnabled(simd);
        try {
          const out = new Float64Array(2 + d * d).fill(0.25);
          addCholeskyInverse(L, 0, d, new Float64Array(d * d), out, 2);
          return Array.from(out);
        } finally {
          setSimdKernelsEnabled(before);
        }
      });
      expect(results[0]).toEqual(results[1]);
    }
  });

  it('factorSmall adds the shift to the diagonal only, and a failed factorization leaves the block as it was', () => {
    for (const simd of [true, false]) {
      const before = setSimdKernelsEnabled(simd);
      try {
        const d = 3;
        // Indefinite: eigenvalues 3 and -1 in the leading 2 x 2.
        const indefinite = Float64Array.from([1, 2, 0, 2, 1, 0, 0, 0, 1]);
        const a = Float64Array.from(indefinite);
        expect(() => factorSmall(a, 0, d)).toThrow(expect.objectContaining({ code: 'solver/not-positive-definite' }) as Error);
        expect(Array.from(a)).toEqual(Array.from(indefinite));
        // A NaN pivot is refused like a negative one.
        const nan = Float64Array.from([Number.NaN, 0, 0, 0, 1, 0, 0, 0, 1]);
        expect(() => factorSmall(nan, 0, d)).toThrow(/not positive definite/);
        // Shifted by 2 it is positive definite: L L^T = A + 2 I.
        factorSmall(a, 0, d, 2);
        for (let r = 0; r < d; r++) {
          for (let c = 0; c < d; c++) {
            let sum = 0;
            for (let t = 0; t < d; t++) sum += a[r * d + t]! * a[c * d + t]!;
            expect(sum).toBeCloseTo(indefinite[r * d + c]! + (r === c ? 2 : 0), 12);
          }
        }
      } finally {
        setSimdKernelsEnabled(before);
      }
    }
  });

  it('refuses a block that does not fit the array, with the shape in the message', () => {
    expect(() => factorSmall(new Float64Array(8), 0, 3)).toThrow(/factorSmall: expected a 3 x 3 block at entry 0 of an array of 8 entries/);
    expect(() => factorSmall(new Float64Array(9), -1, 3)).toThrow(/factorSmall/);
  });
});
