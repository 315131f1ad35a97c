import { ConvexNetError } from '../errors';
import type { Matrix } from '../linalg/matrix';
import { createMatrix } from '../linalg/matrix';
import type { Dataset, Task } from './dataset';
import { compareCategoryNames, isNonFiniteNumberText, looksLikeThousandsSeparatedNumbers, parseNumericCell } from './numeric-text';
import type { FeatureStep, Imputation, NumericFeatureStep, OneHotFeatureStep, PreprocessingPipeline, Scaling } from './preprocessing-types';
import { pipelineFeatureNames } from './preprocessing-types';
import type { RawTable } from './raw-table';
import { isMissingNumber } from './missing-markers';
import { columnIndex, describeRow, isMissingCell, selectTableRows } from './raw-table';
import { previewNames, readTarget, readTargetCells } from './target-column';

export type { FeatureStep, Imputation, NumericFeatureStep, OneHotFeatureStep, PreprocessingPipeline, Scaling } from './preprocessing-types';

/** Largest category cap a user may choose. */
export const MAX_ONE_HOT_CATEGORIES = 1000;
/** Categories one-hot encoded per column by default; rarer ones count as "other" (all zeros). */
export const DEFAULT_MAX_CATEGORIES = 50;

export interface PreprocessingOptions {
  /** The task; inferred from the target when absent (see readTarget). */
  readonly task?: Task;
  /** Standardize numeric columns (default true); ignored when `scaling` is given. */
  readonly standardize?: boolean;
  /** Numeric scaling (default: 'standardize', or 'none' with standardize false). */
  readonly scaling?: Scaling;
  /** Missing feature cells (default 'mean'). */
  readonly imputation?: Imputation;
  /** Most categories one-hot encoded per column (2..1000, default 50). */
  readonly maxCategories?: number;
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
  /** Rows dropped because a feature cell is missing (imputation 'drop-rows'); included in droppedRows. */
  readonly rowsWithMissingFeatures?: number;
  /** Things the user should know (e.g. categories beyond the cap treated as "other"). */
  readonly warnings?: readonly string[];
  /**
   * Per pipeline step, the dataset rows whose cell was missing and took the fill value (set by
   * fitPreprocessing): cross-validation refills them from each fold's own rows.
   */
  readonly imputedRows?: readonly (readonly number[])[];
}

/**
 * Fits the preprocessing on `table` (pass the TRAINING rows only) and prepares it. Rows with a
 * missing target are dropped (and, with imputation 'drop-rows', rows missing any feature). A
 * column is numeric when all its non-missing training cells are numbers; numeric columns are
 * standardized (training mean and standard deviation), min-max scaled or passed through, and
 * missing cells take the training mean or median; other columns are one-hot encoded over the
 * (at most maxCategories most frequent) categories seen in training, missing cells taking the
 * most frequent one. Columns with no value in any training row are left out.
 */
export function fitPreprocessing(table: RawTable, targetColumn: string, options: PreprocessingOptions = {}): FittedPreprocessing {
  const scaling: Scaling = options.scaling ?? (options.standardize === false ? 'none' : 'standardize');
  const imputation: Imputation = options.imputation ?? 'mean';
  const maxCategories = checkedCategoryCap(options.maxCategories ?? DEFAULT_MAX_CATEGORIES);
  const featureColumns = chooseFeatureColumns(table, targetColumn, options.featureColumns);
  const complete = imputation === 'drop-rows' ? rowsWithoutMissing(table, featureColumns) : null;
  const source = complete ? selectTableRows(table, complete) : table;
  const target = readTarget(source, targetColumn, options.task);
  const rows = selectTableRows(source, target.keptRows);
  const keptRows = complete ? Int32Array.from(target.keptRows, (i) => complete[i]!) : target.keptRows;
  const steps: FeatureStep[] = [];
  const warnings: string[] = [];
  for (const column of featureColumns) {
    const step = fitColumn(rows, column, { scaling, imputation, maxCategories }, warnings);
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
    standardize: scaling === 'standardize',
    scaling,
    imputation,
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
  const rowsWithMissingFeatures = table.rowCount - source.rowCount;
  const imputedRows = steps.map((step) => missingRows(rows, columnIndex(rows, step.column)));
  return { pipeline, dataset, droppedRows: table.rowCount - keptRows.length, keptRows, rowsWithMissingFeatures, warnings, imputedRows };
}

/** Rows of the table whose cell in column c is missing (typed numeric columns hold NaN there). */
function missingRows(table: RawTable, c: number): number[] {
  const numbers = table.numericColumn?.(c) ?? null;
  const rows: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const known = numbers === null ? Number.NaN : numbers[r]!;
    if (known !== known && isMissingCell(table.cell(r, c))) rows.push(r);
  }
  return rows;
}

