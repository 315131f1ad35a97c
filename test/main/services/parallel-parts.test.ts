import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-core/contract/operations';
import type { TrainingEstimateResponse } from '../../../src-core/contract/training-jobs';
import type { StartJobRequest } from '../../../src-core/contract/operations';
import { FAULT_SEEDS } from './fixtures/fault-seeds';
import { faultyWorkerEntry, loadDataset, scpOptions, startJob, testServices, value } from './service-helpers';

/**
 * Jobs split over REAL worker threads, two at once: cross-validation folds (fold-parts.ts) and
 * one-vs-rest heads (head-parts.ts), against the same jobs on one worker: the results must be the
 * same to the bit, and a part's failure or a cancel must end the job as a single worker's would.
 */
const parallel = testServices({ poolSize: 2, cancelGraceMs: 600, workerEntry: faultyWorkerEntry });
const single = testServices({ poolSize: 1 });
const moons: { parallel: string; single: string } = { parallel: '', single: '' };
const iris: { parallel: string; single: string } = { parallel: '', single: '' };

beforeAll(async () => {
  const request = { id: 'two-moons', rows: 160, seed: 5, noise: 0.2 };
  moons.parallel = await loadDataset(parallel, request);
  moons.single = await loadDataset(single, request);
  iris.parallel = await loadDataset(parallel, { id: 'iris' });
  iris.single = await loadDataset(single, { id: 'iris' });
});
afterAll(async () => {
  await parallel.dispose();
  await single.dispose();
});

async function resultOf(services: typeof parallel, request: Omit<StartJobRequest, 'datasetId'>, datasetId: string): Promise<RunResult> {
  const jobId = await startJob(services, { ...request, datasetId });
  expect((await services.events.ended(jobId, 60_000)).state).toBe('finished');
  return value<RunResult>(await services.dispatch('jobs.result', { jobId }));
}

/** A result without its timings (solve times differ from run to run) and, with `notes`, its solver notes and technical details. */
function timeless(result: RunResult, notes = true): unknown {
  return JSON.parse(JSON.stringify(result, (key, v: unknown) => (/Ms$|^jobId$|^datasetId$|At$/.test(key) || (!notes && (key === 'notes' || key === 'details')) ? undefined : v)));
}

describe('one-vs-rest heads on several workers', () => {
  it.each([
    ['random patterns', 'random'],
    ['patterns from back-propagation (planned once, on one worker)', 'backprop'],
  ])('trains the same multi-class model as one worker, with %s', async (_name, patternSource) => {
    const options = { task: 'multiclass' as const, loss: 'squared' as const, solver: 'ipm' as const, formulation: 'sampled' as const, patterns: 12, beta: 0.05, bias: true, seed: 21, solverSettings: { tolerance: 1e-4, patternSource } };
    const request = { options, testFraction: 0.2 };
    const [a, b] = await Promise.all([resultOf(parallel, request, iris.parallel), resultOf(single, request, iris.single)]);
    expect(a.status).toBe('solved');
    expect(a.heads.map((h) => h.classIndex)).toEqual([0, 1, 2]);
    // The technical details differ only where they should: each head on its own worker formed its own Q.
    expect(timeless(a, false)).toEqual(timeless(b, false));
    expect(a.heads.map((h) => (h.details ?? []).some((n) => n.includes('Q from an earlier solve')))).toEqual([false, false, false]);
    expect(b.heads.map((h) => (h.details ?? []).some((n) => n.includes('Q from an earlier solve')))).toEqual([false, true, true]);
  });
});

describe('multi-class beta sweeps on several workers (one warm path per head)', () => {
  it.each([
    ['the interior-point method, patterns from back-propagation drawn at the first beta', { solver: 'ipm' as const, loss: 'squared' as const, solverSettings: { tolerance: 1e-4, patternSource: 'backprop' } }],
    ['SCP (its path goes down from the largest beta)', { solver: 'scp' as const, loss: 'bce' as const }],
  ])('picks the same point and model as one worker, with %s', async (_name, solver) => {
    const options = { task: 'multiclass' as const, formulation: 'sampled' as const, patterns: 8, beta: 0.05, bias: true, seed: 23, ...solver };
    const request = { options, testFraction: 0.2, sweep: { betas: [0.005, 0.05, 0.5] } };
    const [a, b] = await Promise.all([resultOf(parallel, request, iris.parallel), resultOf(single, request, iris.single)]);
    expect(a.sweep!.points).toHaveLength(3);
    expect(a.heads).toHaveLength(3);
    expect(timeless(a, false)).toEqual(timeless(b, false));
  }, 60_000);
});

