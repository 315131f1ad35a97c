import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { RunResult } from '../../../src-core/contract/operations';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { evaluatePredictions } from '../../../src-core/training/evaluate';
import { predictWithHeads } from '../../../src-core/training/predict';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOutcome } from '../../../src-core/training/train-types';
import { ModelExporter } from '../../../src-main/export/model-exporter';
import { ImportedModels } from '../../../src-main/export/imported-models';
import type { JobManager } from '../../../src-main/services/job-manager';
import { noModelReason, noModelReasonOf } from '../../../src-main/services/no-model-reason';
import { RunStore } from '../../../src-main/workspace/run-store';
import { cachedCase, datasetInput, freshFolder } from '../workspace/workspace-fixtures';
import { manualJobManager } from './manual-job-manager';
import { scpOptions } from './service-helpers';

const workspace = freshFolder('convexnet-no-model-');
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** A job manager on a pool the test answers by hand, and the exporter over it. */
function setup() {
  const { pool, datasets, jobs } = manualJobManager();
  const exporter = new ModelExporter({ jobs, runs: new RunStore(workspace), imported: new ImportedModels(), appVersion: 'test' });
  const datasetId = datasets.loadBuiltIn({ id: 'two-moons', rows: 60, seed: 4 }).datasetId;
  return { pool, jobs, exporter, datasetId };
}

/** A job started on the pool, and its model trained here as its worker would (with its training metrics). */
async function runningJob() {
  const { pool, jobs, exporter, datasetId } = setup();
  const jobId = jobs.start({ datasetId, options: scpOptions('binary'), testFraction: 0, label: 'moons' }).jobId;
  await pool.pump();
  const { message } = pool.running.get(jobId)!;
  const outcome = trainModel(message.train, message.options, defaultContext());
  const train = evaluatePredictions('binary', predictWithHeads('binary', outcome.options.loss, outcome.heads, message.train.X), message.train.y);
  return { pool, jobs, exporter, jobId, outcome, train };
}

/** Once the job has ended (its held-out results come a moment after its worker's reply). */
async function ended(jobs: JobManager, jobId: string): Promise<void> {
  await vi.waitUntil(() => jobs.list().find((job) => job.jobId === jobId)?.endedAt !== null);
}

/** The outcome with one first-layer weight set to NaN, and the status given. */
function withNaN(outcome: TrainOutcome, status: TrainOutcome['status']): TrainOutcome {
  const [first, ...rest] = outcome.heads;
  const hidden = { ...first!.network.hidden, data: Float64Array.from(first!.network.hidden.data, (v, i) => (i === 0 ? Number.NaN : v)) };
  return { ...outcome, status, heads: [{ ...first!, status, network: { ...first!.network, hidden } }, ...rest] };
}

describe('noModelReason', () => {
  it('names a numerical failure, weights that are not finite, or the error that refused the model file', async () => {
    const { outcome } = await runningJob();
    expect(noModelReason(withNaN(outcome, 'numerical-failure'), new Error('x'))).toBe('its solve failed numerically, so it has no finite weights');
    expect(noModelReason(withNaN(outcome, 'time-limit'), new Error('x'))).toBe('its weights are not all finite numbers, so they cannot be exported');
    expect(noModelReason(outcome, new Error('Head 0 has no bias input, but the options say bias = true.'))).toBe(
      'its model file could not be built (Head 0 has no bias input, but the options say bias = true.)',
    );
  });

  it('reads the recorded reason of a result, else (older run files) what its status says', () => {
    const result = { status: 'solved' } as RunResult;
    expect(noModelReasonOf({ ...result, noModelReason: 'recorded' })).toBe('recorded');
    expect(noModelReasonOf({ ...result, status: 'numerical-failure' })).toBe('its solve failed numerically, so it has no finite weights');
    expect(noModelReasonOf(result)).toBe('its run file holds no model');
  });
});

describe('a finished job whose model file could not be built', () => {
  it('records why in its result, and its export says so instead of blaming a numerical failure', async () => {
    const { pool, jobs, exporter, jobId, outcome: clean, train } = await runningJob();
    // Stopped at its time limit with a weight that is not finite: no model file, no numerical-failure status.
    pool.done(jobId, { type: 'done', jobId, outcome: withNaN(clean, 'time-limit'), train, test: null });
    await ended(jobs, jobId);

    expect(jobs.result(jobId).noModelReason).toBe('its weights are not all finite numbers, so they cannot be exported');
    expect(jobs.savedRunInputs(jobId)!.model).toBeNull();
    await expect(exporter.exportModel({ source: { jobId }, format: 'onnx' })).rejects.toMatchObject({
      code: 'export/no-model',
      message: '"moons" has no model to export: its weights are not all finite numbers, so they cannot be exported. Its HTML report can still be exported.',
    });
    expect((await exporter.exportModel({ source: { jobId }, format: 'html' })).fileName).toBe('moons-report.html');
  });

  it('gives a finished job with a model no reason', async () => {
    const { pool, jobs, jobId, outcome, train } = await runningJob();
    pool.done(jobId, { type: 'done', jobId, outcome, train, test: null });
    await ended(jobs, jobId);
    expect(jobs.result(jobId).noModelReason).toBeUndefined();
    expect(jobs.savedRunInputs(jobId)!.model).not.toBeNull();
  });
});

describe('a saved run without a model', () => {
  it('is refused for export with the reason its file records, or its status gives', async () => {
    const { exporter } = setup();
    const runs = new RunStore(workspace);
    const trained = cachedCase('binary');
    const older = await runs.save({ name: 'older run', result: { ...trained.result, status: 'numerical-failure' }, model: null, dataset: datasetInput(trained) });
    await expect(exporter.exportModel({ source: { runId: older.runId }, format: 'json' })).rejects.toMatchObject({
      message: '"older run" has no model to export: its solve failed numerically, so it has no finite weights. Its HTML report can still be exported.',
    });
    const recorded = await runs.save({ name: 'recorded', result: { ...trained.result, noModelReason: 'its model file could not be built (reason)' }, model: null, dataset: datasetInput(trained) });
    await expect(exporter.exportModel({ source: { runId: recorded.runId }, format: 'onnx' })).rejects.toMatchObject({
      message: '"recorded" has no model to export: its model file could not be built (reason). Its HTML report can still be exported.',
    });
  });
});
