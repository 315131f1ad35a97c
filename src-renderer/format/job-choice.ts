import type { JobSummary } from '../../src-core/contract/operations';
import { jobStateLabels } from './option-labels';

/** Time of day with seconds: runs of one session are told apart by when they finished. */
function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * How a job reads in a run chooser: its label, then when it finished ("finished 14:03:12"), or
 * its state while it has not. Job ids ("job-2") mean nothing to users, and two runs of the same
 * settings share a label, so the time is what tells them apart.
 */
export function jobChoiceLabel(job: JobSummary): string {
  if (job.endedAt !== null && job.state !== 'queued' && job.state !== 'running') {
    return `${job.label} · ${jobStateLabels[job.state].toLowerCase()} ${clockTime(job.endedAt)}`;
  }
  return `${job.label} · ${jobStateLabels[job.state].toLowerCase()}`;
}
