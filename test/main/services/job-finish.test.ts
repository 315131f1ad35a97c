import { describe, expect, it, vi } from 'vitest';
import type { RawTable } from '../../../src-core/data/raw-table';
import type { ModelFile } from '../../../src-core/model/model-file-types';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { evaluatePredictions } from '../../../src-core/training/evaluate';
import { predictWithHeads } from '../../../src-core/training/predict';
import { trainModel } from '../../../src-core/training/train-model';
import { heldOutResults } from '../../../src-main/services/run-result';
import type { FinishedRunData } from '../../../src-main/workers/data-protocol';
import { dataFingerprint } from '../../../src-main/workspace/data-fingerprint';
import { manualJobManager } from './manual-job-manager';
import { scpOptions } from './service-helpers';

/**
 * A job manager on a pool the test answers by hand, whose data worker's answer for a finished
 * run is `finishedRun`'s (what the worker computes, by default): a finished job's test-row
 * predictions, input importance and data fingerprint come from there, not from the main thread.
 */
async function finishedJob(finishedRun: (table: RawTable, model: ModelFile | null) => Promise<FinishedRunData>) {
  const asked: (ModelFile | null)[] = [];
  const { pool, logger, datasets, jobs } = manualJobManager((table, model) => (asked.push(model), finishedRun(table, model)));
  const datasetId = datasets.loadBuiltIn({ id: 'two-moons', rows: 80, seed: 6 }).datasetId;
  const table = datasets.get(datasetId).table;
  const jobId = jobs.start({ datasetId, options: scpOptions('binary'), testFraction: 0.25 }).jobId;
  await pool.pump();
  const { message } = pool.running.get(jobId)!;
  const outcome = trainModel(message.train, message.options, defaultContext());
  const train = evaluatePredictions('binary', predictWithHeads('binary', outcome.options.loss, outcome.heads, message.train.X), message.train.y);
  pool.done(jobId, { type: 'done', jobId, outcome, train, test: null });
  // Running until the data worker answered.
  expect(jobs.list()[0]!.state).toBe('running');
  await vi.waitUntil(() => jobs.list()[0]!.endedAt !== null);
  return { jobs, jobId, table, asked, logger };
}

describe('a finished job', () => {
  it('takes its test-row predictions, input importance and data fingerprint from the data worker', async () => {
    const { jobs, jobId, table, asked } = await finishedJob(async (table, model) => ({ fingerprint: 'f'.repeat(64), heldOut: heldOutResults(model!, table) }));
    const model = jobs.modelFile(jobId)!;
    expect(asked).toEqual([model]);
    const result = jobs.result(jobId);
    const expected = heldOutResults(model, table);
    expect(expected.testPredictions.ok && expected.importance.ok).toBe(true);
    expect(result.testPredictions).toEqual(expected.testPredictions.ok ? expected.testPredictions.value : undefined);
    expect(result.importance).toEqual(expected.importance.ok ? expected.importance.value : undefined);
    expect(result.testPredictions!.rows).toHaveLength(20);
    expect(jobs.savedRunInputs(jobId)!.dataset.fingerprint).toBe('f'.repeat(64));
  });

  it('is reported without them when the worker fails, its fingerprint hashed on the main thread', async () => {
    const { jobs, jobId, table, logger } = await finishedJob(async () => {
      throw new Error('The data worker stopped.');
    });
    const result = jobs.result(jobId);
    expect(result.testPredictions).toBeUndefined();
    expect(result.importance).toBeUndefined();
    expect(logger.lines).toEqual([`warn ${jobId}: no test-row predictions: The data worker stopped.`, `warn ${jobId}: no input importance: The data worker stopped.`]);
    expect(jobs.savedRunInputs(jobId)!.dataset.fingerprint).toBe(dataFingerprint(table));
  });

  it('reports the one that failed in the worker, and keeps the other', async () => {
    const { jobs, jobId, logger } = await finishedJob(async (table, model) => ({
      fingerprint: dataFingerprint(table),
      heldOut: { ...heldOutResults(model!, table), importance: { ok: false, message: 'no score' } },
    }));
    expect(jobs.result(jobId).testPredictions!.rows).toHaveLength(20);
    expect(jobs.result(jobId).importance).toBeUndefined();
    expect(logger.lines).toEqual([`warn ${jobId}: no input importance: no score`]);
  });
});
