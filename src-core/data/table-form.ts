import { columnarTable } from './columnar-table';
import { markedTable } from './missing-markers';
import type { RawTable } from './raw-table';
import { rowTable, tableRows } from './raw-table';

/**
 * How a table is held, as plain data a worker thread can receive (structured clone): the table
 * rebuilt from it (tableFromForm) gives back every cell, typed column and file line of the
 * original, so work on it in another thread has the same result. The arrays are the table's
 * own, not copies; a columnar table's number chunks are shared memory (columnar-table.ts), so
 * sending them copies nothing.
 */
export type TableForm = ColumnarTableForm | RowTableForm | MarkedTableForm;

/** A table read by ColumnarTableBuilder (delimited text, generated data). */
export interface ColumnarTableForm {
  readonly kind: 'columnar';
  readonly columns: readonly string[];
  readonly rowCount: number;
  /** File line of each row, or null when the rows have none (generated data). */
  readonly lines: Int32Array | null;
  readonly data: readonly ColumnForm[];
}

export type ColumnForm = NumberColumnForm | StringColumnForm;

/** A column held as numbers: chunks of values and format codes, and its few text cells. */
export interface NumberColumnForm {
  readonly kind: 'numbers';
  readonly values: readonly Float64Array[];
  /** Per-cell format codes, or null while every cell shares `sharedCode`. */
  readonly codes: readonly Uint8Array[] | null;
  readonly sharedCode: number;
  readonly texts: ReadonlyMap<number, string>;
  readonly numbers: number;
}

/** A column held as its cell texts. */
export interface StringColumnForm {
  readonly kind: 'strings';
  readonly cells: readonly string[];
}

/** A table over rows of cell texts (rowTable). */
export interface RowTableForm {
  readonly kind: 'rows';
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly lines: ArrayLike<number> | null;
}

/** A table whose marked columns read missing-value words as missing cells (withMissingMarkers). */
export interface MarkedTableForm {
  readonly kind: 'marked';
  readonly table: TableForm;
  readonly marked: readonly boolean[];
}

/** The table's form; a table made some other way is copied into a row table's form. */
export function tableForm(table: RawTable): TableForm {
  return table.form ?? { kind: 'rows', columns: table.columns, rows: tableRows(table), lines: table.lines ?? null };
}

/** The table a form describes (made with the same constructor as the original). */
export function tableFromForm(form: TableForm): RawTable {
  switch (form.kind) {
    case 'columnar':
      return columnarTable(form);
    case 'rows':
      return rowTable([...form.columns], form.rows, form.lines ?? undefined);
    case 'marked':
      return markedTable(tableFromForm(form.table), form.marked);
  }
}
