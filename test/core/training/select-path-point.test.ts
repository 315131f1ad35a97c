import { describe, expect, it } from 'vitest';
import { selectPathPoint } from '../../../src-core/training/select-path-point';

describe('selectPathPoint', () => {
  const points = (scores: (number | null)[]) => scores.map((score, i) => ({ beta: 10 ** (i - 3), score }));

  it('picks the highest score and names the evidence, with the fold count for cross-validation', () => {
    expect(selectPathPoint(points([0.7, 0.85, 0.8]), 'cv', 5)).toEqual({ index: 1, reason: 'beta = 0.0100 has the best 5-fold cross-validated score.' });
    expect(selectPathPoint(points([0.7, 0.85, 0.8]), 'cv').reason).toBe('beta = 0.0100 has the best cross-validated score.');
    expect(selectPathPoint(points([0.9, 0.8]), 'test').reason).toBe('beta = 0.00100 has the best test score.');
    expect(selectPathPoint(points([0.9, 0.8]), 'train').reason).toBe('beta = 0.00100 has the best training score (no test rows).');
  });

  it('gives a tie to the largest beta and says how many share the score; a missing score never wins', () => {
    expect(selectPathPoint(points([1, 1, 1, 0.98]), 'test')).toEqual({
      index: 2,
      reason: 'beta = 0.100 has the best test score, shared by 3 of the 4 values; of those, the largest beta (the simplest model) is chosen.',
    });
    expect(selectPathPoint(points([null, 0.5, null]), 'test').index).toBe(1);
  });
});
