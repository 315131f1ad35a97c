import type { Task } from './dataset';

/**
 * A numeric input column: output (x - center) / scale, a missing cell first replaced by
 * `fillValue` (the training mean). Standardized: center = training mean, scale = training
 * standard deviation (population, ddof 0; 1 when it is 0). Passed through: center 0, scale 1.
 */
export interface NumericFeatureStep {
  readonly kind: 'numeric';
  readonly column: string;
  readonly fillValue: number;
  readonly center: number;
  readonly scale: number;
}

/**
 * A text column, one-hot encoded: one output per category seen in the training rows (sorted),
 * 1 for the row's category and 0 elsewhere. A missing cell, or a category never seen in
 * training, gives all zeros (the row counts as "none of the known categories").
 */
export interface OneHotFeatureStep {
  readonly kind: 'one-hot';
  readonly column: string;
  readonly categories: readonly string[];
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
  readonly standardize: boolean;
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
