import type { Dataset } from '../data/dataset';
import { kFoldIndices } from '../data/split';
import { ConvexNetError } from '../errors';
import { selectRows } from '../linalg/matrix';
import { withinStage, type SolveContext } from '../solvers/solver-types';
import { solveBetaPath } from './beta-path';
import { refitFold, type FoldPreparation } from './fold-preparation';
import { classificationMetrics, regressionMetrics, scalarMetrics, type NamedMetric } from './model-score';
import type { TrainOptions } from './train-types';
import { meanAndSpread } from '../metrics/mean-and-spread';

export const DEFAULT_FOLDS = 5;
export const MAX_FOLDS = 20;

/** Mean and spread (sample standard deviation) of one metric over the folds. */
export interface MetricSpread {
  readonly key: string;
  readonly label: string;
  readonly higherIsBetter: boolean;
  readonly mean: number | null;
  readonly std: number | null;
  /** Per fold, null where the metric is undefined on that fold. */
  readonly values: (number | null)[];
}

export interface CrossValidationReport {
  readonly folds: number;
  readonly stratified: boolean;
  readonly seed: number;
  readonly beta: number;
  /** Held-out metrics of every fold: mean, spread, values. */
  readonly metrics: MetricSpread[];
  /** Training metrics of every fold (how well each fold's model fits its own rows). */
  readonly trainMetrics: MetricSpread[];
  /** 'cancelled' when the run stopped before every fold was solved. */
  readonly status: 'complete' | 'cancelled';
}

/**
 * The held-out part of fold f and the rows it trains on. With `prep` (foldPreparationOf), the
 * scaling and the imputed values are refitted on the fold's training rows (fold-preparation.ts),
 * exactly as fitting the preprocessing on the fold's raw rows would give.
 */
export function foldDatasets(data: Dataset, folds: number, seed: number, prep: FoldPreparation | null = null): { train: Dataset; test: Dataset }[] {
  return foldSplits(data, folds, seed).map((split) => foldFromSplit(data, split, prep));
}

/** Fold `fold` of foldDatasets alone (the same rows and preprocessing), for a fold solved on its own. */
export function foldDataset(data: Dataset, folds: number, seed: number, fold: number, prep: FoldPreparation | null = null): { train: Dataset; test: Dataset } {
  const split = foldSplits(data, folds, seed)[fold];
  if (!split) throw new ConvexNetError('settings/invalid', `There is no fold ${fold} of ${folds}.`);
  return foldFromSplit(data, split, prep);
}

function foldSplits(data: Dataset, folds: number, seed: number): { trainIndices: Int32Array; testIndices: Int32Array }[] {
  const stratified = data.task !== 'regression';
  if (stratified) checkEveryClassTwice(data);
  return kFoldIndices(stratified ? data.y : data.y.length, folds, seed, stratified);
}

function foldFromSplit(data: Dataset, split: { trainIndices: Int32Array; testIndices: Int32Array }, prep: FoldPreparation | null): { train: Dataset; test: Dataset } {
  const train = subset(data, split.trainIndices);
  const test = subset(data, split.testIndices);
  if (prep) refitFold(prep, data.X.rows, split.trainIndices, split.testIndices, train.X, test.X);
  return { train, test };
}

/**
 * A class with a single row is held out whole by one fold, which then trains without it (a
 * binary fold on one class, a one-vs-rest head with no positive row) and fails with a message
 * about the training data, not about the folds: refuse plainly before any fold trains.
 */
function checkEveryClassTwice(data: Dataset): void {
  const counts = new Array<number>(data.classNames.length).fill(0);
  for (const label of data.y) counts[label]!++;
  const single = counts.findIndex((count) => count === 1);
  if (single < 0) return;
  const name = data.classNames[single] ?? String(single);
  throw new ConvexNetError(
    'data/class-too-small-for-folds',
    `Cross-validation needs at least 2 training rows of every class: each fold trains without its own test rows, and class "${name}" has only 1, so one fold would train without it. Remove that row or merge its class with another, or evaluate on the held-out test rows instead.`,
  );
}

/**
 * k-fold cross-validation of one setting (stratified by class for classification): train on
 * k-1 folds, measure on the held-out fold, report mean and spread of every metric. The folds
 * derive from `seed`, the solves from options.seed, so the same inputs give the same report.
 * The rows are the prepared training rows; pass the pipeline's fold preparation
 * (foldPreparationOf) so each fold refits the scaling and the imputed values on its own training
 * rows. (The one-hot category lists stay those of all training rows.)
 */
export function crossValidate(data: Dataset, options: TrainOptions, folds: number, seed: number, context: SolveContext, prep: FoldPreparation | null = null): CrossValidationReport {
  const path = crossValidatePath(data, options, [options.beta], folds, seed, context, prep);
  return path.reports[0]!;
}

