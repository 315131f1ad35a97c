import type { Task } from './dataset';

/** How missing feature cells are handled: filled (numeric mean or median; categorical most frequent) or the row dropped. */
export type Imputation = 'mean' | 'median' | 'drop-rows';
export const IMPUTATIONS: readonly Imputation[] = ['mean', 'median', 'drop-rows'];

/** How numeric columns are scaled. */
export type Scaling = 'standardize' | 'min-max' | 'none';
export const SCALINGS: readonly Scaling[] = ['standardize', 'min-max', 'none'];

/**
 * A numeric input column: output (x - center) / scale, a missing cell first replaced by
 * `fillValue` (the training mean or median; with drop-rows the mean, used at predict time).
 * Standardized: center = training mean, scale = training standard deviation (population,
 * ddof 0; 1 when it is 0). Min-max: center = training minimum, scale = max - min (1 when 0), so
 * training values land in [0, 1]. Passed through: center 0, scale 1.
 */
export interface NumericFeatureStep {
  readonly kind: 'numeric';
  readonly column: string;
  readonly fillValue: number;
  readonly center: number;
  readonly scale: number;
}

/**
 * A text column, one-hot encoded: one output per category kept from the training rows (sorted;
 * the most frequent ones when there were more than the cap), 1 for the row's category and 0
 * elsewhere. A missing cell takes `fillCategory` (the most frequent training category) when set,
 * else gives all zeros (files written before imputation existed). A category never seen in
 * training, or dropped by the cap, gives all zeros: the row counts as "none of the known
 * categories".
 */
export interface OneHotFeatureStep {
  readonly kind: 'one-hot';
  readonly column: string;
  readonly categories: readonly string[];
  readonly fillCategory?: string;
}

export type FeatureStep = NumericFeatureStep | OneHotFeatureStep;

/**
 * Everything needed to turn raw table columns into the model's inputs, fitted on the training
 * rows only. Plain JSON data: it is stored inside model files.
 */
export interface PreprocessingPipeline {
  readonly targetColumn: string;
  readonly task: Task;
  /** Class names (index = class id) for classification; empty for regression. */
  readonly classNames: readonly string[];
  /** True when scaling is 'standardize' (kept for readers of version-1 files). */
  readonly standardize: boolean;
  /** Absent in files written before these choices existed: then standardize or none, and mean imputation. */
  readonly scaling?: Scaling;
  readonly imputation?: Imputation;
  /** One step per raw input column used, in table order. */
  readonly steps: readonly FeatureStep[];
  /** Names of the prepared features, in matrix column order ("age", "color=red", ...). */
  readonly featureNames: readonly string[];
}

/** Names of the prepared features a step produces. */
export function stepFeatureNames(step: FeatureStep): string[] {
  return step.kind === 'numeric' ? [step.column] : step.categories.map((c) => `${step.column}=${c}`);
}

export function pipelineFeatureNames(steps: readonly FeatureStep[]): string[] {
  return steps.flatMap(stepFeatureNames);
}
