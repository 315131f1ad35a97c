import { describe, expect, it } from 'vitest';
import { meanAndSpread } from '../../../src-core/metrics/mean-and-spread';

describe('meanAndSpread', () => {
  it('gives the mean and the sample standard deviation (n - 1), 0 for one value, null for none', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample variance 32 / 7.
    expect(meanAndSpread([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: Math.sqrt(32 / 7) });
    expect(meanAndSpread([3])).toEqual({ mean: 3, std: 0 });
    expect(meanAndSpread([])).toBeNull();
  });
});
