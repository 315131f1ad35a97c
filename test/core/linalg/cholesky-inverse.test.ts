import { describe, expect, it } from 'vitest';
import { choleskyFactor } from '../../../src-core/linalg/cholesky';
import { addCholeskyInverse } from '../../../src-core/linalg/cholesky-inverse';
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
