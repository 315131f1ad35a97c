import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../src-core/contract/operations';
import type { RunRecordSummary } from '../../../src-core/contract/run-history';
import { recordingLogger } from '../services/service-helpers';
import { createRunSaver } from '../../../src-main/workspace/run-saver';
import { RunStore } from '../../../src-main/workspace/run-store';
import { cachedCase, datasetInput, freshFolder } from './workspace-fixtures';

const folder = freshFolder('convexnet-run-saver-');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const job = (jobId: string, state: JobSummary['state']): JobSummary => ({
  jobId,
  label: jobId,
  datasetId: 'dataset-1',
  solver: 'admm',
  state,
  status: state === 'finished' ? 'solved' : null,
  createdAt: 0,
  startedAt: 0,
  endedAt: 1,
  progress: null,
  error: null,
});

describe('run saver', () => {
  it('saves each job that ended with a result exactly once, skips the others, and logs a failed save', async () => {
    const trained = cachedCase('binary');
    const dataset = datasetInput(trained);
    const withResult = new Set(['job-1', 'job-2']);
    const saved: RunRecordSummary[] = [];
    const logger = recordingLogger();
    const saver = createRunSaver({
      store: new RunStore(folder),
      logger,
      lookup: (jobId) => (withResult.has(jobId) ? { result: { ...trained.result, jobId }, model: trained.model, dataset, label: `label of ${jobId}` } : null),
      onSaved: (summary) => saved.push(summary),
    });
    saver.jobUpdated(job('job-1', 'running'));
    saver.jobUpdated(job('job-1', 'finished'));
    saver.jobUpdated(job('job-1', 'finished')); // a repeated event: no second copy
    saver.jobUpdated(job('job-2', 'cancelled')); // cancelled with its last iterate: saved
    saver.jobUpdated(job('job-3', 'failed')); // no result: nothing to save
    await saver.idle();
    expect(saved.map((s) => [s.jobId, s.name])).toEqual([
      ['job-1', 'label of job-1'],
      ['job-2', 'label of job-2'],
    ]);
    expect(saved[0]!.dataFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await new RunStore(folder).list()).runs).toHaveLength(2);

    // A workspace that cannot be written (a file where the folder should be): logged, never thrown.
    const told: string[] = [];
    const broken = createRunSaver({
      store: new RunStore(`${folder}/${saved[0]!.runId}.json/sub`),
      logger,
      lookup: () => ({ result: trained.result, model: null, dataset, label: 'x' }),
      onSaved: () => undefined,
      onFailed: (message) => told.push(message),
    });
    broken.jobUpdated(job('job-9', 'finished'));
    await broken.idle();
    expect(logger.lines.some((line) => /^error job-9: the run was not saved to the workspace: Cannot save run "x"/.test(line))).toBe(true);
    // And told to the user (it was only logged): the window shows it as an app.error.
    expect(told).toEqual([expect.stringMatching(/^The run "x" finished but was not saved to the run history: Cannot save run "x" .* export the model to keep it\.$/)]);
  });
});
