import type { Dataset } from '../data/dataset';
import { ConvexNetError } from '../errors';
import { withinStage, type SolveContext } from '../solvers/solver-types';
import { combinedCertificate } from './combined-gap';
import { parseGridText } from './grid-text';
import { evaluatePredictions, type MetricsReport } from './evaluate';
import { primaryScore } from './model-score';
import { predictWithHeads } from './predict';
import type { TrainOptions, TrainOutcome } from './train-types';
import { warmChain } from './warm-chain';
import { isPartialModel } from './train-model';

/** Most points of one sweep (each is a full solve). */
export const MAX_PATH_POINTS = 50;
export const DEFAULT_PATH_POINTS = 8;

/**
 * `count` values from `min` to `max` evenly spaced in log scale (both ends included):
 * beta_i = min (max / min)^(i / (count - 1)).
 */
export function logGrid(min: number, max: number, count: number): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new ConvexNetError('settings/invalid', `A beta grid needs positive finite ends, got ${min} and ${max}.`);
  }
  if (!(max > min)) throw new ConvexNetError('settings/invalid', `The largest beta (${max}) must be above the smallest (${min}).`);
  if (!Number.isInteger(count) || count < 2 || count > MAX_PATH_POINTS) {
    throw new ConvexNetError('settings/invalid', `A beta grid needs a whole number of points from 2 to ${MAX_PATH_POINTS}, got ${count}.`);
  }
  const ratio = Math.log(max / min);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? max : min * Math.exp((ratio * i) / (count - 1))));
}

/** Reads "MIN:MAX:COUNT" (e.g. "1e-4:1e-1:8") into a log grid; COUNT defaults to 8. */
export function parseBetaGrid(text: string): number[] {
  const { min, max, count } = parseGridText(text, 'beta', '1e-4:1e-1:8', DEFAULT_PATH_POINTS);
  return logGrid(min, max, count);
}

/** One solved point of a regularization path. */
export interface PathPoint {
  readonly beta: number;
  readonly status: TrainOutcome['status'];
  /** Sum of the heads' training objectives. */
  readonly objective: number;
  /** Combined certified relative gap of the heads (null without a certificate). */
  readonly relativeGap: number | null;
  /** Hidden neurons of the model (all heads). */
  readonly neuronCount: number;
  readonly iterations: number;
  readonly solveMs: number;
  readonly train: MetricsReport;
  readonly test: MetricsReport | null;
  readonly trainScore: number | null;
  readonly testScore: number | null;
}

export interface PathOptions {
  /** Start each solve from the previous beta's solution (default true). */
  readonly warmStart?: boolean;
  /** Called after each point with its index in `betas`. */
  readonly onPoint?: (point: PathPoint, index: number) => void;
}

export interface PathResult {
  /** In the order of `betas`. */
  readonly points: PathPoint[];
  readonly outcomes: TrainOutcome[];
  /** True when the sweep stopped early because it was cancelled. */
  readonly cancelled: boolean;
}

/**
 * The order a path solves its betas in. First-order solvers go from the largest beta down: a
 * large beta gives a sparse solution that is a good start for the next smaller one. The
 * interior-point method goes up: its cold solves are slowest at large beta (blocks at zero sit
 * at the apex of their cones, where its steps stay short), and a warm start into a sparser
 * solution costs less than that cold start. Measured on the bench's regression paths (8 betas,
 * 0.1x-10x the default, gap 1e-3; Newton steps in all): n = 5000: 90 down, 80 up (the largest
 * beta cold 27, warm 14); n = 20k: 119 down, 94 up (9.5 s against 11.6 s); n = 2000: 89, 85.
 */
export function pathOrder(solver: TrainOptions['solver']): 'descending' | 'ascending' {
  return solver === 'ipm' ? 'ascending' : 'descending';
}

