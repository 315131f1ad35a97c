import { ConvexNetError } from '../errors';
import type { Matrix } from '../linalg/matrix';
import { createMatrix } from '../linalg/matrix';
import type { Dataset, Task } from './dataset';
import { compareCategoryNames, isNonFiniteNumberText, parseNumericCell } from './numeric-text';
import type { FeatureStep, NumericFeatureStep, OneHotFeatureStep, PreprocessingPipeline } from './preprocessing-types';
import { pipelineFeatureNames } from './preprocessing-types';
import type { RawTable } from './raw-table';
import { columnIndex, describeRow, isMissingCell, selectTableRows } from './raw-table';
import { previewNames, readTarget, readTargetCells } from './target-column';

export type { FeatureStep, NumericFeatureStep, OneHotFeatureStep, PreprocessingPipeline } from './preprocessing-types';

/** Most categories a text column may have before it is refused as an identifier or free text. */
export const MAX_ONE_HOT_CATEGORIES = 1000;

export interface PreprocessingOptions {
  /** The task; inferred from the target when absent (see readTarget). */
  readonly task?: Task;
  /** Standardize numeric columns (default true). */
  readonly standardize?: boolean;
  /** Raw columns to use as features (default: every column except the target). */
  readonly featureColumns?: readonly string[];
}

export interface FittedPreprocessing {
  readonly pipeline: PreprocessingPipeline;
  /** The table's rows with a target, prepared. */
  readonly dataset: Dataset;
  /** Rows dropped because their target is missing. */
  readonly droppedRows: number;
  /** Indices of the table rows in `dataset`, ascending. */
  readonly keptRows: Int32Array;
}

/**
 * Fits the preprocessing on `table` (pass the TRAINING rows only) and prepares it. Rows with a
 * missing target are dropped. A column is numeric when all its non-missing training cells are
 * numbers; numeric columns are standardized with the training mean and standard deviation (or
 * passed through) and missing cells take the training mean; other columns are one-hot encoded
 * over the categories seen in training. Columns with no value in any training row are left out.
 */
export function fitPreprocessing(table: RawTable, targetColumn: string, options: PreprocessingOptions = {}): FittedPreprocessing {
  const target = readTarget(table, targetColumn, options.task);
  const rows = selectTableRows(table, target.keptRows);
  const standardize = options.standardize ?? true;
  const steps: FeatureStep[] = [];
  for (const column of chooseFeatureColumns(table, targetColumn, options.featureColumns)) {
    const step = fitColumn(rows, column, standardize);
    if (step) steps.push(step);
  }
  if (steps.length === 0) {
    throw new ConvexNetError(
      'data/no-features',
      `No usable feature columns: besides the target "${targetColumn}" the data ${table.columns.length > 1 ? 'has only empty columns' : 'has no columns'}. At least one column with values is needed.`,
    );
  }
  const pipeline: PreprocessingPipeline = {
    targetColumn,
    task: target.task,
    classNames: target.classNames,
    standardize,
    steps,
    featureNames: pipelineFeatureNames(steps),
  };
  const dataset: Dataset = {
    X: applyPreprocessing(pipeline, rows),
    y: target.y,
    task: target.task,
    featureNames: pipeline.featureNames,
    classNames: pipeline.classNames,
  };
  return { pipeline, dataset, droppedRows: target.droppedRows, keptRows: target.keptRows };
}

/**
 * The prepared feature matrix of a table (n x features, no bias column), with the pipeline's
 * fitted values. Columns are found by name, in any order; extra columns (the target among them)
 * are ignored. Unseen categories and missing categorical cells give all zeros; missing numeric
 * cells take the training mean. A numeric column holding text or a non-finite number is refused.
 */
export function applyPreprocessing(pipeline: PreprocessingPipeline, table: RawTable): Matrix {
  const n = table.rows.length;
  const width = pipeline.featureNames.length;
  const X = createMatrix(n, width);
  let offset = 0;
  for (const step of pipeline.steps) {
    const c = columnIndex(table, step.column);
    if (c < 0) {
      throw new ConvexNetError(
        'data/missing-column',
        `The model needs the column "${step.column}", which the data lacks. The data's columns are: ${previewNames(table.columns)}.`,
      );
    }
    if (step.kind === 'numeric') writeNumeric(step, table, c, X, offset);
    else writeOneHot(step, table, c, X, offset);
    offset += step.kind === 'numeric' ? 1 : step.categories.length;
  }
  return X;
}

/**
 * Prepared features and encoded targets of labelled rows (e.g. the test rows) with a fitted
 * pipeline; rows with a missing target are dropped. A class not seen in training is refused.
 */
