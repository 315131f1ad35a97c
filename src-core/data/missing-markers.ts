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
  const cell = (r: number, c: number): string => {
    const text = table.cell(r, c);
    return marked[c] && isMissingMarker(text) ? MISSING_CELL : text;
  };
  // The typed numbers stay valid: a marker cell is NaN there (not a number), so it is read as text.
  const numericColumn = table.numericColumn ? (c: number): Float64Array | null => table.numericColumn!(c) : undefined;
  const wrapped: RawTable = {
    columns: table.columns,
    rowCount: table.rowCount,
    cell,
    ...(table.lines !== undefined ? { lines: table.lines } : {}),
    ...(numericColumn ? { numericColumn } : {}),
    // No textCells: in a marked column they would have to be rewritten too; readers fall back to cell().
  };
  return { table: wrapped, markedColumns: table.columns.filter((_, c) => marked[c]) };
}

function isNumberColumnWithMarkers(table: RawTable, c: number): boolean {
  const held = table.textCells?.(c) ?? null;
  if (held !== null) {
    // Held as numbers: only these few cells are text (no copy of a million values).
    // (A text cell can still read as a number: "1e3", "+2." are kept as text to give them back exactly.)
    let sawMarker = false;
    let sawNumber = held.numbers > 0;
    for (const text of held.texts.values()) {
      if (isMissingMarker(text)) sawMarker = true;
      else if (parseNumericCell(text) !== null) sawNumber = true;
      else return false;
    }
    return sawMarker && sawNumber;
  }
  const numbers = table.numericColumn?.(c) ?? null;
  let sawNumber = false;
  let sawMarker = false;
  for (let r = 0; r < table.rowCount; r++) {
    const known = numbers === null ? Number.NaN : numbers[r]!;
    if (known === known) {
      sawNumber = true;
      continue;
    }
    const text = table.cell(r, c);
    if (isMissingCell(text)) continue;
    if (isMissingMarker(text)) sawMarker = true;
    else if (parseNumericCell(text) !== null) sawNumber = true;
    else return false;
  }
  return sawNumber && sawMarker;
}
