/**
 * A table as read from a file, before any interpretation: every cell is the trimmed text of the
 * file, and the empty string '' means "missing". `cell(r, c)` is the text of row r in
 * `columns[c]`, for 0 <= r < rowCount. `lines[r]`, when present, is the 1-based line of the file
 * on which row r starts (for error messages).
 *
 * How the cells are held is up to the implementation: small and built-in tables keep rows of
 * strings (rowTable); the delimited-text reader keeps columns, numbers in typed arrays
 * (columnar-table.ts), so a million-row file costs about 9 bytes per numeric cell, not a string.
 */
export interface RawTable {
  readonly columns: string[];
  readonly rowCount: number;
  readonly lines?: ArrayLike<number>;
  cell(r: number, c: number): string;
  /**
   * Optional fast path for readers that want numbers: the values of column c, one per row, where
   * a value that is not NaN equals parseNumericCell(cell(r, c)); NaN means "read cell(r, c)" (a
   * missing cell, or text the table keeps as text). Null (or absent) when column c is held as text.
   */
  numericColumn?(c: number): Float64Array | null;
  /**
   * Optional, for tables that hold columns as numbers: the text cells of column c by row (cells
   * that are neither numbers nor missing) and how many cells are numbers, without copying the
   * column. Null when column c is held as text.
   */
  textCells?(c: number): { readonly texts: ReadonlyMap<number, string>; readonly numbers: number } | null;
  /**
   * How the table is held, for sending it to a worker thread (table-form.ts); absent for views and
   * tables made some other way, which are sent as copies of their cells.
   */
  readonly form?: TableForm;
}

import type { TableForm } from './table-form';

/** The cell text that stands for a missing value. */
export const MISSING_CELL = '';

export function isMissingCell(cell: string): boolean {
  return cell === MISSING_CELL;
}

/** A table over rows of cell texts (`rows[r][c]`; every row has `columns.length` cells). */
export function rowTable(columns: string[], rows: readonly (readonly string[])[], lines?: ArrayLike<number>): RawTable {
  const table: RawTable = {
    columns,
    rowCount: rows.length,
    cell: (r, c) => rows[r]![c]!,
    form: { kind: 'rows', columns, rows, lines: lines ?? null },
  };
  return lines === undefined ? table : { ...table, lines };
}

/** Row r's cells, in column order (a copy). */
export function tableRow(table: RawTable, r: number): string[] {
  const row = new Array<string>(table.columns.length);
  for (let c = 0; c < row.length; c++) row[c] = table.cell(r, c);
  return row;
}

/** Every row's cells (copies): for small tables only, such as previews and built-in data. */
export function tableRows(table: RawTable): string[][] {
  return Array.from({ length: table.rowCount }, (_, r) => tableRow(table, r));
}

/** Index of a column by exact name, or -1. */
export function columnIndex(table: RawTable, name: string): number {
  return table.columns.indexOf(name);
}

/** The 1-based file line of row r when known, else a data-row description ("data row 3"). */
export function describeRow(table: RawTable, r: number): string {
  const line = table.lines?.[r];
  return line === undefined ? `data row ${r + 1}` : `line ${line}`;
}

/**
 * The rows picked by index (in the given order), keeping their file lines: a view on the table
 * (no cell is copied), so splitting a large table costs one index per row.
 */
export function selectTableRows(table: RawTable, indices: ArrayLike<number>): RawTable {
  const picked = Int32Array.from(indices as ArrayLike<number>);
  const view: RawTable = {
    columns: table.columns,
    rowCount: picked.length,
    cell: (r, c) => table.cell(picked[r]!, c),
    numericColumn: (c) => {
      const all = table.numericColumn?.(c) ?? null;
      if (all === null) return null;
      const values = new Float64Array(picked.length);
      for (let r = 0; r < picked.length; r++) values[r] = all[picked[r]!]!;
      return values;
    },
  };
  const lines = table.lines;
  if (lines === undefined) return view;
  const pickedLines = new Int32Array(picked.length);
  for (let r = 0; r < picked.length; r++) pickedLines[r] = lines[picked[r]!]!;
  return { ...view, lines: pickedLines };
}
