import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
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
