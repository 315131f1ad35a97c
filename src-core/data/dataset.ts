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

/**
 * What the cost model and the estimates read of a prepared dataset: its size and classes, not its
 * numbers (a Dataset is one; so is the size a worker reports of the dataset it prepared).
 */
export interface DatasetSize {
  readonly X: { readonly rows: number; readonly cols: number };
  readonly task: Task;
  readonly classNames: readonly string[];
}

/** A copy with buffers of its own (a worker message transfers a dataset's buffers away from the sender). */
export function copyDataset(data: Dataset): Dataset {
  return { ...data, X: { ...data.X, data: Float64Array.from(data.X.data) }, y: Float64Array.from(data.y) };
}
