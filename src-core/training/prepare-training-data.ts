import type { Dataset } from '../data/dataset';
import type { FittedPreprocessing, PreprocessingOptions } from '../data/preprocessing';
import { fitPreprocessing, prepareLabeledRows } from '../data/preprocessing';
import type { RawTable } from '../data/raw-table';
import { selectTableRows } from '../data/raw-table';
import { holdOutIndices } from '../data/split';
import type { TargetColumn } from '../data/target-column';

export interface PrepareOptions {
  /** Fraction 0..1 (below 1) of the rows with a target held out for testing. */
  readonly testFraction: number;
  /** Seed of the split (the CLI and the app use the training seed). */
  readonly seed: number;
  readonly standardize: boolean;
  /** Preparation choices (see PreprocessingOptions); `scaling` overrides `standardize`. */
  readonly scaling?: PreprocessingOptions['scaling'];
  readonly imputation?: PreprocessingOptions['imputation'];
  readonly maxCategories?: number;
  /** Raw columns used as features (default: every column but the target). */
  readonly featureColumns?: readonly string[];
}

/** A table split and prepared for one training run. */
export interface PreparedTrainingData {
  /** Table row indices of the training and test rows (ascending). */
  readonly trainRows: Int32Array;
  readonly testRows: Int32Array;
  /** The pipeline fitted on the training rows and the prepared training set. */
  readonly fitted: FittedPreprocessing;
  /** The prepared test rows, or null when nothing is held out. */
  readonly test: Dataset | null;
}

/**
 * The one way a table becomes train and test sets, shared by the CLI and the app: split the
 * rows that have a target (seeded; stratified by class for classification), fit the
 * preprocessing on the training rows only (no test statistics leak into the model), then
 * prepare the test rows with that fitted pipeline.
 */
export function prepareTrainingData(table: RawTable, target: TargetColumn, options: PrepareOptions): PreparedTrainingData {
  const split = holdOutIndices(target.task === 'regression' ? target.y.length : target.y, options.testFraction, options.seed);
  const trainRows = Int32Array.from(split.trainIndices, (i) => target.keptRows[i]!);
  const testRows = Int32Array.from(split.testIndices, (i) => target.keptRows[i]!);
  const fitted = fitPreprocessing(selectTableRows(table, trainRows), target.column, {
    task: target.task,
    standardize: options.standardize,
    ...(options.scaling !== undefined ? { scaling: options.scaling } : {}),
    ...(options.imputation !== undefined ? { imputation: options.imputation } : {}),
    ...(options.maxCategories !== undefined ? { maxCategories: options.maxCategories } : {}),
    ...(options.featureColumns !== undefined ? { featureColumns: options.featureColumns } : {}),
  });
  const test = testRows.length > 0 ? prepareLabeledRows(fitted.pipeline, selectTableRows(table, testRows)).dataset : null;
  return { trainRows, testRows, fitted, test };
}
