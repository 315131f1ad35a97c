import type { Task } from '../data/dataset';
import type { LossName } from '../losses/loss';
import type { Formulation, SolverName, TrainOptions } from './train-types';

/**
 * Share of rows the app's Train screen holds out by default (the CLI's --test-fraction default is
 * TRAIN_DEFAULTS.testFraction). The form's first values (beta scales with the training rows)
 * are computed with it, so they match the automatic choices the screen shows.
 */
export const APP_TEST_FRACTION = 0.25;

/** Defaults of a training run, shared by the CLI (its help text prints them) and the app. */
export const TRAIN_DEFAULTS = {
  formulation: 'sampled' as Formulation,
  patterns: 32,
  beta: 1e-2,
  bias: true,
  seed: 1,
  testFraction: 0.2,
  standardize: true,
} as const;

/**
 * Default loss per task and default solver per loss. Classification defaults to the squared
 * loss on +-1 targets (predicting 1[f > 0]): it is solved by Algorithm 3.1 with the loss inside
 * the once-factored linear system, the fastest certified path; BCE and hinge stay one click away.
 */
export const DEFAULT_LOSS: Readonly<Record<Task, LossName>> = { regression: 'squared', binary: 'squared', multiclass: 'squared' };
export const DEFAULT_SOLVER: Readonly<Record<LossName, SolverName>> = { squared: 'admm', bce: 'admm-rbcd', hinge: 'admm' };

/**
 * Regularization per training row: losses are sums over rows, so beta = BETA_PER_ROW * n keeps
 * the balance between fit and weight decay the same for any data size.
 */
export const BETA_PER_ROW = 1e-4;

/** beta scaled to the number of training rows (TRAIN_DEFAULTS.beta when unknown). */
export function defaultBeta(rows?: number): number {
  return rows === undefined ? TRAIN_DEFAULTS.beta : Math.max(1e-6, BETA_PER_ROW * rows);
}

/**
 * Regularization per training row and unit of the target's standard deviation, for regression.
 * The optimal weights scale with the target (y -> c y gives u -> c u at beta -> c beta), so a
 * beta blind to the target's units fits grams and kilograms differently. 5-fold cross-validated
 * R^2 with random patterns (prepared training rows; 1e-4 / 3e-4 / 1e-3 / 1e-2 per row and unit):
 * diabetes (442 rows) -0.83 / 0.01 / 0.35 / 0.39, Boston housing (506) 0.66 / 0.74 / 0.78 /
 * 0.74, penguins' body mass (344) 0.78 / 0.83 / 0.85 / 0.87, and the built-in curves 0.962 /
 * 0.960 / 0.939 / 0.73 (1-D) and 0.968 / 0.964 / 0.946 / 0.77 (2-D). With 1e-4 per row and no
 * unit (the classification rule) the three real sets scored -4.96, 0.20 and -18.7.
 */
export const REGRESSION_BETA_PER_ROW = 1e-3;

/**
 * The default beta for data of this task: regression scales with the training rows and the
 * target's standard deviation (`targetSpread`, in the target's own units), classification (+-1
 * targets) with the rows alone. A regression target without a usable spread (unknown, or
 * constant) counts as unit spread. Regression's value is rounded to three significant digits.
 */
export function dataScaledBeta(task: Task, rows: number, targetSpread?: number): number {
  if (task !== 'regression') return defaultBeta(rows);
  const spread = usableSpread(targetSpread) ?? 1;
  // Three significant digits: the form shows the value, and a spread's 12 digits are noise there.
  return Math.max(1e-6, Number((REGRESSION_BETA_PER_ROW * rows * spread).toPrecision(3)));
}

/** A target spread the default beta can scale with: positive and finite; null otherwise (unknown, or a constant target). */
export function usableSpread(targetSpread: number | undefined): number | null {
  return targetSpread !== undefined && targetSpread > 0 && Number.isFinite(targetSpread) ? targetSpread : null;
}

/** Population standard deviation of a target (0 for fewer than two values). */
export function standardDeviation(y: Float64Array): number {
  if (y.length < 2) return 0;
  let mean = 0;
  for (let k = 0; k < y.length; k++) mean += y[k]!;
  mean /= y.length;
  let sum = 0;
  for (let k = 0; k < y.length; k++) sum += (y[k]! - mean) ** 2;
  return Math.sqrt(sum / y.length);
}

/**
 * The default options for a task: its default loss, that loss's default solver, the defaults
 * above (beta by dataScaledBeta when the rows are known; the target's spread is not here).
 */
export function defaultTrainOptions(task: Task, rows?: number): TrainOptions {
  const loss = DEFAULT_LOSS[task];
  return {
    task,
    loss,
    solver: DEFAULT_SOLVER[loss],
    formulation: TRAIN_DEFAULTS.formulation,
    patterns: TRAIN_DEFAULTS.patterns,
    beta: rows === undefined ? defaultBeta() : dataScaledBeta(task, rows),
    bias: TRAIN_DEFAULTS.bias,
    seed: TRAIN_DEFAULTS.seed,
  };
}
