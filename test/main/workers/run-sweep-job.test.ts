import { describe, expect, it } from 'vitest';
import type { SweepPointSummary } from '../../../src-core/contract/training-jobs';
import { selectPoint } from '../../../src-main/workers/run-sweep-job';

function point(beta: number, testScore: number | null, cvScore: number | null = null): SweepPointSummary {
  return { beta, status: 'solved', objective: 1, relativeGap: 1e-4, neuronCount: 3, iterations: 10, solveMs: 1, trainScore: 1, testScore, cvScore, cvSpread: null };
}

describe('selectPoint', () => {
  it('picks the best score and names the evidence', () => {
    const points = [point(0.001, 0.9), point(0.01, 0.95), point(0.1, 0.8)];
    expect(selectPoint(points, null, true)).toEqual({ index: 1, reason: 'beta = 0.0100 has the best test score.' });
  });

  it('gives a tie to the largest beta and says that several values share the score', () => {
    const points = [point(0.001, 1), point(0.01, 1), point(0.1, 1), point(1, 0.98)];
    expect(selectPoint(points, null, true)).toEqual({
      index: 2,
      reason: 'beta = 0.100 has the best test score, shared by 3 of the 4 values; of those, the largest beta (the simplest model) is chosen.',
    });
  });

  it('prefers cross-validated scores when there are any', () => {
    const points = [point(0.001, 1, 0.7), point(0.01, 0.9, 0.85), point(0.1, 0.9, 0.8)];
    expect(selectPoint(points, 3, true).index).toBe(1);
    expect(selectPoint(points, 3, true).reason).toBe('beta = 0.0100 has the best 3-fold cross-validated score.');
  });

  it('falls back to the training score without test rows', () => {
    const points = [point(0.001, null), point(0.01, null)].map((p, i) => ({ ...p, trainScore: [0.9, 0.8][i]! }));
    expect(selectPoint(points, null, false)).toEqual({ index: 0, reason: 'beta = 0.00100 has the best training score (no test rows).' });
  });
});
