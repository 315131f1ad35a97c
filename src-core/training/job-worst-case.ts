import { headRounds } from './cost-estimate';

/** One training's estimate, as the estimate before Start gives it. */
export interface RunWorstCase {
  /** Worst case of the run (every head to its iteration limit), with its heads `headsAtOnce` at a time. */
  readonly worstCaseMs: number;
  readonly heads: number;
  readonly headsAtOnce?: number;
}

/** The runs a job is made of: a cross-validation (its folds, then the model), or a sweep (a path of points, optionally per fold). */
export type JobShape = { readonly kind: 'cv'; readonly folds: number } | { readonly kind: 'sweep'; readonly points: number; readonly folds: number | null };

export interface JobWorstCase {
  /** Trainings in the job. */
  readonly runs: number;
  /** Of them at the same time, on the app's workers. */
  readonly atOnce: number;
  /** Wall time if every run goes to its iteration limit. */
  readonly ms: number;
}

/**
 * The worst case of a job of several trainings from one training's (each as long: a fold trains
 * on fewer rows, so this errs long). Several workers run a cross-validation's folds and its model
 * at once (fold-parts.ts), `workers` at a time; a sweep's paths over its points run one per fold at
 * once and then the path on all rows; within such parts one-vs-rest heads run one after another,
 * so a run's time is taken without the overlap of its heads. A sweep without folds runs its
 * classes' paths at once instead (`atOnce` is then the heads').
 */
export function jobWorstCase(run: RunWorstCase, workers: number, shape: JobShape): JobWorstCase {
  const headsAtOnce = run.headsAtOnce ?? 1;
  // A run on one worker: its heads one after another.
  const oneWorkerMs = (run.worstCaseMs * headRounds(run.heads, 1)) / headRounds(run.heads, headsAtOnce);
  const lanes = Math.max(1, Math.floor(workers));
  if (shape.kind === 'cv') {
    const runs = shape.folds + 1;
    const atOnce = Math.min(lanes, runs);
    return { runs, atOnce, ms: Math.ceil(runs / atOnce) * oneWorkerMs };
  }
  const { points, folds } = shape;
  // Without folds a one-vs-rest sweep runs each class's path on a worker of its own (head-parts.ts):
  // every point takes what one run with its heads at once takes.
  if (folds === null) return { runs: points, atOnce: Math.min(run.heads, headsAtOnce), ms: points * run.worstCaseMs };
  const atOnce = Math.min(lanes, folds);
  return { runs: points * (folds + 1), atOnce, ms: (Math.ceil(folds / atOnce) + 1) * points * oneWorkerMs };
}
