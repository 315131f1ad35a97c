import { describe, expect, it } from 'vitest';
import { defaultContext, type ProgressEvent } from '../../../src-core/solvers/solver-types';
import { crossValidateFoldPath } from '../../../src-core/training/cross-validation';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { crossValidationFolds, runFoldPart, sweepBetas } from '../../../src-main/workers/run-fold-part';
import { createCancelFlag, type RunJobMessage } from '../../../src-main/workers/train-protocol';
import { moons } from '../../core/fixtures/synthetic';

const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'scp', formulation: 'sampled', patterns: 8, beta: 0.05, bias: true, seed: 6 };
const train = moons(48, 0.2, 3);
const base: RunJobMessage = { type: 'run', jobId: 'job-1/fold-2', train, test: null, options, cancelFlag: createCancelFlag(), progressIntervalMs: 0 };

describe('runFoldPart', () => {
  it('solves one fold of a cross-validation as crossValidateFoldPath does, with the fold\'s own progress fraction', () => {
    const events: ProgressEvent[] = [];
    const reply = runFoldPart({ ...base, crossValidation: { folds: 3 } }, 1, defaultContext({ onProgress: (e) => events.push(e) }));
    const whole: ProgressEvent[] = [];
    const direct = crossValidateFoldPath(train, options, [0.05], 3, 6, 1, defaultContext({ onProgress: (e) => whole.push(e) }));
    expect(reply).toEqual({ type: 'part-done', jobId: 'job-1/fold-2', part: { kind: 'fold', fold: 1, result: direct } });
    // As a fold of the whole run the fraction is (1 + own) / 3; the part reports its own.
    expect(events.length).toBe(whole.length);
    events.forEach((e, k) => expect(e.fraction).toBeCloseTo(whole[k]!.fraction * 3 - 1, 12));
    expect(whole[0]!.fraction).toBeGreaterThanOrEqual(1 / 3);
    expect(events[0]!.stages![0]).toEqual({ name: 'fold', index: 1, count: 3 });
  });

  it('solves a sweep fold over the betas smallest first, and refuses a job without folds', () => {
    const sweep = { betas: [0.5, 0.01, 0.1], cvFolds: 2 };
    expect(sweepBetas(sweep)).toEqual([0.01, 0.1, 0.5]);
    const reply = runFoldPart({ ...base, sweep }, 0, defaultContext());
    expect(reply.part).toMatchObject({ kind: 'fold', fold: 0 });
    const { result } = reply.part as { result: unknown };
    expect(result).toEqual(crossValidateFoldPath(train, options, [0.01, 0.1, 0.5], 2, 6, 0, defaultContext()));
    expect(() => runFoldPart(base, 0, defaultContext())).toThrow(/runs fold by fold/);
  });

  it('finds the folds of a cross-validation or a cross-validated beta sweep only', () => {
    expect(crossValidationFolds({ crossValidation: { folds: 4 } })).toBe(4);
    expect(crossValidationFolds({ sweep: { betas: [1, 2], cvFolds: 3 } })).toBe(3);
    expect(crossValidationFolds({ sweep: { betas: [1, 2] } })).toBeNull();
    expect(crossValidationFolds({ sweep: { parameter: 'epsilon', cvFolds: 3 } as never })).toBeNull();
    expect(crossValidationFolds({})).toBeNull();
  });
});
