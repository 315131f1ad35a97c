import { describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../src-core/errors';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { gaussianMatrix, maskColumn, patternOf, toyX } from './fixtures';

describe('samplePatterns', () => {
  it('gives identical pattern sets for the same seed and different generators for another seed', () => {
    const X = toyX();
    const a = samplePatterns(X, 300, new Prng(2024));
    const b = samplePatterns(X, 300, new Prng(2024));
    const c = samplePatterns(X, 300, new Prng(2025));
    expect(a.count).toBe(b.count);
    expect(Array.from(a.masks)).toEqual(Array.from(b.masks));
    expect(Array.from(a.generators.data)).toEqual(Array.from(b.generators.data));
    expect(Array.from(a.generators.data)).not.toEqual(Array.from(c.generators.data));
    expect(a.source).toBe('sampled');
  });

  it('draws h ~ N(0, I_d) in the documented order, including the bias coordinate', () => {
    const X = toyX(); // d = 3 with the bias column
    const set = samplePatterns(X, 50, new Prng(9), { dropEmpty: false });
    expect(set.generators.cols).toBe(3);
    const ref = new Prng(9);
    const first = [ref.nextGaussian(), ref.nextGaussian(), ref.nextGaussian()];
    expect(Array.from(set.generators.data.subarray(0, 3))).toEqual(first);
    // Every kept generator reproduces its pattern, and the patterns are distinct.
    const keys = Array.from({ length: set.count }, (_, i) => maskColumn(set, i));
    for (let i = 0; i < set.count; i++) expect(patternOf(X, set.generators.data.subarray(i * 3, i * 3 + 3))).toBe(keys[i]);
    expect(new Set(keys).size).toBe(set.count);
    expect(set.count).toBeLessThanOrEqual(50);
  });

  it('drops the all-zero pattern unless dropEmpty is false', () => {
    // One row: h gives the all-zero pattern whenever x^T h < 0, i.e. for about half the draws.
    const X = gaussianMatrix(1, 4, 1);
    const kept = samplePatterns(X, 40, new Prng(3), { dropEmpty: false });
    const dropped = samplePatterns(X, 40, new Prng(3));
    expect(kept.count).toBe(2);
    expect(dropped.count).toBe(1);
    expect(dropped.masks[0]).toBe(1);
  });

  it('validates the sample count with a settings/invalid error', () => {
    const X = toyX();
    for (const bad of [0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let code: string | undefined;
      try {
        samplePatterns(X, bad, new Prng(1));
      } catch (e) {
        code = isConvexNetError(e) ? e.code : 'other';
        expect((e as Error).message).toMatch(/positive whole number/);
      }
      expect(code).toBe('settings/invalid');
    }
  });
});