export interface CrossValidatedPath {
  readonly betas: readonly number[];
  /** One report per beta, in the order of `betas`; the sweep chooses from them (select-path-point.ts). */
  readonly reports: CrossValidationReport[];
}

/** The scores of one fold's path: per beta of the path (in its order), null where it was not solved (cancelled). */
export interface FoldPathResult {
  readonly points: ({ readonly heldOut: Record<string, number | null>; readonly fitted: Record<string, number | null> } | null)[];
  readonly cancelled: boolean;
}

/**
 * Cross-validates every beta of a path: per fold one warm-started path over the betas. Sweeps
 * choose the beta with the best mean held-out score (accuracy, or R^2 for regression) through
 * selectPathPoint.
 */
export function crossValidatePath(
  data: Dataset,
  options: TrainOptions,
  betas: readonly number[],
  folds: number,
  seed: number,
  context: SolveContext,
  prep: FoldPreparation | null = null,
): CrossValidatedPath {
  checkFolds(folds);
  const parts = foldDatasets(data, folds, seed, prep);
  const results: FoldPathResult[] = [];
  for (let f = 0; f < folds && !results.some((r) => r.cancelled); f++) {
    results.push(solveFoldPath(parts[f]!, options, betas, { name: 'fold', index: f, count: folds }, context));
  }
  return combineFoldPaths(data.task, betas, folds, seed, results);
}

/**
 * Fold `fold` of crossValidatePath on its own (the same rows, solves and scores), so that the folds
 * of one cross-validation can run in parallel; combineFoldPaths then gives crossValidatePath's result.
 */
export function crossValidateFoldPath(
  data: Dataset,
  options: TrainOptions,
  betas: readonly number[],
  folds: number,
  seed: number,
  fold: number,
  context: SolveContext,
  prep: FoldPreparation | null = null,
): FoldPathResult {
  checkFolds(folds);
  return solveFoldPath(foldDataset(data, folds, seed, fold, prep), options, betas, { name: 'fold', index: fold, count: folds }, context);
}

/**
 * The reports of a cross-validated path from its folds' results, in fold order. Folds missing at
 * the end (not run after a cancel) and points a cancelled fold did not reach have no values.
 */
export function combineFoldPaths(task: Dataset['task'], betas: readonly number[], folds: number, seed: number, results: readonly FoldPathResult[]): CrossValidatedPath {
  const metricList = task === 'regression' ? regressionMetrics : classificationMetrics;
  const cancelled = results.length < folds || results.some((r) => r.cancelled);
  const reports = betas.map((beta, i): CrossValidationReport => {
    const solved = results.map((r) => r.points[i]).filter((p): p is NonNullable<typeof p> => p != null);
    return {
      folds,
      stratified: task !== 'regression',
      seed,
      beta,
      metrics: spreads(metricList, solved.map((p) => p.heldOut)),
      trainMetrics: spreads(metricList, solved.map((p) => p.fitted)),
      status: cancelled ? 'cancelled' : 'complete',
    };
  });
  return { betas, reports };
}

function checkFolds(folds: number): void {
  if (!Number.isInteger(folds) || folds < 2 || folds > MAX_FOLDS) {
    throw new ConvexNetError('settings/invalid', `Cross-validation needs a whole number of folds from 2 to ${MAX_FOLDS}, got ${folds}.`);
  }
}

function solveFoldPath(part: { train: Dataset; test: Dataset }, options: TrainOptions, betas: readonly number[], stage: { name: 'fold'; index: number; count: number }, context: SolveContext): FoldPathResult {
  const foldContext: SolveContext = {
    ...context,
    ...(context.onProgress ? { onProgress: (e) => context.onProgress!(withinStage(e, stage)) } : {}),
  };
  const path = solveBetaPath(part.train, part.test, options, betas, foldContext);
  const points: FoldPathResult['points'] = betas.map(() => null);
  for (const point of path.points) points[betas.indexOf(point.beta)] = { heldOut: scalarMetrics(point.test!), fitted: scalarMetrics(point.train) };
  return { points, cancelled: path.cancelled };
}

function spreads(metrics: readonly NamedMetric[], folds: Record<string, number | null>[]): MetricSpread[] {
  return metrics.map((m) => {
    const values = folds.map((f) => f[m.key] ?? null);
    const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
    const summary = meanAndSpread(present);
    // One fold with a value has no spread to report (not a spread of 0).
    const std = summary !== null && present.length > 1 ? summary.std : null;
    return { key: m.key, label: m.label, higherIsBetter: m.higherIsBetter, mean: summary?.mean ?? null, std, values };
  });
}

function subset(data: Dataset, rows: Int32Array): Dataset {
  return { X: selectRows(data.X, rows), y: Float64Array.from(rows, (i) => data.y[i]!), task: data.task, featureNames: data.featureNames, classNames: data.classNames };
}