describe('other multi-class jobs on several workers', () => {
  const base = { task: 'multiclass' as const, formulation: 'sampled' as const, patterns: 6, beta: 0.05, bias: true, seed: 22 };
  it.each([
    ['class weights (the conic interior-point form)', { ...base, loss: 'squared' as const, solver: 'ipm' as const, classWeights: 'balanced' as const, solverSettings: { tolerance: 1e-3 } }, {}],
    [
      'adversarial training (robust heads and the robustness report)',
      { ...base, loss: 'squared' as const, solver: 'admm' as const, solverSettings: { tolerance: 1e-3 }, adversarial: { epsilon: 0.05, norm: 'linf' as const, units: 'raw' as const, compareStandard: true } },
      {},
    ],
    ['a cross-validation (its folds split, each fold\'s heads in turn)', { ...base, loss: 'bce' as const, solver: 'scp' as const }, { crossValidation: { folds: 3 } }],
  ])('gives the same result as one worker for %s', async (_name, options, extra) => {
    const request = { options, testFraction: 0.2, ...extra };
    const [a, b] = await Promise.all([resultOf(parallel, request, iris.parallel), resultOf(single, request, iris.single)]);
    expect(a.heads).toHaveLength(3);
    if ('adversarial' in options) expect(a.robustness!.robust.points.length).toBeGreaterThan(0);
    expect(timeless(a, false)).toEqual(timeless(b, false));
  }, 60_000);
});

describe('the estimate before Start with several workers', () => {
  it('counts the one-vs-rest heads that train at once (none for two classes) and the workers a job\'s parts may take', async () => {
    const options = { task: 'multiclass' as const, loss: 'squared' as const, solver: 'ipm' as const, formulation: 'sampled' as const, patterns: 12, beta: 0.05, bias: true, seed: 21 };
    const estimate = (services: typeof parallel, datasetId: string, o: typeof options | ReturnType<typeof scpOptions>) =>
      services.dispatch('training.estimate', { datasetId, options: o, testFraction: 0.2, probe: false }).then((e) => value<TrainingEstimateResponse>(e));
    const [two, one] = await Promise.all([estimate(parallel, iris.parallel, options), estimate(single, iris.single, options)]);
    expect(two.heads).toBe(3);
    expect(two.headsAtOnce).toBe(2);
    expect(two.workersAtOnce).toBe(2);
    expect(one.headsAtOnce).toBeUndefined();
    expect(one.workersAtOnce).toBeUndefined();
    expect(two.worstCaseMs).toBeCloseTo((one.worstCaseMs * 2) / 3, 6);
    const binary = await estimate(parallel, moons.parallel, scpOptions('binary'));
    expect(binary.headsAtOnce).toBeUndefined();
    expect(binary.workersAtOnce).toBe(2);
  });
});

describe('cross-validation folds on several workers', () => {
  it('gives the same cross-validation job result as one worker', async () => {
    const request = { options: scpOptions('binary', { seed: 11 }), testFraction: 0.25, crossValidation: { folds: 4 } };
    const [a, b] = await Promise.all([resultOf(parallel, request, moons.parallel), resultOf(single, request, moons.single)]);
    expect(a.crossValidation!.metrics[0]!.values).toHaveLength(4);
    expect(a.crossValidation!.status).toBe('complete');
    expect(timeless(a)).toEqual(timeless(b));
  });

  it('gives the same cross-validated sweep (scores, chosen beta, model) as one worker', async () => {
    const request = { options: scpOptions('binary', { seed: 12 }), testFraction: 0.25, sweep: { betas: [1e-3, 1e-2, 1e-1], cvFolds: 3 } };
    const [a, b] = await Promise.all([resultOf(parallel, request, moons.parallel), resultOf(single, request, moons.single)]);
    expect(a.sweep!.points.every((p) => p.cvScore !== null)).toBe(true);
    expect(a.sweep!.selectionReason).toMatch(/3-fold cross-validated/);
    expect(timeless(a)).toEqual(timeless(b));
  });

  it('fails the job with the worker error when a fold\'s worker dies, and takes the next job', async () => {
    const doomed = await startJob(parallel, { datasetId: moons.parallel, options: scpOptions('binary', { seed: FAULT_SEEDS.exit }), testFraction: 0.25, crossValidation: { folds: 3 } });
    const ended = await parallel.events.ended(doomed, 30_000);
    expect(ended.state).toBe('failed');
    expect(ended.error!.code).toBe('worker/exited');
    const next = await resultOf(parallel, { options: scpOptions('binary', { seed: 13 }), testFraction: 0.25, crossValidation: { folds: 3 } }, moons.parallel);
    expect(next.crossValidation!.status).toBe('complete');
  });

  it('cancels a job whose folds ignore the flag: both workers are stopped and the job ends cancelled', async () => {
    const hung = await startJob(parallel, { datasetId: moons.parallel, options: scpOptions('binary', { seed: FAULT_SEEDS.hang }), testFraction: 0.25, crossValidation: { folds: 3 } });
    await parallel.events.jobUpdate(hung, (j) => j.state === 'running');
    expect(value(await parallel.dispatch('jobs.cancel', { jobId: hung }))).toEqual({ accepted: true });
    expect((await parallel.events.ended(hung, 10_000)).state).toBe('cancelled');
    // Both workers are free again: a two-fold job runs to the end.
    const next = await resultOf(parallel, { options: scpOptions('binary', { seed: 14 }), testFraction: 0.25, crossValidation: { folds: 2 } }, moons.parallel);
    expect(next.crossValidation!.folds).toBe(2);
  });
});
