import type { JobSummary } from '../../../src-core/contract/operations';
import type { JobKind } from '../../../src-core/contract/training-jobs';
import { jobFraction } from '../../format/job-progress';
import { jobStateLabels } from '../../format/option-labels';
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

/**
 * "queued" or the share done ("40%"), for the running job's button and status line; null while
 * a started job has sent no progress yet: "0%" then would be a guess, and read as stuck.
 */
export function runningJobProgress(job: JobSummary): string | null {
  if (job.state === 'queued') return 'queued';
  if (job.progress === null) return null;
  return `${Math.round(jobFraction(job) * 100)}%`;
}

/** The button that stands in for Start while the job runs: "Running… 40%", or "Running…" before its first progress. */
export function runningButtonText(job: JobSummary): string {
  const progress = runningJobProgress(job);
  return progress === null ? 'Running…' : `Running… ${progress}`;
}

/** A panel's status line while its job has no result yet: "Sweep queued…", "Cross-validation running (40%)…". */
export function jobStateLine(name: string, job: JobSummary): string {
  const progress = job.state === 'running' ? runningJobProgress(job) : null;
  return `${name} ${jobStateLabels[job.state].toLowerCase()}${progress === null ? '' : ` (${progress})`}…`;
}
