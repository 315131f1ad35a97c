import { describe, expect, it } from 'vitest';
import { applyFplus, applyFplusTranspose } from '../../../src-core/convex/pattern-sum-products';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { Prng } from '../../../src-core/random/prng';

describe('products with F_+ = [D_1 X, ..., D_P X]', () => {
  it('equal the dense F_+ and its transpose entry by entry', () => {
    const rng = new Prng(21);
    const n = 23;
    const d = 5;
    const P = 7;
    const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
    const masks = Uint8Array.from({ length: n * P }, () => (rng.nextFloat() < 0.5 ? 1 : 0));
    const b = Float64Array.from({ length: d * P }, () => rng.nextGaussian());
    const w = Float64Array.from({ length: n }, () => rng.nextGaussian());
    const T = new Float64Array(d * P);
    const Z = new Float64Array(n * P);
    const Fb = new Float64Array(n);
    const Ftw = new Float64Array(d * P);
    applyFplus(X, masks, P, b, Fb, T, Z);
    applyFplusTranspose(X, masks, P, w, Ftw, T, Z);
    // F_+[k, i d + l] = m_ki x_kl.
    for (let k = 0; k < n; k++) {
      let expected = 0;
      for (let i = 0; i < P; i++) for (let l = 0; l < d; l++) expected += masks[k * P + i]! * X.data[k * d + l]! * b[i * d + l]!;
      expect(Fb[k]).toBeCloseTo(expected, 12);
    }
    for (let i = 0; i < P; i++) {
      for (let l = 0; l < d; l++) {
        let expected = 0;
        for (let k = 0; k < n; k++) expected += masks[k * P + i]! * X.data[k * d + l]! * w[k]!;
        expect(Ftw[i * d + l]).toBeCloseTo(expected, 12);
      }
    }
  });
});
