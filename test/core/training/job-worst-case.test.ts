import { describe, expect, it } from 'vitest';
import { jobWorstCase } from '../../../src-core/training/job-worst-case';

const run = { worstCaseMs: 1000, heads: 1 };

describe('jobWorstCase', () => {
  it('adds up a cross-validation\'s folds and model on one worker, and their rounds on several', () => {
    expect(jobWorstCase(run, 1, { kind: 'cv', folds: 5 })).toEqual({ runs: 6, atOnce: 1, ms: 6000 });
    expect(jobWorstCase(run, 2, { kind: 'cv', folds: 5 })).toEqual({ runs: 6, atOnce: 2, ms: 3000 });
    expect(jobWorstCase(run, 4, { kind: 'cv', folds: 5 })).toEqual({ runs: 6, atOnce: 4, ms: 2000 });
    expect(jobWorstCase(run, 16, { kind: 'cv', folds: 5 })).toEqual({ runs: 6, atOnce: 6, ms: 1000 });
  });

  it('adds up a sweep\'s points, and with folds their paths (at once on several workers) before the path on all rows', () => {
    expect(jobWorstCase(run, 4, { kind: 'sweep', points: 8, folds: null })).toEqual({ runs: 8, atOnce: 1, ms: 8000 });
    expect(jobWorstCase(run, 1, { kind: 'sweep', points: 8, folds: 5 })).toEqual({ runs: 48, atOnce: 1, ms: 48_000 });
    expect(jobWorstCase(run, 3, { kind: 'sweep', points: 8, folds: 5 })).toEqual({ runs: 48, atOnce: 3, ms: 24_000 });
  });

  it('takes a multi-class run\'s heads one after another inside a job\'s parts', () => {
    // Ten heads estimated 2 at a time (5 rounds of 1 s): 10 s on one worker.
    const tenClasses = { worstCaseMs: 5000, heads: 10, headsAtOnce: 2 };
    expect(jobWorstCase(tenClasses, 2, { kind: 'cv', folds: 3 }).ms).toBe(20_000);
    // A sweep without folds runs the classes' paths at once: each point as long as the run.
    expect(jobWorstCase(tenClasses, 2, { kind: 'sweep', points: 4, folds: null })).toEqual({ runs: 4, atOnce: 2, ms: 20_000 });
    expect(jobWorstCase({ ...tenClasses, headsAtOnce: undefined, worstCaseMs: 10_000 }, 1, { kind: 'cv', folds: 3 }).ms).toBe(40_000);
  });
});
