import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
import { CouplingCache } from '../../../../src-core/solvers/ipm/coupling-cache';
import { WoodburyReduction } from '../../../../src-core/solvers/ipm/woodbury-reduction';

describe('WoodburyReduction with a coupling cache', () => {
  it('refactors the n x n factor the previous solve left in place, with the same solutions as a factor of its own', () => {
    // n = 70 rows: an order-70 factor (the WebAssembly one where SIMD is on); d P = 60 unknowns.
    const n = 70;
    const d = 5;
    const P = 12;
    const rng = new Prng(23);
    const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
    const masks = Uint8Array.from({ length: n * P }, () => (rng.nextFloat() < 0.5 ? 1 : 0));
    /** 2P positive definite blocks: a d x d Gram of random rows plus a multiple of the identity. */
    const blocks = (shift: number): Float64Array => {
      const B = new Float64Array(2 * P * d * d);
      for (let j = 0; j < 2 * P; j++) {
        const rows = Float64Array.from({ length: 2 * d * d }, () => rng.nextGaussian());
        for (let a = 0; a < d; a++) {
          for (let b = 0; b < d; b++) {
            let sum = a === b ? shift : 0;
            for (let t = 0; t < 2 * d; t++) sum += rows[t * d + a]! * rows[t * d + b]!;
            B[j * d * d + a * d + b] = sum;
          }
        }
      }
      return B;
    };
    const cache = new CouplingCache();
    const count = { regularizations: 0 };
    const first = new WoodburyReduction(X, masks, P, count, cache);
    expect(cache.factorOfOrder(n)).toBeNull();
    first.factor(blocks(1));
    const kept = cache.factorOfOrder(n);
    expect(kept).not.toBeNull();

    const B = blocks(0.5);
    const r = Float64Array.from({ length: 2 * d * P }, () => rng.nextGaussian());
    const second = new WoodburyReduction(X, masks, P, count, cache);
    second.factor(B);
    expect(cache.factorOfOrder(n)).toBe(kept);
    const shared = new Float64Array(2 * d * P);
    second.solve(r, shared);
    const alone = new WoodburyReduction(X, masks, P, count);
    alone.factor(B);
    const own = new Float64Array(2 * d * P);
    alone.solve(r, own);
    expect(Array.from(shared)).toEqual(Array.from(own));
  });
});
