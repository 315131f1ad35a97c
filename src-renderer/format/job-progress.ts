import type { JobProgress, JobSummary } from '../../src-core/contract/operations';
import { iterationUnit } from '../../src-core/training/solver-support';

/** Fraction 0..1 of the job done, for the progress bar: ended jobs are full, queued ones empty. */
export function jobFraction(job: JobSummary): number {
  if (job.state === 'finished') return 1;
  const fraction = job.progress?.fraction ?? 0;
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
}

/** Wall time since the job started: frozen at its end, ticking with `nowMs` while it runs. */
export function jobElapsedMs(job: JobSummary, nowMs: number): number | null {
  const reported = job.progress?.elapsedMs ?? null;
  if (job.startedAt === null) return reported;
  const end = job.endedAt ?? (job.state === 'running' || job.state === 'queued' ? nowMs : null);
  if (end === null) return reported;
  return Math.max(end - job.startedAt, reported ?? 0);
}

/**
 * What the job's progress count counts: the epochs of the back-propagation networks that give
 * a convex run its patterns while it is in that phase, else the solver's iterations (or Newton
 * steps). The Jobs panel and the Results screen both use it, so one step has one name.
 */
export function progressStepUnit(job: Pick<JobSummary, 'solver' | 'progress'>): string {
  if (job.progress?.phase === 'patterns') return 'epoch';
  return iterationUnit(job.solver, false, job.progress?.newtonStep);
}

/**
 * Where in a multi-part job the progress is: " · beta 3 of 8 · fold 2 of 5" (sweeps,
 * cross-validation, outermost first) and " · class 1 of 3" (one-vs-rest). The Jobs panel and the
 * Results screen both say it: the live curves restart with each class's network, and without
 * "class 2 of 3" beside them the jump looked like the run starting over.
 */
export function progressPlace(progress: Pick<JobProgress, 'stages' | 'head' | 'headCount'>): { stages: string; head: string } {
  const stages = (progress.stages ?? []).map((stage) => ` · ${stage.name} ${stage.index + 1} of ${stage.count}`).join('');
  const head = progress.headCount && progress.headCount > 1 ? ` · class ${(progress.head ?? 0) + 1} of ${progress.headCount}` : '';
  return { stages, head };
}