/** The betas in the order a path solves them (pathOrder), each with its index in `betas`. */
export function pathSteps(solver: TrainOptions['solver'], betas: readonly number[]): { beta: number; index: number }[] {
  const direction = pathOrder(solver) === 'descending' ? -1 : 1;
  return betas.map((beta, index) => ({ beta, index })).sort((a, b) => direction * (a.beta - b.beta) || a.index - b.index);
}

/**
 * Solves the same program (same data, patterns, seed) for every beta, in pathOrder. With warm
 * starts each solve begins at the previous solution (ADMM iterates with rho scaled by the beta
 * ratio; SCP's alpha; back-propagation's weights); the optimum of each point is the same as a
 * cold solve's, to the solver tolerance. The interior-point solver starts from the previous
 * iterate blended with its cold start (~30% fewer Newton steps along a path).
 */
export function solveBetaPath(train: Dataset, test: Dataset | null, options: TrainOptions, betas: readonly number[], context: SolveContext, pathOptions: PathOptions = {}): PathResult {
  if (betas.length === 0 || betas.length > MAX_PATH_POINTS) {
    throw new ConvexNetError('settings/invalid', `A sweep needs from 1 to ${MAX_PATH_POINTS} beta values, got ${betas.length}.`);
  }
  for (const beta of betas) {
    if (!(beta > 0) || !Number.isFinite(beta)) throw new ConvexNetError('settings/invalid', `Every beta of a sweep must be a positive number, got ${beta}.`);
  }
  const warm = pathOptions.warmStart ?? true;
  const order = pathSteps(options.solver, betas);
  const points: (PathPoint | undefined)[] = new Array(betas.length);
  const outcomes: (TrainOutcome | undefined)[] = new Array(betas.length);
  const trainPoint = warmChain(warm);
  let cancelled = false;
  for (let step = 0; step < order.length && !cancelled; step++) {
    const { beta, index } = order[step]!;
    const stepContext: SolveContext = {
      ...context,
      ...(context.onProgress ? { onProgress: (e) => context.onProgress!(withinStage(e, { name: 'beta', index: step, count: order.length })) } : {}),
    };
    const outcome = trainPoint(train, { ...options, beta }, stepContext);
    // A one-vs-rest point cancelled before all its heads has no model to score: the path ends before it.
    if (isPartialModel(outcome, train)) {
      cancelled = true;
      break;
    }
    const point = summarizePoint(outcome, beta, train, test);
    points[index] = point;
    outcomes[index] = outcome;
    pathOptions.onPoint?.(point, index);
    if (outcome.status === 'cancelled') cancelled = true;
  }
  const done = points.map((p, i) => ({ p, o: outcomes[i] })).filter((x): x is { p: PathPoint; o: TrainOutcome } => x.p !== undefined);
  return { points: done.map((x) => x.p), outcomes: done.map((x) => x.o), cancelled };
}

/** Metrics and certificate of one trained model. */
export function summarizePoint(outcome: TrainOutcome, beta: number, train: Dataset, test: Dataset | null): PathPoint {
  const evaluate = (data: Dataset): MetricsReport => evaluatePredictions(data.task, predictWithHeads(data.task, outcome.options.loss, outcome.heads, data.X), data.y);
  const trainReport = evaluate(train);
  const testReport = test && test.X.rows > 0 ? evaluate(test) : null;
  const certificate = combinedCertificate(outcome.heads.map((h) => ({ objective: h.info.objective, lowerBound: h.info.lowerBound, relativeGap: h.info.relativeGap })));
  return {
    beta,
    status: outcome.status,
    objective: outcome.heads.reduce((s, h) => s + h.info.objective, 0),
    relativeGap: certificate.relativeGap,
    neuronCount: outcome.heads.reduce((s, h) => s + h.network.hidden.rows, 0),
    iterations: outcome.heads.reduce((s, h) => s + h.info.iterations, 0),
    solveMs: outcome.solveMs,
    train: trainReport,
    test: testReport,
    trainScore: primaryScore(trainReport),
    testScore: testReport ? primaryScore(testReport) : null,
  };
}
