import { parseNumericCell } from './numeric-text';
import { isMissingCell, MISSING_CELL, type RawTable } from './raw-table';

/**
 * Words that files use for a missing value: R writes NA, spreadsheets #N/A or N/A, databases
 * NULL, Python None, SAS a dot, many UCI files a question mark, some a dash. Case is ignored.
 * (Non-finite numbers, "NaN" and "inf", stay refused with their own message: numeric-text.ts.)
 */
const MISSING_MARKER = /^(?:na|n\/a|#n\/a|null|none|nil|\?|-|\.)$/i;

export function isMissingMarker(cell: string): boolean {
  return MISSING_MARKER.test(cell);
}

/**
 * A missing cell of a column read as a number: empty, or a missing-value word, even where the
 * column's other cells do not show it is numeric (new rows for a model's numeric input).
 */
export function isMissingNumber(cell: string): boolean {
  return isMissingCell(cell) || isMissingMarker(cell);
}

/**
 * The table with the missing-value words of its number columns read as missing cells (''): a
 * column whose cells are all numbers, empty or such words, with at least one number and one
 * word. Elsewhere the words stay text, because there they can be values: "NA" is North America
 * in a region column, "-" a category. Without this an R export's numeric column with a few NA
 * cells became a text column, one-hot encoded value by value (silently below the category cap).
 * `markedColumns` names the columns changed (empty: the same table is returned).
 */
export function withMissingMarkers(table: RawTable): { table: RawTable; markedColumns: string[] } {
  const marked = table.columns.map((_, c) => isNumberColumnWithMarkers(table, c));
  if (!marked.some(Boolean)) return { table, markedColumns: [] };
  return { table: markedTable(table, marked), markedColumns: table.columns.filter((_, c) => marked[c]) };
}

/** The table with the missing-value words of the marked columns read as missing cells (see withMissingMarkers). */
export function markedTable(table: RawTable, marked: readonly boolean[]): RawTable {
  const cell = (r: number, c: number): string => {
    const text = table.cell(r, c);
    return marked[c] && isMissingMarker(text) ? MISSING_CELL : text;
  };
  // The typed numbers stay valid: a marker cell is NaN there (not a number), so it is read as text.
  const numericColumn = table.numericColumn ? (c: number): Float64Array | null => table.numericColumn!(c) : undefined;
  return {
    columns: table.columns,
    rowCount: table.rowCount,
    cell,
    ...(table.lines !== undefined ? { lines: table.lines } : {}),
    ...(numericColumn ? { numericColumn } : {}),
    // No textCells: in a marked column they would have to be rewritten too; readers fall back to cell().
    ...(table.form ? { form: { kind: 'marked', table: table.form, marked } } : {}),
  };
}

function isNumberColumnWithMarkers(table: RawTable, c: number): boolean {
  // Held as numbers: only its few text cells need reading (no copy of a million values).
  const held = table.textCells?.(c) ?? null;
  return held !== null ? numbersAndMarkers(held.texts.values(), held.numbers > 0) : numbersAndMarkers(cellsOf(table, c), false);
}

/**
 * Whether cell texts (with `sawNumber` for numbers seen elsewhere) hold numbers and missing-value
 * words and nothing else; empty cells are skipped. A text can still read as a number: the
 * columnar reader keeps "1e3" or "+2." as text, to give them back exactly.
 */
function numbersAndMarkers(texts: Iterable<string>, sawNumber: boolean): boolean {
  let sawMarker = false;
  for (const text of texts) {
    if (isMissingCell(text)) continue;
    if (isMissingMarker(text)) sawMarker = true;
    else if (parseNumericCell(text) !== null) sawNumber = true;
    else return false;
  }
  return sawMarker && sawNumber;
}

function* cellsOf(table: RawTable, c: number): Generator<string> {
  for (let r = 0; r < table.rowCount; r++) yield table.cell(r, c);
}
