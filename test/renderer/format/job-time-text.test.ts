import { describe, expect, it } from 'vitest';
import type { TrainingEstimateResponse } from '../../../src-core/contract/training-jobs';
import { jobTimeText } from '../../../src-renderer/format/job-time-text';

const estimate: TrainingEstimateResponse = {
  task: 'binary', rows: 300, columns: 3, heads: 1, msPerIteration: 0.4, setupMs: 2, worstCaseMs: 9000, maxIterations: 10_000,
  bytes: 1024, machineBytes: 8 * 1024 ** 3, calibrated: true, probeRows: 120, linearSystemPath: null, warnings: [],
};

describe('jobTimeText', () => {
  it('counts a cross-validation\'s trainings, at a time on several workers', () => {
    expect(jobTimeText(estimate, { kind: 'cv', folds: 5 })).toEqual({ text: '6 trainings (5 folds, then the model on all training rows): up to 54 s if each runs to its iteration limit.', slow: false });
    expect(jobTimeText({ ...estimate, workersAtOnce: 3 }, { kind: 'cv', folds: 5 }).text).toBe('6 trainings (5 folds, then the model on all training rows, 3 at a time): up to 18 s if each runs to its iteration limit.');
  });

  it('counts a sweep\'s points and its folds\' paths, and says past a minute what shortens it', () => {
    expect(jobTimeText(estimate, { kind: 'sweep', points: 4, folds: null }).text).toBe('4 trainings (one per beta, each from the previous solution): up to 36 s if each runs to its iteration limit.');
    expect(jobTimeText({ ...estimate, heads: 10, headsAtOnce: 3, worstCaseMs: 4000 }, { kind: 'sweep', points: 4, folds: null }).text).toBe(
      "4 trainings (one per beta, each from the previous solution; the classes' paths 3 at a time): up to 16 s if each runs to its iteration limit.",
    );
    const withFolds = jobTimeText({ ...estimate, workersAtOnce: 2 }, { kind: 'sweep', points: 8, folds: 5 });
    expect(withFolds.slow).toBe(true);
    expect(withFolds.text).toBe('48 trainings (a path over the 8 betas on each of 5 folds, 2 at a time, then on all training rows): up to 5 min if each runs to its iteration limit; fewer betas or folds, a looser tolerance or fewer patterns shorten it.');
  });
});