export function prepareLabeledRows(pipeline: PreprocessingPipeline, table: RawTable): FittedPreprocessing {
  const cells = readTargetCells(table, pipeline.targetColumn);
  const rows = selectTableRows(table, cells.keptRows);
  const y = new Float64Array(cells.texts.length);
  const known = new Map(pipeline.classNames.map((name, k) => [name, k] as const));
  for (let k = 0; k < y.length; k++) {
    const text = cells.texts[k]!;
    const where = describeRow(table, cells.keptRows[k]!);
    if (pipeline.task === 'regression') {
      const value = parseNumericCell(text);
      if (value === null) {
        throw new ConvexNetError('data/target-not-numeric', `${where}: the target "${text}" in column "${pipeline.targetColumn}" is not a finite number.`);
      }
      y[k] = value;
    } else {
      const index = known.get(text);
      if (index === undefined) {
        throw new ConvexNetError(
          'data/unknown-class',
          `${where}: the target "${text}" is not one of the classes seen in training (${previewNames(pipeline.classNames)}).`,
        );
      }
      y[k] = index;
    }
  }
  const dataset: Dataset = {
    X: applyPreprocessing(pipeline, rows),
    y,
    task: pipeline.task,
    featureNames: pipeline.featureNames,
    classNames: pipeline.classNames,
  };
  return { pipeline, dataset, droppedRows: cells.droppedRows, keptRows: cells.keptRows };
}

function chooseFeatureColumns(table: RawTable, targetColumn: string, requested: readonly string[] | undefined): string[] {
  if (requested === undefined) return table.columns.filter((name) => name !== targetColumn);
  for (const name of requested) {
    if (columnIndex(table, name) < 0) {
      throw new ConvexNetError('data/unknown-column', `There is no feature column named "${name}". The columns are: ${previewNames(table.columns)}.`);
    }
    if (name === targetColumn) throw new ConvexNetError('data/target-as-feature', `The target column "${name}" cannot also be a feature.`);
  }
  return table.columns.filter((name) => requested.includes(name));
}

/** The step of one column fitted on the given rows, or null when the column has no value at all. */
function fitColumn(table: RawTable, column: string, standardize: boolean): FeatureStep | null {
  const c = columnIndex(table, column);
  const values: number[] = [];
  let present = 0;
  let textCells = 0;
  let firstNonFiniteRow = -1;
  for (let r = 0; r < table.rows.length; r++) {
    const cell = table.rows[r]![c]!;
    if (isMissingCell(cell)) continue;
    present++;
    const value = parseNumericCell(cell);
    if (value !== null) values.push(value);
    else if (!isNonFiniteNumberText(cell)) textCells++;
    else if (firstNonFiniteRow < 0) firstNonFiniteRow = r;
  }
  if (present === 0) return null;
  if (textCells === 0) {
    if (firstNonFiniteRow >= 0) throw nonFiniteError(table, column, firstNonFiniteRow, c);
    return fitNumeric(column, values, standardize);
  }
  const categories = new Set<string>();
  for (const row of table.rows) if (!isMissingCell(row[c]!)) categories.add(row[c]!);
  if (categories.size > MAX_ONE_HOT_CATEGORIES) {
    throw new ConvexNetError(
      'data/too-many-categories',
      `Column "${column}" has ${categories.size} distinct non-numeric values (at most ${MAX_ONE_HOT_CATEGORIES} are one-hot encoded); it looks like an identifier or free text. Leave it out of the features.`,
    );
  }
  return { kind: 'one-hot', column, categories: [...categories].sort(compareCategoryNames) };
}

function fitNumeric(column: string, values: readonly number[], standardize: boolean): NumericFeatureStep {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  if (!standardize) return { kind: 'numeric', column, fillValue: mean, center: 0, scale: 1 };
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const std = Math.sqrt(squares / values.length);
  return { kind: 'numeric', column, fillValue: mean, center: mean, scale: std > 0 && Number.isFinite(std) ? std : 1 };
}

function writeNumeric(step: NumericFeatureStep, table: RawTable, c: number, X: Matrix, offset: number): void {
  const width = X.cols;
  for (let r = 0; r < table.rows.length; r++) {
    const cell = table.rows[r]![c]!;
    let value = step.fillValue;
    if (!isMissingCell(cell)) {
      const parsed = parseNumericCell(cell);
      if (parsed === null) {
        if (isNonFiniteNumberText(cell)) throw nonFiniteError(table, step.column, r, c);
        throw new ConvexNetError(
          'data/not-a-number',
          `Column "${step.column}" is numeric, but ${describeRow(table, r)} holds "${cell}"; write a number or leave the cell empty.`,
        );
      }
      value = parsed;
    }
    X.data[r * width + offset] = (value - step.center) / step.scale;
  }
}

function writeOneHot(step: OneHotFeatureStep, table: RawTable, c: number, X: Matrix, offset: number): void {
  const width = X.cols;
  const position = new Map(step.categories.map((name, k) => [name, k] as const));
  for (let r = 0; r < table.rows.length; r++) {
    const k = position.get(table.rows[r]![c]!);
    if (k !== undefined) X.data[r * width + offset + k] = 1;
  }
}

function nonFiniteError(table: RawTable, column: string, r: number, c: number): ConvexNetError {
  return new ConvexNetError(
    'data/non-finite',
    `Column "${column}" holds the non-finite number "${table.rows[r]![c]}" at ${describeRow(table, r)}; only finite numbers are allowed (leave the cell empty for a missing value).`,
  );
}
