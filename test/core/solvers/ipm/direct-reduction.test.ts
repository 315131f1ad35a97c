import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
import { CouplingCache } from '../../../../src-core/solvers/ipm/coupling-cache';
import { DirectReduction } from '../../../../src-core/solvers/ipm/direct-reduction';

describe('DirectReduction.applyCoupling', () => {
  // Orders d P = 15 and 28: a remainder after the four-row blocks, and none.
  for (const [n, d, P] of [[9, 3, 5], [12, 4, 7]] as const) {
    it(`multiplies by Q = F_+^T F_+ exactly as the dense F gives it (n=${n}, d=${d}, P=${P}, order ${d * P})`, () => {
      const rng = new Prng(n + d + P);
      const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
      const masks = Uint8Array.from({ length: n * P }, () => (rng.nextFloat() < 0.5 ? 1 : 0));
      const reduction = new DirectReduction(X, masks, P, { regularizations: 0 }, () => 0);
      const a = Float64Array.from({ length: d * P }, () => rng.nextGaussian());
      // F a = sum_i D_i X a_i, then F^T (F a) block by block: X^T D_i (F a).
      const Fa = new Float64Array(n);
      for (let k = 0; k < n; k++) for (let i = 0; i < P; i++) for (let c = 0; c < d; c++) Fa[k]! += masks[k * P + i]! * X.data[k * d + c]! * a[i * d + c]!;
      const expected = new Float64Array(d * P);
      for (let i = 0; i < P; i++) for (let c = 0; c < d; c++) for (let k = 0; k < n; k++) expected[i * d + c]! += masks[k * P + i]! * X.data[k * d + c]! * Fa[k]!;
      const out = new Float64Array(d * P);
      reduction.applyCoupling(a, out);
      const scale = Math.max(...expected.map(Math.abs));
      out.forEach((value, r) => expect(Math.abs(value - expected[r]!)).toBeLessThan(1e-12 * scale));
    });
  }
});

describe('DirectReduction with a coupling cache', () => {
  it('refactors the factor the previous solve left in place, with the same solutions as a factor of its own', () => {
    // Order d P = 72: the WebAssembly factor where SIMD is on.
    const n = 40;
    const d = 6;
    const P = 12;
    const rng = new Prng(17);
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
    const first = new DirectReduction(X, masks, P, count, () => 0, cache);
    expect(cache.factorOfOrder(d * P)).toBeNull();
    first.factor(blocks(1));
    const kept = cache.factorOfOrder(d * P);
    expect(kept).not.toBeNull();
    expect(cache.factorOfOrder(d * P + 1)).toBeNull();

    const B = blocks(0.5);
    const r = Float64Array.from({ length: 2 * d * P }, () => rng.nextGaussian());
    const second = new DirectReduction(X, masks, P, count, () => 0, cache);
    second.factor(B);
    expect(cache.factorOfOrder(d * P)).toBe(kept);
    const shared = new Float64Array(2 * d * P);
    second.solve(r, shared);
    const alone = new DirectReduction(X, masks, P, count, () => 0);
    alone.factor(B);
    const own = new Float64Array(2 * d * P);
    alone.solve(r, own);
    expect(Array.from(shared)).toEqual(Array.from(own));
  });
});