/** Indices of the rows with a value in every given column. */
export function rowsWithoutMissing(table: RawTable, columns: readonly string[]): Int32Array {
  const indices = columns.map((name) => columnIndex(table, name));
  const kept: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    if (indices.every((c) => c < 0 || !isMissingCell(table.cell(r, c)))) kept.push(r);
  }
  return Int32Array.from(kept);
}

function checkedCategoryCap(cap: number): number {
  if (!Number.isInteger(cap) || cap < 2 || cap > MAX_ONE_HOT_CATEGORIES) {
    throw new ConvexNetError('data/invalid-category-cap', `The category cap must be a whole number from 2 to ${MAX_ONE_HOT_CATEGORIES}, got ${cap}.`);
  }
  return cap;
}

/**
 * The prepared feature matrix of a table (n x features, no bias column), with the pipeline's
 * fitted values. Columns are found by name, in any order; extra columns (the target among them)
 * are ignored. Unseen categories and missing categorical cells give all zeros; missing numeric
 * cells take the training mean. A numeric column holding text or a non-finite number is refused.
 */
export function applyPreprocessing(pipeline: PreprocessingPipeline, table: RawTable): Matrix {
  const n = table.rowCount;
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
export function prepareLabeledRows(pipeline: PreprocessingPipeline, labelled: RawTable): FittedPreprocessing {
  // With drop-rows, evaluation rows missing a feature are left out too, as in training.
  const complete = pipeline.imputation === 'drop-rows' ? rowsWithoutMissing(labelled, pipeline.steps.map((s) => s.column)) : null;
  const table = complete ? selectTableRows(labelled, complete) : labelled;
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
  const keptRows = complete ? Int32Array.from(cells.keptRows, (i) => complete[i]!) : cells.keptRows;
  return { pipeline, dataset, droppedRows: labelled.rowCount - keptRows.length, keptRows };
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

interface ColumnChoices {
  readonly scaling: Scaling;
  readonly imputation: Imputation;
  readonly maxCategories: number;
}

/** The step of one column fitted on the given rows, or null when the column has no value at all. */
function fitColumn(table: RawTable, column: string, choices: ColumnChoices, warnings: string[]): FeatureStep | null {
  const c = columnIndex(table, column);
  const values: number[] = [];
  let present = 0;
  let textCells = 0;
  let firstNonFiniteRow = -1;
  // Columns the table holds as numbers are read from their typed array; NaN sends to the text.
  const numbers = table.numericColumn?.(c) ?? null;
  for (let r = 0; r < table.rowCount; r++) {
    const known = numbers === null ? Number.NaN : numbers[r]!;
    if (known === known) {
      present++;
      values.push(known);
      continue;
    }
    const cell = table.cell(r, c);
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
    return fitNumeric(column, values, choices);
  }
  return fitOneHot(table, column, c, choices.maxCategories, warnings);
}

/**
 * Categories by training frequency; beyond the cap only the most frequent are kept (ties by
 * name order), the others encode as all zeros, and a warning says so. The fill category is the
 * most frequent one.
 */
function fitOneHot(table: RawTable, column: string, c: number, cap: number, warnings: string[]): OneHotFeatureStep {
  const counts = new Map<string, number>();
  for (let r = 0; r < table.rowCount; r++) {
    const cell = table.cell(r, c);
    if (!isMissingCell(cell)) counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareCategoryNames(a[0], b[0]));
  if (looksLikeThousandsSeparatedNumbers(counts.keys())) {
    const example = byFrequency.find(([name]) => name.includes(','))![0];
    warnings.push(
      `Column "${column}" holds numbers written with thousands separators (e.g. "${example}"); they are read as text, so the column is encoded as categories, not as a number. Remove the separators in the file to use it as a number.`,
    );
  }
  const kept = byFrequency.slice(0, cap);
  if (byFrequency.length > cap) {
    const otherRows = byFrequency.slice(cap).reduce((total, [, n]) => total + n, 0);
    warnings.push(
      `Column "${column}" has ${byFrequency.length} categories; the ${cap} most frequent are one-hot encoded and the other ${byFrequency.length - cap} (${otherRows} training rows) count as "other" (all zeros). Raise the category cap, or ignore the column if it is an identifier or free text.`,
    );
  }
  return {
    kind: 'one-hot',
    column,
    categories: kept.map(([name]) => name).sort(compareCategoryNames),
    fillCategory: byFrequency[0]![0],
  };
}

function fitNumeric(column: string, values: readonly number[], choices: ColumnChoices): NumericFeatureStep {
  return { kind: 'numeric', column, ...fitNumericValues(values, choices.scaling, choices.imputation) };
}

/**
 * The fill value, center and scale of a numeric column from its observed (non-missing) values:
 * the numbers of a NumericFeatureStep. Cross-validation refits them per fold with this same
 * function (fold-preparation.ts).
 */
export function fitNumericValues(values: readonly number[], scaling: Scaling, imputation: Imputation): { fillValue: number; center: number; scale: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / values.length;
  const fillValue = imputation === 'median' ? median(values) : mean;
  if (scaling === 'none') return { fillValue, center: 0, scale: 1 };
  if (scaling === 'min-max') {
    const range = max - min;
    return { fillValue, center: min, scale: range > 0 && Number.isFinite(range) ? range : 1 };
  }
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  let std = Math.sqrt(squares / values.length);
  if (!Number.isFinite(std) && Number.isFinite(mean)) {
    // The squares overflowed (values near 1e154 and beyond): the same sum on values divided by
    // the largest magnitude, scaled back. Only here, so every other column keeps its bits.
    const size = Math.max(Math.abs(min), Math.abs(max));
    let scaled = 0;
    for (const v of values) scaled += (v / size - mean / size) ** 2;
    std = size * Math.sqrt(scaled / values.length);
  }
  return { fillValue, center: mean, scale: std > 0 && Number.isFinite(std) ? std : 1 };
}

/**
 * Largest magnitude a prepared value may have: beyond it the squares and Gram sums the solvers
 * form overflow (1e100 squared is 1e200, far from the 1.8e308 limit even summed over many rows).
 */
export const MAX_PREPARED_MAGNITUDE = 1e100;

function tooLargeError(table: RawTable, step: NumericFeatureStep, r: number, value: number): ConvexNetError {
  return new ConvexNetError(
    'data/value-too-large',
    `Column "${step.column}" holds ${value} at ${describeRow(table, r)}, too large to train on after its scaling (the prepared value's size is over ${MAX_PREPARED_MAGNITUDE}). Divide the column by a constant (e.g. express it in thousands), or use standardization.`,
  );
}

/** Median: the middle value, or the mean of the two middle values for an even count. */
function median(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function writeNumeric(step: NumericFeatureStep, table: RawTable, c: number, X: Matrix, offset: number): void {
  const width = X.cols;
  const numbers = table.numericColumn?.(c) ?? null;
  for (let r = 0; r < table.rowCount; r++) {
    const known = numbers === null ? Number.NaN : numbers[r]!;
    const value = known === known ? known : cellNumber(step, table, c, r);
    const prepared = (value - step.center) / step.scale;
    if (!(Math.abs(prepared) <= MAX_PREPARED_MAGNITUDE)) throw tooLargeError(table, step, r, value);
    X.data[r * width + offset] = prepared;
  }
}

/** Row r's value of a numeric column read from its cell text: the fill value when missing. */
function cellNumber(step: NumericFeatureStep, table: RawTable, c: number, r: number): number {
  const cell = table.cell(r, c);
  if (isMissingNumber(cell)) return step.fillValue;
  const parsed = parseNumericCell(cell);
  if (parsed !== null) return parsed;
  if (isNonFiniteNumberText(cell)) throw nonFiniteError(table, step.column, r, c);
  throw new ConvexNetError(
    'data/not-a-number',
    `Column "${step.column}" is numeric, but ${describeRow(table, r)} holds "${cell}"; write a number or leave the cell empty.`,
  );
}

function writeOneHot(step: OneHotFeatureStep, table: RawTable, c: number, X: Matrix, offset: number): void {
  const width = X.cols;
  const position = new Map(step.categories.map((name, k) => [name, k] as const));
  const fill = step.fillCategory;
  for (let r = 0; r < table.rowCount; r++) {
    const cell = table.cell(r, c);
    const k = position.get(isMissingCell(cell) && fill !== undefined ? fill : cell);
    if (k !== undefined) X.data[r * width + offset + k] = 1;
  }
}

function nonFiniteError(table: RawTable, column: string, r: number, c: number): ConvexNetError {
  return new ConvexNetError(
    'data/non-finite',
    `Column "${column}" holds the non-finite number "${table.cell(r, c)}" at ${describeRow(table, r)}; only finite numbers are allowed (leave the cell empty for a missing value).`,
  );
}
