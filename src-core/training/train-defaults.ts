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

/** The default options for a task: its default loss, that loss's default solver, the defaults above. */
export function defaultTrainOptions(task: Task, rows?: number): TrainOptions {
  const loss = DEFAULT_LOSS[task];
  return {
    task,
    loss,
    solver: DEFAULT_SOLVER[loss],
    formulation: TRAIN_DEFAULTS.formulation,
    patterns: TRAIN_DEFAULTS.patterns,
    beta: defaultBeta(rows),
    bias: TRAIN_DEFAULTS.bias,
    seed: TRAIN_DEFAULTS.seed,
  };
}
