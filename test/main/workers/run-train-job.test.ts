import { describe, expect, it } from 'vitest';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import { readTarget } from '../../../src-core/data/target-column';
import { withResolvedAdversarial } from '../../../src-core/robust/adversarial-options';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { runTrainJob, toJobProgress } from '../../../src-main/workers/run-train-job';
import type { DoneReply, WorkerReply } from '../../../src-main/workers/train-protocol';

describe('toJobProgress', () => {
  it("keeps the event's fields, the job's elapsed time and where a sweep is, and drops what is absent", () => {
    const stages = [{ name: 'fold', index: 1, count: 5 }, { name: 'beta', index: 0, count: 8 }] as const;
    const progress = toJobProgress({ iteration: 9, elapsedMs: 5, objective: 2, fraction: 0.2, relativeGap: 0.01, head: 0, headCount: 2, stages }, 1234);
    expect(progress).toEqual({ iteration: 9, elapsedMs: 1234, objective: 2, fraction: 0.2, relativeGap: 0.01, head: 0, headCount: 2, stages: [{ name: 'fold', index: 1, count: 5 }, { name: 'beta', index: 0, count: 8 }] });
    expect(progress.stages).not.toBe(stages);
    expect(toJobProgress({ iteration: 1, elapsedMs: 0, objective: 3, fraction: 0 }, 7)).toEqual({ iteration: 1, elapsedMs: 7, objective: 3, fraction: 0 });
    expect(toJobProgress({ iteration: 1, elapsedMs: 0, objective: 3, fraction: 0, newtonStep: true }, 7)).toEqual({ iteration: 1, elapsedMs: 7, objective: 3, fraction: 0, newtonStep: true });
  });
});

describe('runTrainJob', () => {
  // An adversarial run on 120 rows of two moons, resolved as the job manager resolves it.
  const prepared = prepareTrainingData(twoMoonsTable({ rows: 160, seed: 3 }), readTarget(twoMoonsTable({ rows: 160, seed: 3 }), 'moon'), { testFraction: 0.25, seed: 1, standardize: true });
  const options: TrainOptions = withResolvedAdversarial(
    { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 0.01, bias: true, seed: 1, solverSettings: { maxIterations: 5, tolerance: 1e-12 }, adversarial: { epsilon: 0.05, norm: 'linf', units: 'standardized' } },
    prepared.fitted.pipeline,
  );
  const run = (timingOnly: boolean): DoneReply => {
    const replies: WorkerReply[] = [];
    runTrainJob({ type: 'run', jobId: 'j', train: prepared.fitted.dataset, test: null, options, cancelFlag: new SharedArrayBuffer(4), progressIntervalMs: 1e9, ...(timingOnly ? { timingOnly } : {}) }, (r) => replies.push(r));
    const done = replies.find((r): r is DoneReply => r.type === 'done');
    expect(done).toBeDefined();
    return done!;
  };

  it('makes the robustness report of an adversarial run, but not for a timing probe', () => {
    expect(run(false).robustness?.robust.points.length).toBeGreaterThan(0);
    const probe = run(true);
    expect(probe.robustness).toBeUndefined();
    expect(probe.outcome.heads[0]!.info.iterations).toBe(5);
  });
});
