import type { Matrix } from '../linalg/matrix';

export type Task = 'binary' | 'multiclass' | 'regression';

/**
 * A numeric dataset ready for training. For classification y holds class indices 0..K-1 into
 * `classNames`; for regression y holds the target values.
 */
export interface Dataset {
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly task: Task;
  readonly featureNames: readonly string[];
  /** Class names for classification (index = class id); empty for regression. */
  readonly classNames: readonly string[];
}
