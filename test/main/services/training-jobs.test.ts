import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary, RunResult } from '../../../src-core/contract/operations';
import type { TrainingAdvice, TrainingEstimateResponse } from '../../../src-core/contract/training-jobs';
import { loadDataset, scpOptions, startJob, testServices, value } from './service-helpers';

/**
 * The Train screen's back end with real worker threads: grouped runs on one split, beta sweeps
 * and cross-validation as job kinds, automatic choices with presets, the estimate before Start.
 */
const services = testServices({ poolSize: 1 });
let moons: string;

beforeAll(async () => {
  moons = await loadDataset(services, { id: 'two-moons', rows: 120, seed: 2, noise: 0.15 });
});
afterAll(() => services.dispose());

async function finishedResult(jobId: string): Promise<RunResult> {
  expect((await services.events.ended(jobId, 60_000)).state).toBe('finished');
  return value<RunResult>(await services.dispatch('jobs.result', { jobId }));
}

describe('training jobs', () => {
  it('tags grouped jobs, shows the group and seed in jobs.list, and keeps one split for every seed', async () => {
    const backprop = { ...scpOptions('binary'), solver: 'backprop' as const, loss: 'squared' as const, solverSettings: { epochs: 20 } };
    const ids: string[] = [];
    for (const seed of [1, 2]) ids.push(await startJob(services, { datasetId: moons, options: { ...backprop, seed }, testFraction: 0.25, group: 'cmp-1', splitSeed: 7 }));
    const listed = value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).filter((j) => ids.includes(j.jobId));
    expect(listed.map((j) => [j.group, j.seed, j.kind])).toEqual([['cmp-1', 1, 'train'], ['cmp-1', 2, 'train']]);
    const results = await Promise.all(ids.map(finishedResult));
    expect(results[0]!.options.seed).not.toBe(results[1]!.options.seed);
    // Same split for both seeds: the split seed is the group's, recorded in each model file.
    const [a, b] = ids.map((id) => services.modelFile(id)!.trainingData!);
    expect(a!.trainRows).toEqual(b!.trainRows);
    expect(a!.splitSeed).toBe(7);
    const other = await finishedResult(await startJob(services, { datasetId: moons, options: { ...backprop, seed: 1 }, testFraction: 0.25 }));
    expect(services.modelFile(other.jobId)!.trainingData!.trainRows).not.toEqual(a!.trainRows);
  });

  it('runs a beta sweep in one job and returns every point, the selected model being one of them', async () => {
    const jobId = await startJob(services, { datasetId: moons, options: scpOptions('binary'), testFraction: 0.25, sweep: { betas: [1e-3, 1e-2, 1e-1, 1] } });
    const summary = value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).find((j) => j.jobId === jobId)!;
    expect(summary.kind).toBe('sweep');
    const result = await finishedResult(jobId);
    const sweep = result.sweep!;
    expect(sweep.points.map((p) => p.beta)).toEqual([1e-3, 1e-2, 1e-1, 1]);
    expect(sweep.points.every((p) => p.testScore !== null && p.relativeGap !== null)).toBe(true);
    expect(result.options.beta).toBe(sweep.points[sweep.selectedIndex]!.beta);
    expect(sweep.selectionReason).toMatch(/best test score/);
  });

  it('runs cross-validation as a job: fold metrics plus the model on all training rows', async () => {
    const result = await finishedResult(await startJob(services, { datasetId: moons, options: scpOptions('binary'), testFraction: 0.25, crossValidation: { folds: 3 } }));
    expect(result.crossValidation!.folds).toBe(3);
    expect(result.crossValidation!.metrics[0]!.values).toHaveLength(3);
    expect(result.test).not.toBeNull();
  });

  it('refuses a job that is both a sweep and a cross-validation, and a one-point sweep', async () => {
    const both = await services.dispatch('jobs.start', { datasetId: moons, options: scpOptions('binary'), testFraction: 0.25, sweep: { betas: [1, 2] }, crossValidation: { folds: 3 } });
    expect(both.ok ? null : both.error.code).toBe('jobs/invalid-kind');
    const single = await services.dispatch('jobs.start', { datasetId: moons, options: scpOptions('binary'), testFraction: 0.25, sweep: { betas: [1] } });
    expect(single.ok).toBe(false);
  });

  it('refuses at once, with the form\'s explanation, settings no run could use, and queues no job', async () => {
    const before = value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).length;
    const refusals: [Parameters<typeof scpOptions>[1], string | RegExp][] = [
      [{ solver: 'admm', solverSettings: { maxIterations: 1e12 } }, 'Iteration limit (maxIterations) must be a whole number at least 1 and at most 10,000,000 (iterations), got 1000000000000.'],
      [{ solver: 'ipm', loss: 'squared', solverSettings: { tolerance: 1e-13 } }, /^Gap tolerance \(tolerance\) must be a number at least 1e-12 and at most 1 \(relative gap\), got 1e-13\.$/],
      [{ solver: 'backprop', loss: 'squared', patterns: 5000 }, /^Hidden neurons \(hiddenUnits\) must be a whole number at least 1 and at most 4096 \(neurons\), got 5000\.$/],
      [{ solver: 'admm-rbcd', loss: 'hinge' }, /use the ADMM solver for the hinge loss/],
    ];
    for (const [overrides, message] of refusals) {
      const options = scpOptions('binary', overrides);
      const started = await services.dispatch('jobs.start', { datasetId: moons, options, testFraction: 0.25 });
      expect(started.ok, JSON.stringify(overrides)).toBe(false);
      if (!started.ok) {
        expect(started.error.code).toBe('settings/invalid');
        expect(started.error.message).toMatch(message);
      }
      // The estimate before Start says the same.
      const estimated = await services.dispatch('training.estimate', { datasetId: moons, options, testFraction: 0.25, probe: false });
      expect(estimated.ok ? null : estimated.error.message).toBe(started.ok ? 'not refused' : started.error.message);
    }
    // An epsilon sweep trains adversarially: the robust program's own settings are checked too.
    const sweep = await services.dispatch('jobs.start', { datasetId: moons, options: scpOptions('binary', { solver: 'admm', solverSettings: { method: 'newton' } }), testFraction: 0.25, sweep: { parameter: 'epsilon', epsilon: { norm: 'linf' } } });
    expect(sweep.ok ? null : sweep.error.message).toMatch(/^Method \(method\) must be one of auto, ipm, pdhg, got "newton"\.$/);
    expect(value<JobSummary[]>(await services.dispatch('jobs.list', undefined))).toHaveLength(before);
  });

  it('gives automatic choices with reasons and three presets for the dataset', async () => {
    const advice = value<TrainingAdvice>(await services.dispatch('training.advice', { datasetId: moons, testFraction: 0.25 }));
    expect(advice.shape).toEqual({ task: 'binary', rows: 90, features: 2, bias: true });
    expect(advice.automatic.formulation.value).toBe('sampled');
    expect(advice.automatic.formulation.reason).toMatch(/activation patterns/);
    expect(Object.keys(advice.presets)).toEqual(['quick', 'balanced', 'accurate']);
  });

  it('estimates memory and time per iteration, calibrated by a probe on a worker', async () => {
    const request = { datasetId: moons, options: { ...scpOptions('binary'), solver: 'admm' as const, loss: 'squared' as const }, testFraction: 0.25 };
    const model = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { ...request, probe: false }));
    expect(model.calibrated).toBe(false);
    expect(model.rows).toBe(90);
    expect(model.columns).toBe(3);
    const probed = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { ...request, probe: true }));
    expect(probed.calibrated).toBe(true);
    expect(probed.probeRows).toBe(90);
    expect(probed.msPerIteration).toBeGreaterThan(0);
    expect(probed.bytes).toBe(model.bytes);
    // The probe is not a job.
    expect(value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).some((j) => j.jobId.startsWith('probe'))).toBe(false);
  });
});
