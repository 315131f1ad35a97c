import { ConvexNetError } from '../errors';
import type { Task } from './dataset';
import { compareCategoryNames, isNonFiniteNumberText, parseNumericCell } from './numeric-text';
import type { RawTable } from './raw-table';
import { columnIndex, describeRow, isMissingCell } from './raw-table';

/** Largest number of distinct whole-number target values still read as classes (task inference). */
export const MAX_INFERRED_CLASSES = 10;
/** Task inference reads whole-number targets as classes only with more rows than this. */
export const MIN_ROWS_FOR_INTEGER_CLASSES = 20;

/** The target column of a table, read: rows with a missing target are left out. */
export interface TargetColumn {
  readonly column: string;
  readonly task: Task;
  /** Sorted class names for classification (index = class id); empty for regression. */
  readonly classNames: string[];
  /** Class index (classification) or value (regression) per kept row. */
  readonly y: Float64Array;
  /** Indices of the table rows that have a target, ascending. */
  readonly keptRows: Int32Array;
  /** Rows left out because their target cell is empty. */
  readonly droppedRows: number;
}

/**
 * Largest magnitude of a regression target: the solvers square residuals and sum them over the
 * rows (1e100 squared is 1e200, far from the 1.8e308 limit), as for prepared inputs.
 */
export const MAX_TARGET_MAGNITUDE = 1e100;

/**
 * Reads the target column. Without a task, infers it: a target that is not all numbers, or that
 * has at most 10 distinct whole-number values when there are more than 20 rows, is a
 * classification target (binary with 2 classes, else multiclass); anything else is regression.
 * Class names are the distinct target texts, numeric-looking ones first in numeric order.
 */
export function readTarget(table: RawTable, column: string, task?: Task): TargetColumn {
  const { texts, keptRows, droppedRows } = readTargetCells(table, column);
  if (texts.length === 0) throw new ConvexNetError('data/empty-target', `The target column "${column}" has no values: every cell is empty.`);
  const numbers = readNumbersIfAllNumeric(table, column, texts, keptRows);
  const resolvedTask = task ?? inferTask(texts, numbers);

  if (resolvedTask === 'regression') {
    if (numbers === null) {
      const bad = texts.findIndex((t) => parseNumericCell(t) === null);
      throw new ConvexNetError(
        'data/target-not-numeric',
        `Regression needs a numeric target, but column "${column}" holds "${texts[bad]}" at ${describeRow(table, keptRows[bad]!)}. Choose a classification task or another column.`,
      );
    }
    const huge = numbers.findIndex((v) => !(Math.abs(v) <= MAX_TARGET_MAGNITUDE));
    if (huge >= 0) {
      throw new ConvexNetError(
        'data/value-too-large',
        `The target column "${column}" holds ${numbers[huge]} at ${describeRow(table, keptRows[huge]!)}, too large to fit: the squared errors of such values overflow. Divide the target by a constant (e.g. predict thousands) or take its logarithm.`,
      );
    }
    return { column, task: resolvedTask, classNames: [], y: Float64Array.from(numbers), keptRows, droppedRows };
  }

  const classNames = [...new Set(texts)].sort(compareCategoryNames);
  if (classNames.length < 2) {
    // A number that never changes (e.g. an all-zero column) was read as a class by the task
    // inference: the message says how to predict it anyway, not only what classification needs.
    const todo = numbers !== null
      ? ' Choose the regression task to predict this number (every row has the same value, so the model predicts it), or choose another target column.'
      : ' Choose another target column, or add rows of the other classes.';
    throw new ConvexNetError('data/one-class', `The target column "${column}" has only one class ("${classNames[0]}"); classification needs at least two.${todo}`);
  }
  if (resolvedTask === 'binary' && classNames.length > 2) {
    throw new ConvexNetError(
      'data/not-binary',
      `A binary task needs exactly two classes, but column "${column}" has ${classNames.length} (${previewNames(classNames)}). Use the multiclass task.`,
    );
  }
  if (resolvedTask === 'multiclass' && classNames.length === 2) {
    // One-vs-rest with two classes would train the same network twice (mirrored), and its scores
    // are not one probability per row as binary metrics need: refused before any training.
    throw new ConvexNetError(
      'data/not-multiclass',
      `A multi-class task needs three or more classes, but column "${column}" has two (${previewNames(classNames)}). Use the binary task.`,
    );
  }
  const indexOf = new Map(classNames.map((name, k) => [name, k] as const));
  const y = Float64Array.from(texts, (t) => indexOf.get(t)!);
  return { column, task: resolvedTask, classNames, y, keptRows, droppedRows };
}

/** The non-empty target cells and the rows they come from; unknown column -> data/unknown-target. */
export function readTargetCells(table: RawTable, column: string): { texts: string[]; keptRows: Int32Array; droppedRows: number } {
  const c = columnIndex(table, column);
  if (c < 0) {
    throw new ConvexNetError('data/unknown-target', `There is no column named "${column}" to predict. The columns are: ${table.columns.map((n) => `"${n}"`).join(', ')}.`);
  }
  const kept: number[] = [];
  const texts: string[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const cell = table.cell(r, c);
    if (isMissingCell(cell)) continue;
    kept.push(r);
    texts.push(cell);
  }
  return { texts, keptRows: Int32Array.from(kept), droppedRows: table.rowCount - kept.length };
}

/** Classification when the target is not numeric or has few whole-number values (see readTarget). */
export function inferTask(texts: readonly string[], numbers: readonly number[] | null): Task {
  const classCount = new Set(texts).size;
  const distinctNumbers = numbers === null ? null : new Set(numbers);
  // 0/1 is a yes/no target at any size, as the column profile types it ('boolean'): with the row
  // rule alone a 15-row 0/1 label was shown as "Yes/no" and trained as a regression.
  const yesNo = distinctNumbers !== null && distinctNumbers.size === 2 && distinctNumbers.has(0) && distinctNumbers.has(1);
  const classification =
    numbers === null ||
    yesNo ||
    (texts.length > MIN_ROWS_FOR_INTEGER_CLASSES && numbers.every((v) => Number.isInteger(v)) && distinctNumbers!.size <= MAX_INFERRED_CLASSES);
  if (!classification) return 'regression';
  return classCount === 2 ? 'binary' : 'multiclass';
}

/** Previews up to 8 names for messages. */
export function previewNames(names: readonly string[]): string {
  const shown = names.slice(0, 8).map((n) => `"${n}"`).join(', ');
  return names.length > 8 ? `${shown}, ... ${names.length} in all` : shown;
}

/** The values when every text is a finite number; null when some text is not a number at all. */
function readNumbersIfAllNumeric(table: RawTable, column: string, texts: readonly string[], rows: Int32Array): number[] | null {
  const values: number[] = [];
  let nonFinite = -1;
  for (let k = 0; k < texts.length; k++) {
    const value = parseNumericCell(texts[k]!);
    if (value !== null) values.push(value);
    else if (isNonFiniteNumberText(texts[k]!)) nonFinite = nonFinite < 0 ? k : nonFinite;
    else return null;
  }
  if (nonFinite >= 0) {
    throw new ConvexNetError(
      'data/non-finite',
      `Column "${column}" holds the non-finite number "${texts[nonFinite]}" at ${describeRow(table, rows[nonFinite]!)}; only finite numbers are allowed (leave the cell empty for a missing value).`,
    );
  }
  return values;
}
