import { describe, expect, it } from 'vitest';
import { formatMeanAndSpread } from '../../../../src-main/cli/commands/run-data';

describe('formatMeanAndSpread', () => {
  it('gives the mean and its spread over the folds, in percent for accuracy', () => {
    expect(formatMeanAndSpread(0.85, 0.031, false)).toBe('0.850 ± 0.031');
    expect(formatMeanAndSpread(0.85, 0.031, true)).toBe('85.0% ± 3.1%');
  });

  it('gives the mean alone when the spread is undefined (fewer than two folds had the score), not "± -"', () => {
    expect(formatMeanAndSpread(0.85, null, false)).toBe('0.850');
    expect(formatMeanAndSpread(null, null, true)).toBe('-');
  });
});
