import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary, RunResult } from '../../../src-core/contract/operations';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { loadDataset, startJob, testServices, value } from './service-helpers';

/**
 * Epsilon sweeps through the real job system and worker: the radii resolved through the fitted
 * preprocessing per point, every point trained (epsilon 0 = the standard model) and attacked,
 * and the selected point's model being the job's model.
 */
const services = testServices({ poolSize: 1 });
let moons: string;
const robustOptions: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 6, beta: 0.05, bias: true, seed: 3, solverSettings: { tolerance: 1e-2, maxIterations: 1500 } };

beforeAll(async () => {
  moons = await loadDataset(services, { id: 'two-moons', rows: 80, seed: 2, noise: 0.15 });
});
afterAll(() => services.dispose());

async function finishedResult(jobId: string): Promise<RunResult> {
  expect((await services.events.ended(jobId, 60_000)).state).toBe('finished');
  return value<RunResult>(await services.dispatch('jobs.result', { jobId }));
}

describe('epsilon sweep jobs', () => {
  it('trains every radius (0 = standard), attacks each on the test rows, and keeps the selected model', async () => {
    const jobId = await startJob(services, { datasetId: moons, options: robustOptions, testFraction: 0.25, sweep: { parameter: 'epsilon', epsilon: { epsilons: [0.2, 0.05], norm: 'linf' } } });
    expect(value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).find((j) => j.jobId === jobId)!.kind).toBe('sweep');
    const result = await finishedResult(jobId);
    const sweep = result.sweep!;
    expect(sweep.parameter).toBe('epsilon');
    // 60 training rows: the robust interior-point method solves every radius from scratch.
    expect(sweep.warmStart).toBe(false);
    expect(sweep.points.map((p) => p.epsilon)).toEqual([0, 0.05, 0.2]);
    expect(sweep.epsilonSweep).toMatchObject({ norm: 'linf', units: 'raw', attackedOn: 'test', attackedRows: result.testCount });
    for (const point of sweep.points) {
      expect(point.pgdScore!).toBeLessThanOrEqual(point.testScore! + 1e-12);
      expect(point.beta).toBe(robustOptions.beta);
    }
    expect(sweep.points[0]!.pgdScore).toBe(sweep.points[0]!.testScore);
    const chosen = sweep.points[sweep.selectedIndex]!;
    expect(result.options.adversarial?.epsilon ?? 0).toBe(chosen.epsilon);
    expect(sweep.selectionReason).toMatch(/under PGD at the largest radius/);
    // Raw units resolved through the fitted standardization: radius / column scale per feature.
    const radii = result.options.adversarial?.featureRadii;
    if (chosen.epsilon! > 0) expect(radii!.every((r) => r > 0 && r !== chosen.epsilon)).toBe(true);
  });

  it('scales a default grid to the data when no radii are given', async () => {
    const result = await finishedResult(await startJob(services, { datasetId: moons, options: { ...robustOptions, solverSettings: { tolerance: 1e-1, maxIterations: 200 } }, testFraction: 0.25, sweep: { parameter: 'epsilon', epsilon: { norm: 'l2', units: 'standardized' } } }));
    const epsilons = result.sweep!.points.map((p) => p.epsilon!);
    expect(epsilons).toHaveLength(8);
    expect(epsilons[0]).toBe(0);
    // Standardized units: the largest radius is a quarter of the (unit) spread of the standardized columns.
    expect(epsilons[7]).toBeCloseTo(0.25, 2);
    expect(epsilons.every((e, i) => i === 0 || e > epsilons[i - 1]!)).toBe(true);
  });

  it('refuses an epsilon sweep without its threat, with a beta grid, or with a solver that cannot train adversarially', async () => {
    const missing = await services.dispatch('jobs.start', { datasetId: moons, options: robustOptions, testFraction: 0.25, sweep: { parameter: 'epsilon' } });
    expect(missing.ok ? null : missing.error.message).toMatch(/epsilon settings/);
    const mixed = await services.dispatch('jobs.start', { datasetId: moons, options: robustOptions, testFraction: 0.25, sweep: { parameter: 'epsilon', betas: [1, 2], epsilon: { norm: 'linf' } } });
    expect(mixed.ok).toBe(false);
    const betaWithout = await services.dispatch('jobs.start', { datasetId: moons, options: robustOptions, testFraction: 0.25, sweep: {} });
    expect(betaWithout.ok ? null : betaWithout.error.message).toMatch(/needs betas/);
    const scp = await services.dispatch('jobs.start', { datasetId: moons, options: { ...robustOptions, solver: 'scp' }, testFraction: 0.25, sweep: { parameter: 'epsilon', epsilon: { norm: 'linf' } } });
    expect(scp.ok ? null : scp.error.message).toMatch(/"scp" does not support it/);
  });
});
