/**
 * Per-row predictions on a run's held-out test rows, for the Results screen (confusion-matrix
 * drill-down, ROC curves, the data points of the decision-boundary map). Bounded in size: at most
 * MAX_TEST_PREDICTION_ROWS evenly spaced test rows are kept, with the prepared feature values
 * only for models with few inputs and at most MAX_LISTED_CELLS raw cells per row.
 */

/** Most test rows whose predictions a run result carries. */
export const MAX_TEST_PREDICTION_ROWS = 2000;
/** Prepared feature values are kept per row only up to this many model inputs. */
export const MAX_FEATURES_PER_ROW = 32;
/** Raw input cells kept per row for the row listing (the first columns of the table). */
export const MAX_LISTED_CELLS = 8;
/** Longest raw cell text kept (longer cells are cut with an ellipsis). */
export const MAX_CELL_CHARS = 40;

export interface TestRowPrediction {
  /** 0-based data row of the dataset the run was trained on (file order, header excluded). */
  readonly row: number;
  /** True class index (classification) or value (regression). */
  readonly actual: number;
  /** Predicted class index (classification) or value (regression). */
  readonly predicted: number;
  /** Network outputs: one (binary, regression) or one per class (one-vs-rest). */
  readonly scores: readonly number[];
  /** Class probabilities, one per class (classification); empty for regression. */
  readonly probabilities: readonly number[];
  /** Prepared model inputs (standardized, one-hot) when the model has at most MAX_FEATURES_PER_ROW. */
  readonly features: readonly number[] | null;
  /** Raw cells of the row's first input columns (see TestPredictions.cellColumns). */
  readonly cells: readonly string[];
}

export interface TestPredictions {
  /** All held-out test rows of the run (the rows below are a sample when this is larger). */
  readonly totalCount: number;
  readonly rows: readonly TestRowPrediction[];
  /** Names of the prepared features (the order of TestRowPrediction.features). */
  readonly featureNames: readonly string[];
  /** Names of the raw columns in TestRowPrediction.cells. */
  readonly cellColumns: readonly string[];
  readonly classNames: readonly string[];
}
