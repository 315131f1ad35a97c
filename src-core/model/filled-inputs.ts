import type { PreprocessingPipeline } from '../data/preprocessing-types';
import { isMissingNumber } from '../data/missing-markers';
import { columnIndex, describeRow, isMissingCell, type RawTable } from '../data/raw-table';

/** Rows named in a note before "and N more". */
const NAMED_ROWS = 5;

/** The rows of a table whose model inputs the preprocessing fills in (applyPreprocessing). */
export interface FilledInputs {
  /** Rows with some input cells missing and some given: the missing ones take the training fill values. */
  readonly partlyFilled: number;
  /** Rows (0-based) with every input cell missing: nothing of the row reaches the model. */
  readonly empty: readonly number[];
}

/**
 * Counts the rows whose input cells are missing, over the columns the model reads (the target
 * and other columns do not count). Columns the table lacks are skipped: applyPreprocessing
 * refuses such a table before predictions are made.
 */
export function filledInputs(pipeline: PreprocessingPipeline, table: RawTable): FilledInputs {
  // In a column the model reads as a number, a missing-value word is filled too (cellNumber).
  const read = pipeline.steps
    .map((step) => ({ c: columnIndex(table, step.column), isMissing: step.kind === 'numeric' ? isMissingNumber : isMissingCell }))
    .filter((step) => step.c >= 0);
  const columns = read.map((step) => step.c);
  let partlyFilled = 0;
  const empty: number[] = [];
  if (columns.length === 0) return { partlyFilled, empty };
  // A numeric column's value that is not NaN is present (RawTable.numericColumn): no cell text is
  // made for it, which matters on files of a million rows.
  const numbers = columns.map((c) => table.numericColumn?.(c) ?? null);
  for (let r = 0; r < table.rowCount; r++) {
    let missing = 0;
    for (let q = 0; q < columns.length; q++) {
      const known = numbers[q]?.[r];
      if (known !== undefined && known === known) continue;
      if (read[q]!.isMissing(table.cell(r, columns[q]!))) missing++;
    }
    if (missing === columns.length) empty.push(r);
    else if (missing > 0) partlyFilled++;
  }
  return { partlyFilled, empty };
}

/**
 * What the predictions of these rows rest on, in words, for the notes beside a predictions file:
 * filled cells are normal (as in training), but a row with no input at all gets the model's
 * output for the fill values alone, which is not a prediction about that row. Empty when
 * nothing was filled.
 */
export function filledInputNotes(pipeline: PreprocessingPipeline, table: RawTable): string[] {
  const { partlyFilled, empty } = filledInputs(pipeline, table);
  const notes: string[] = [];
  if (partlyFilled > 0) {
    notes.push(`${rowsWord(partlyFilled)} had missing input cells; they were filled as in training (${fillWords(pipeline)}).`);
  }
  if (empty.length > 0) {
    const named = empty.slice(0, NAMED_ROWS).map((r) => describeRow(table, r));
    const more = empty.length > NAMED_ROWS ? ` and ${empty.length - NAMED_ROWS} more` : '';
    notes.push(
      `${rowsWord(empty.length)} (${named.join(', ')}${more}) ${empty.length === 1 ? 'has' : 'have'} no value in any input column: ` +
        `${empty.length === 1 ? 'its prediction is' : 'their predictions are'} the model's output for the fill values alone, not a prediction about ${empty.length === 1 ? 'that row' : 'those rows'}.`,
    );
  }
  return notes;
}

/** How the model's input columns fill a missing cell, naming only the kinds of column it has. */
function fillWords(pipeline: PreprocessingPipeline): string {
  const words: string[] = [];
  if (pipeline.steps.some((step) => step.kind === 'numeric')) words.push(`numbers with the training ${pipeline.imputation === 'median' ? 'median' : 'mean'}`);
  if (pipeline.steps.some((step) => step.kind === 'one-hot')) words.push('categories with the most frequent one');
  return words.join(', ');
}

function rowsWord(count: number): string {
  return count === 1 ? '1 row' : `${count.toLocaleString('en-US')} rows`;
}
