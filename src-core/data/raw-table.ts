/**
 * A table as read from a file, before any interpretation: every cell is the trimmed text of the
 * file, and the empty string '' means "missing". `rows[r][c]` belongs to `columns[c]`; every row
 * has exactly `columns.length` cells. `lines[r]`, when present, is the 1-based line of the file on
 * which row r starts (for error messages).
 */
export interface RawTable {
  readonly columns: string[];
  readonly rows: string[][];
  readonly lines?: number[];
}

/** The cell text that stands for a missing value. */
export const MISSING_CELL = '';

export function isMissingCell(cell: string): boolean {
  return cell === MISSING_CELL;
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

/** The rows picked by index (in the given order), keeping their file lines. */
export function selectTableRows(table: RawTable, indices: ArrayLike<number>): RawTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let k = 0; k < indices.length; k++) {
    const r = indices[k]!;
    rows.push(table.rows[r]!);
    const line = table.lines?.[r];
    if (line !== undefined) lines.push(line);
  }
  return table.lines === undefined ? { columns: table.columns, rows } : { columns: table.columns, rows, lines };
}
