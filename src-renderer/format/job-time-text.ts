import type { TrainingEstimateResponse } from '../../src-core/contract/training-jobs';
import { formatDuration, SLOW_RUN_MS } from '../../src-core/training/cost-estimate';
import { jobWorstCase, type JobShape } from '../../src-core/training/job-worst-case';

/**
 * What a cross-validation or a beta sweep of the form's settings costs, from the estimate of one
 * training (jobWorstCase): how many trainings, how many at a time, and the worst case; `slow`
 * past a minute, with what shortens it.
 */
export function jobTimeText(estimate: TrainingEstimateResponse, shape: JobShape): { text: string; slow: boolean } {
  const workers = estimate.workersAtOnce ?? 1;
  const worst = jobWorstCase(estimate, workers, shape);
  const atATime = worst.atOnce > 1 ? `, ${worst.atOnce} at a time` : '';
  const what =
    shape.kind === 'cv'
      ? `${worst.runs} trainings (${shape.folds} folds, then the model on all training rows${atATime})`
      : shape.folds === null
        ? `${worst.runs} trainings (one per beta, each from the previous solution${worst.atOnce > 1 ? `; the classes' paths ${worst.atOnce} at a time` : ''})`
        : `${worst.runs} trainings (a path over the ${shape.points} betas on each of ${shape.folds} folds${atATime}, then on all training rows)`;
  const slow = worst.ms > SLOW_RUN_MS;
  const fewer = shape.kind === 'cv' ? 'folds' : shape.folds === null ? 'betas' : 'betas or folds';
  const shorten = slow ? `; fewer ${fewer}, a looser tolerance or fewer patterns shorten it` : '';
  return { text: `${what}: up to ${formatDuration(worst.ms)} if each runs to its iteration limit${shorten}.`, slow };
}
