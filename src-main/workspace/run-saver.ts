import { messageOf } from '../../src-core/errors';
import type { JobSummary, RunResult } from '../../src-core/contract/operations';
import type { RunRecordSummary } from '../../src-core/contract/run-history';
import type { ModelFile } from '../../src-core/model/model-file-types';
import type { ServiceLogger } from '../services/logger';
import type { RunDatasetInput } from './run-record';
import type { RunStore } from './run-store';

export interface RunSaverDeps {
  readonly store: RunStore;
  readonly logger: ServiceLogger;
  /** The job's result, model and what is kept of its dataset; null when the job has no result (failed, cancelled early). */
  readonly lookup: (jobId: string) => { result: RunResult; model: ModelFile | null; dataset: RunDatasetInput; label: string } | null;
  /** Called with each saved run (to push 'run.saved'). */
  readonly onSaved: (summary: RunRecordSummary) => void;
  /** Called with the message of each save that failed (to tell the user, not only the log). */
  readonly onFailed?: (message: string) => void;
}

/**
 * Saves every run that ended with a result (finished, or cancelled with its last iterate) to the
 * workspace, once. A failed save is logged and reported, never fatal to the job.
 */
export function createRunSaver(deps: RunSaverDeps): { jobUpdated: (job: JobSummary) => void; idle: () => Promise<void> } {
  const saved = new Set<string>();
  let pending: Promise<void> = Promise.resolve();
  return {
    jobUpdated: (job) => {
      if ((job.state !== 'finished' && job.state !== 'cancelled') || saved.has(job.jobId)) return;
      const found = deps.lookup(job.jobId);
      if (found === null) return;
      saved.add(job.jobId);
      const save = deps.store
        .save({ name: found.label, result: found.result, model: found.model, dataset: found.dataset })
        .then(deps.onSaved, (error: unknown) => {
          const why = messageOf(error);
          deps.logger.error(`${job.jobId}: the run was not saved to the workspace: ${why}`);
          deps.onFailed?.(`The run "${found.label}" finished but was not saved to the run history: ${why} Its result stays open until the app is closed; export the model to keep it.`);
        });
      pending = pending.then(() => save);
    },
    /** Resolves when every save started so far has ended (tests, shutdown). */
    idle: () => pending,
  };
}
