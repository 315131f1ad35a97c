import { describe, expect, it } from 'vitest';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import type { Dataset } from '../../../src-core/data/dataset';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { Prng } from '../../../src-core/random/prng';
import { readTarget } from '../../../src-core/data/target-column';
import { withResolvedAdversarial } from '../../../src-core/robust/adversarial-options';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { evaluateOutcome } from '../../../src-main/workers/evaluate-outcome';
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
    expect(toJobProgress({ iteration: 4, elapsedMs: 0, objective: 3, fraction: 0, event: 'cone rows added' }, 7)).toEqual({ iteration: 4, elapsedMs: 7, objective: 3, fraction: 0, event: 'cone rows added' });
    expect(toJobProgress({ iteration: 40, elapsedMs: 0, objective: 3, fraction: 0.1, phase: 'patterns' }, 7)).toEqual({ iteration: 40, elapsedMs: 7, objective: 3, fraction: 0.1, phase: 'patterns' });
  });
});

describe('runTrainJob progress', () => {
  it('posts every point that marks an event, however soon after the last post', () => {
    // One feature plus bias on 1000 rows: the interior-point solver's working set of cone rows
    // grows twice (solve-ipm.test.ts), and each growth marks the next point.
    const rng = new Prng(5);
    const n = 1000;
    const X = createMatrix(n, 2);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let target = 0;
      for (let l = 0; l < 2; l++) {
        const v = rng.nextGaussian();
        X.data[k * 2 + l] = v;
        target += Math.max(0, v + 0.3 * l - 1) - 0.2 * v;
      }
      y[k] = target + 0.1 * rng.nextGaussian();
    }
    const train: Dataset = { X, y, task: 'regression', featureNames: ['a', 'b'], classNames: [] };
    const options: TrainOptions = { task: 'regression', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 16, beta: 0.1, bias: true, seed: 6, solverSettings: { tolerance: 1e-6, coneRows: 'working-set' } };
    const replies: WorkerReply[] = [];
    runTrainJob({ type: 'run', jobId: 'j', train, test: null, options, cancelFlag: new SharedArrayBuffer(4), progressIntervalMs: 1e9 }, (r) => replies.push(r));
    const done = replies.find((r): r is DoneReply => r.type === 'done')!;
    const events = done.outcome.heads[0]!.history.filter((h) => h.event !== undefined);
    expect(events.length).toBeGreaterThan(0);
    const posted = replies.flatMap((r) => (r.type === 'progress' ? [r.progress] : []));
    // The first point (the interval had not begun) and the marked ones; nothing else in 1e9 ms.
    expect(posted.filter((p) => p.event !== undefined).map((p) => [p.iteration, p.event])).toEqual(events.map((h) => [h.iteration, h.event]));
    expect(posted.length).toBe(events.length + 1);
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

describe('evaluateOutcome', () => {
  it('refuses a one-vs-rest model that lacks classes (cancelled before every head trained) with a cancel, naming the count', () => {
    const train: Dataset = { X: createMatrix(3, 1, Float64Array.from([0, 1, 2])), y: Float64Array.from([0, 1, 2]), task: 'multiclass', featureNames: ['x'], classNames: ['a', 'b', 'c'] };
    const head = { classIndex: 0, network: { hidden: createMatrix(1, 1, Float64Array.from([1])), output: Float64Array.from([1]), hasBias: false }, status: 'cancelled' as const, info: {} as never, history: [] };
    const outcome = { task: 'multiclass' as const, options: {} as TrainOptions, heads: [head], status: 'cancelled' as const, setupMs: 0, solveMs: 0 };
    expect(() => evaluateOutcome(outcome, train, null)).toThrow(expect.objectContaining({ code: 'solver/cancelled', message: expect.stringMatching(/after 1 of the 3 classes/) }));
  });
});
