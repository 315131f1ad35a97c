import { decodeNumberText, MISSING_CODE, NumberTextEncoder, TEXT_CODE } from './number-text-code';
import type { RawTable } from './raw-table';
import type { ColumnarTableForm, ColumnForm, NumberColumnForm } from './table-form';

/**
 * A RawTable held by column, built one row at a time (the delimited-text reader appends every
 * record as it reads it). A column starts as numbers: a Float64Array and a format code per cell
 * (number-text-code.ts: the text given back exactly; 9 bytes a cell, or 8 while every cell of the
 * column has the same format, e.g. six decimals), with the few cells that are
 * not numbers in round-trip form kept as text beside them. When those exceed a few percent of
 * the column, it becomes a column of strings. Storage grows in fixed chunks of rows, so appending
 * never copies what was already read. The chunks are shared memory where the runtime has it, so
 * the table reaches a worker thread without a copy of its numbers (table-form.ts).
 */
const CHUNK_BITS = 16;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;
/** A numeric column keeps at most this many text cells... */
const MIN_TEXT_CELLS = 64;
/** ...or this share of its cells, whichever is larger, before it turns into a column of strings. */
const MAX_TEXT_SHARE = 0.02;

/** Storage of `bytes` bytes: a SharedArrayBuffer where the runtime has one (Node does; a browser page only when cross-origin isolated). */
function chunkBuffer(bytes: number): ArrayBufferLike {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

class NumberColumn {
  readonly values: Float64Array[];
  /**
   * The format code of every cell so far while they all share one (a column written with a
   * fixed number of decimals: no code array is needed), else -1 and the codes are in `codes`.
   */
  private sharedCode: number;
  private codes: Uint8Array[] | null;
  readonly texts: Map<number, string>;
  /** Cells that are numbers (neither text nor missing). */
  numbers: number;

  /** An empty column, or the column a form describes (its arrays are used, not copied). */
  constructor(form?: NumberColumnForm) {
    this.values = form ? [...form.values] : [];
    this.sharedCode = form ? form.sharedCode : -1;
    this.codes = form?.codes ? [...form.codes] : null;
    this.texts = form ? (form.texts instanceof Map ? form.texts : new Map(form.texts)) : new Map();
    this.numbers = form ? form.numbers : 0;
  }

  /** Its storage as a form (the arrays themselves, not copies). */
  form(): NumberColumnForm {
    return { kind: 'numbers', values: this.values, codes: this.codes, sharedCode: this.sharedCode, texts: this.texts, numbers: this.numbers };
  }

  /** False when the column has too many text cells and should be held as strings. */
  push(r: number, text: string, encoder: NumberTextEncoder): boolean {
    const chunk = r >>> CHUNK_BITS;
    if (chunk === this.values.length) {
      this.values.push(new Float64Array(chunkBuffer(CHUNK_ROWS * Float64Array.BYTES_PER_ELEMENT)));
      this.codes?.push(new Uint8Array(chunkBuffer(CHUNK_ROWS)));
    }
    const code = encoder.encode(text);
    const at = r & CHUNK_MASK;
    this.values[chunk]![at] = encoder.value;
    if (r === 0) this.sharedCode = code;
    else if (code !== this.sharedCode && this.codes === null) this.splitCodes();
    if (this.codes !== null) this.codes[chunk]![at] = code;
    if (code !== TEXT_CODE) {
      if (code !== MISSING_CODE) this.numbers++;
      return true;
    }
    this.texts.set(r, text);
    return this.texts.size <= MIN_TEXT_CELLS || this.texts.size <= MAX_TEXT_SHARE * (r + 1);
  }

  /** Gives every cell so far its own code (the shared one), from now on written per cell. */
  private splitCodes(): void {
    this.codes = this.values.map(() => new Uint8Array(chunkBuffer(CHUNK_ROWS)).fill(this.sharedCode));
    this.sharedCode = -1;
  }

  cell(r: number): string {
    const code = this.codes === null ? this.sharedCode : this.codes[r >>> CHUNK_BITS]![r & CHUNK_MASK]!;
    if (code === TEXT_CODE) return this.texts.get(r)!;
    return decodeNumberText(this.values[r >>> CHUNK_BITS]![r & CHUNK_MASK]!, code);
  }

  /** The values of rows 0..rowCount-1 in one array (NaN for missing and text cells). */
  gather(rowCount: number): Float64Array {
    const out = new Float64Array(rowCount);
    for (let k = 0; k * CHUNK_ROWS < rowCount; k++) {
      out.set(this.values[k]!.subarray(0, Math.min(CHUNK_ROWS, rowCount - k * CHUNK_ROWS)), k * CHUNK_ROWS);
    }
    return out;
  }

  /** The texts of rows 0..rowCount-1. */
  toStrings(rowCount: number): string[] {
    const out = new Array<string>(rowCount);
    for (let r = 0; r < rowCount; r++) out[r] = this.cell(r);
    return out;
  }
}

type Column = NumberColumn | string[];

/** Appends rows to a columnar table; finish() gives the RawTable. */
export class ColumnarTableBuilder {
  private readonly data: Column[];
  /** File line of each row (capacity doubles; 4 bytes a row). */
  private lines = new Int32Array(1024);
  private readonly encoder = new NumberTextEncoder();
  private count = 0;

  constructor(private readonly columns: string[]) {
    this.data = columns.map(() => new NumberColumn());
  }

  get rowCount(): number {
    return this.count;
  }

  /** Appends one row: cells[c] for every column (cells may be longer; the rest is ignored). */
  append(cells: readonly string[], line: number): void {
    const r = this.count;
    for (let c = 0; c < this.data.length; c++) {
      const column = this.data[c]!;
      const text = cells[c]!;
      if (Array.isArray(column)) column.push(text);
      else if (!column.push(r, text, this.encoder)) {
        const strings = column.toStrings(r + 1);
        this.data[c] = strings;
      }
    }
    if (r === this.lines.length) {
      const grown = new Int32Array(2 * r);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[r] = line;
    this.count++;
  }

  /** The table read so far; `keepLines` false leaves out the file lines (generated rows have none). */
  finish(keepLines = true): RawTable {
    return columnarTable({
      kind: 'columnar',
      columns: this.columns,
      rowCount: this.count,
      lines: keepLines ? this.lines.subarray(0, this.count) : null,
      data: this.data.map((column): ColumnForm => (Array.isArray(column) ? { kind: 'strings', cells: column } : column.form())),
    });
  }
}

/** The table a columnar form describes (ColumnarTableBuilder.finish, or a form sent from another thread). */
export function columnarTable(form: ColumnarTableForm): RawTable {
  const data: Column[] = form.data.map((column) => (column.kind === 'strings' ? (column.cells as string[]) : new NumberColumn(column)));
  const rowCount = form.rowCount;
  const table: RawTable = {
    columns: [...form.columns],
    rowCount,
    cell: (r, c) => {
      const column = data[c]!;
      return Array.isArray(column) ? column[r]! : column.cell(r);
    },
    numericColumn: (c) => {
      const column = data[c]!;
      return Array.isArray(column) ? null : column.gather(rowCount);
    },
    textCells: (c) => {
      const column = data[c]!;
      return Array.isArray(column) ? null : { texts: column.texts, numbers: column.numbers };
    },
    form,
  };
  return form.lines === null ? table : { ...table, lines: form.lines };
}
