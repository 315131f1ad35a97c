import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-core/contract/operations';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { loadDataset, startJob, testServices, value } from './service-helpers';

/**
 * Adversarial training through the services and a REAL worker: the request carries the user's
 * threat (raw units), the job resolves it against the fitted preprocessing, the worker trains
 * robustly and computes the robustness report, which reaches the run result and the model file.
 */
const services = testServices({ poolSize: 1 });
let moons: string;

beforeAll(async () => {
  moons = await loadDataset(services, { id: 'two-moons', rows: 80, seed: 2, noise: 0.15 });
});
afterAll(() => services.dispose());

const options: TrainOptions = {
  task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 6, beta: 0.05, bias: true, seed: 3,
  solverSettings: { tolerance: 1e-3 },
  adversarial: { epsilon: 0.05, norm: 'linf', units: 'raw', compareStandard: true },
};

describe('adversarial training jobs', () => {
  it('return the robustness report in the run result and the model file', async () => {
    const jobId = await startJob(services, { datasetId: moons, options, testFraction: 0.25 });
    expect((await services.events.ended(jobId)).state).toBe('finished');
    const result = value<RunResult>(await services.dispatch('jobs.result', { jobId }));
    expect(result.robustness!.robust.testPoints).toBe(result.testCount);
    expect(result.robustness!.robust.points).toHaveLength(6);
    expect(result.robustness!.standard!.points).toHaveLength(6);
    // A small squared-loss robust program goes to the interior-point method: its iterations are Newton steps.
    expect(result.heads[0]!.newtonSteps).toBe(true);
    const model = services.modelFile(jobId)!;
    expect(model.adversarial).toMatchObject({ epsilon: 0.05, norm: 'linf', units: 'raw' });
    expect(model.adversarial!.featureRadii).toHaveLength(2);
    expect(model.robustness).toEqual(result.robustness);
  }, 60000);

  it('rejects a threat naming an unknown column with a clear message', async () => {
    const bad = { ...options, adversarial: { ...options.adversarial!, immutable: ['height'] } };
    const envelope = await services.dispatch('jobs.start', { datasetId: moons, options: bad, testFraction: 0.25 });
    if (envelope.ok) {
      const jobId = (envelope.value as { jobId: string }).jobId;
      const ended = await services.events.ended(jobId);
      expect(ended.state).toBe('failed');
      expect(ended.error!.message).toMatch(/"height"/);
    } else {
      expect(envelope.error.message).toMatch(/"height"/);
    }
  }, 30000);

  it('refuses malformed adversarial settings at the contract (schema)', async () => {
    const envelope = await services.dispatch('jobs.start', { datasetId: moons, options: { ...options, adversarial: { epsilon: -1, norm: 'linf', units: 'raw' } }, testFraction: 0.25 });
    expect(envelope.ok).toBe(false);
    const extra = await services.dispatch('jobs.start', { datasetId: moons, options: { ...options, adversarial: { epsilon: 0.1, norm: 'l1', units: 'raw' } }, testFraction: 0.25 });
    expect(extra.ok).toBe(false);
  });
});
