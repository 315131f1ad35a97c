import type { Dataset } from '../data/dataset';
import { CouplingCache } from '../solvers/ipm/coupling-cache';
import { withinStage, type SolveContext } from '../solvers/solver-types';
import { pathSteps, summarizePoint, type PathPoint, type PathResult } from './beta-path';
import { isPartialModel, outcomeOfHeads, trainPlannedHeads, type HeadPlan } from './train-model';
import type { HeadWarmStart, TrainedHead, TrainOptions, TrainOutcome } from './train-types';

/** One one-vs-rest head's warm-started path: the head trained at each beta, in the order of the betas; null where it stopped (a cancel). */
export interface HeadPath {
  readonly head: number;
  readonly trained: (TrainedHead | null)[];
}

/**
 * The beta path of a one-vs-rest model one head at a time: the heads of a model are independent
 * programs on the same rows, and along a path each head starts from its own previous solution,
 * so head h's path is solveBetaPath's head h. `plan` is planHeads at the path's first beta (in
 * pathSteps order), as the path draws its patterns there and keeps them (structure-cache.ts).
 * combineHeadPaths puts the heads' paths together into solveBetaPath's result.
 */
export function solveHeadPath(train: Dataset, options: TrainOptions, plan: HeadPlan, head: number, betas: readonly number[], context: SolveContext): HeadPath {
  const order = pathSteps(options.solver, betas);
  // The interior-point method's Q and factor workspace, shared along the path as a chain shares them.
  const coupling = new CouplingCache();
  const from: HeadWarmStart[] = [];
  const trained: (TrainedHead | null)[] = betas.map(() => null);
  for (let step = 0; step < order.length; step++) {
    const { beta, index } = order[step]!;
    const stepContext: SolveContext = {
      ...context,
      ...(context.onProgress ? { onProgress: (e) => context.onProgress!(withinStage(e, { name: 'beta', index: step, count: order.length })) } : {}),
    };
    const point = trainPlannedHeads(train, { ...options, beta }, plan, [head], stepContext, { ...(step > 0 ? { from } : {}), keep: () => {}, coupling });
    const result = point.heads[0]!;
    trained[index] = result;
    from[head] = point.kept[0]!;
    if (result.status === 'cancelled') break;
  }
  return { head, trained };
}

/**
 * solveBetaPath's result from every head's path (in head order): per beta, in path order, the
 * model of its heads (outcomeOfHeads) and its point (summarizePoint); the path stops after a
 * point with a cancelled head, or before one a head did not reach.
 */
export function combineHeadPaths(train: Dataset, test: Dataset | null, options: TrainOptions, betas: readonly number[], plan: HeadPlan, paths: readonly HeadPath[]): PathResult {
  const points: (PathPoint | undefined)[] = new Array(betas.length);
  const outcomes: (TrainOutcome | undefined)[] = new Array(betas.length);
  let cancelled = false;
  const order = pathSteps(options.solver, betas);
  for (let step = 0; step < order.length && !cancelled; step++) {
    const { beta, index } = order[step]!;
    const heads = paths.map((path) => path.trained[index] ?? null);
    if (heads.some((h) => h === null)) {
      cancelled = true;
      break;
    }
    // The plan's setup (the patterns) belongs to the path's first point, as in solveBetaPath.
    const outcome = outcomeOfHeads(train.task, { ...options, beta }, heads as TrainedHead[], step === 0 ? plan.setupMs : 0);
    // Heads left out after a cancelled one: no model to score, the path ends before this point.
    if (isPartialModel(outcome, train)) {
      cancelled = true;
      break;
    }
    points[index] = summarizePoint(outcome, beta, train, test);
    outcomes[index] = outcome;
    if (outcome.status === 'cancelled') cancelled = true;
  }
  const done = points.map((p, i) => ({ p, o: outcomes[i] })).filter((x): x is { p: PathPoint; o: TrainOutcome } => x.p !== undefined);
  return { points: done.map((x) => x.p), outcomes: done.map((x) => x.o), cancelled };
}
