import type { JobSummary } from '../../../src-core/contract/operations';
import type { JobKind } from '../../../src-core/contract/training-jobs';
import { jobFraction } from '../../format/job-progress';
import { isTerminal } from '../../stores/jobs';

/**
 * The newest job of this kind (sweep, cross-validation) still queued or running on this dataset.
 * The Train screen's panels turn their start button into "Running…" and offer Cancel while one
 * does, so a second click does not queue the same long job again.
 */
export function runningJobOfKind(jobs: readonly JobSummary[], kind: JobKind, datasetId: string | undefined): JobSummary | null {
  if (datasetId === undefined) return null;
  return jobs.find((job) => job.kind === kind && job.datasetId === datasetId && !isTerminal(job.state)) ?? null;
}

/** "queued" or the share done ("40%"), for the running job's button and status line. */
export function runningJobProgress(job: JobSummary): string {
  return job.state === 'queued' ? 'queued' : `${Math.round(jobFraction(job) * 100)}%`;
}
