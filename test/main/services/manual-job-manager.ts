import type { RawTable } from '../../../src-core/data/raw-table';
import type { ModelFile } from '../../../src-core/model/model-file-types';
import { DatasetRegistry } from '../../../src-main/services/dataset-registry';
import { EventHub } from '../../../src-main/services/event-hub';
import { JobManager } from '../../../src-main/services/job-manager';
import { prepareJob } from '../../../src-main/services/prepare-job';
import { heldOutResults } from '../../../src-main/services/run-result';
import type { WorkerPool } from '../../../src-main/services/worker-pool';
import type { FinishedRunData } from '../../../src-main/workers/data-protocol';
import { dataFingerprint } from '../../../src-main/workspace/data-fingerprint';
import { ManualPool } from './manual-pool';
import { recordingLogger } from './service-helpers';

/** What the data worker computes for a finished run, computed on this thread. */
export async function finishedRunHere(table: RawTable, model: ModelFile | null): Promise<FinishedRunData> {
  return { fingerprint: dataFingerprint(table), heldOut: model ? heldOutResults(model, table) : null };
}

/**
 * A job manager on a pool one worker wide that the test answers by hand. Its data worker is this
 * thread: data prepared by prepareJob, a finished run's data by `finishedRun` (finishedRunHere,
 * unless a test replaces it).
 */
export function manualJobManager(finishedRun: (table: RawTable, model: ModelFile | null) => Promise<FinishedRunData> = finishedRunHere) {
  const pool = new ManualPool(1);
  const logger = recordingLogger();
  const datasets = new DatasetRegistry();
  const jobs = new JobManager({
    pool: pool as unknown as WorkerPool,
    datasets,
    data: { prepare: async (dataset, request) => prepareJob(dataset, request), finishedRun },
    events: new EventHub(logger),
    logger,
    cancelGraceMs: 1000,
    progressIntervalMs: 0,
    producer: 'test',
    machineBytes: 1e12,
  });
  return { pool, logger, datasets, jobs };
}
