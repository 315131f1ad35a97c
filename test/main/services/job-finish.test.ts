import { describe, expect, it, vi } from 'vitest';
import type { RawTable } from '../../../src-core/data/raw-table';
import { ConvexNetError } from '../../../src-core/errors';
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
async function finishedJob(finishedRun: (table: RawTable, model: ModelFile | null) => Promise<FinishedRunData>, trained: (table: RawTable) => RawTable = (table) => table) {
  const asked: (ModelFile | null)[] = [];
  const { pool, logger, datasets, jobs } = manualJobManager((table, model) => (asked.push(model), finishedRun(table, model)));
  const moons = datasets.get(datasets.loadBuiltIn({ id: 'two-moons', rows: 80, seed: 6 }).datasetId);
  const datasetId = datasets.add(moons.name, moons.source, trained(moons.table), moons.target, moons.task).datasetId;
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

  it('fails with internal/error when finishing it throws unexpectedly, keeping no result or model', async () => {
    // A data worker answer without its held-out results (a protocol mistake): reading it throws a TypeError.
    const { jobs, jobId } = await finishedJob(async (table) => ({ fingerprint: dataFingerprint(table), heldOut: {} as FinishedRunData['heldOut'] }));
    const job = jobs.list()[0]!;
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('internal/error');
    expect(job.error?.message).toMatch(/undefined/);
    expect(jobs.modelFile(jobId)).toBeNull();
    expect(jobs.savedRunInputs(jobId)).toBeNull();
    expect(() => jobs.result(jobId)).toThrow(/has no result because it failed/);
  });

  it("fails with a ConvexNetError's code, message and details when finishing it throws one", async () => {
    // The data worker crashed during the finish, and the table, hashed here instead, cannot be read.
    const unreadable = new ConvexNetError('data/unreadable', 'The table of "moons" can no longer be read; load the file again.', { kind: 'workbook-sheets', sheet: 'moons', sheets: ['moons', 'other'] });
    let readable = true;
    const brokenLater = (table: RawTable): RawTable => ({
      columns: table.columns,
      rowCount: table.rowCount,
      cell: (r, c) => {
        if (!readable) throw unreadable;
        return table.cell(r, c);
      },
    });
    const { jobs, jobId } = await finishedJob(async () => {
      readable = false;
      throw new Error('The data worker stopped.');
    }, brokenLater);
    const job = jobs.list()[0]!;
    expect(job.state).toBe('failed');
    expect(job.error).toEqual({ code: 'data/unreadable', message: unreadable.message, details: unreadable.details });
    expect(jobs.modelFile(jobId)).toBeNull();
    expect(jobs.savedRunInputs(jobId)).toBeNull();
  });
});
