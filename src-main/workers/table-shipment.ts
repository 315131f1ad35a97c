import type { ColumnForm, TableForm } from '../../src-core/data/table-form';

/**
 * Cells per piece of a table's bulky arrays when they travel apart, either way: copying 65,536
 * short strings into a message (or reading them out of one) takes ~10 ms.
 */
export const PIECE_CELLS = 1 << 16;

/** How many items of a bulky array make a piece of PIECE_CELLS cells (a row table's items are rows: their cells count). */
export function itemsPerPiece(items: readonly unknown[]): number {
  const first = items[0];
  return Math.max(1, Math.floor(PIECE_CELLS / (Array.isArray(first) ? Math.max(1, first.length) : 1)));
}

/**
 * A table's form split for sending (data-protocol.ts): the skeleton is the form with its bulky
 * arrays emptied (a string column's cells, a row table's rows), `bulk` those arrays in the order
 * joinForm puts them back. Copying a million strings into a message takes a few hundred
 * milliseconds; sent in pieces, no single message does.
 */
export function splitForm(form: TableForm): { skeleton: TableForm; bulk: (readonly unknown[])[] } {
  const bulk: (readonly unknown[])[] = [];
  return { skeleton: mapBulk(form, (array) => (bulk.push(array), [])), bulk };
}

/** The form again, from its skeleton and the bulk arrays (see splitForm). */
export function joinForm(skeleton: TableForm, bulk: readonly (readonly unknown[])[]): TableForm {
  let next = 0;
  return mapBulk(skeleton, () => bulk[next++]!);
}

function mapBulk(form: TableForm, swap: (array: readonly unknown[]) => readonly unknown[]): TableForm {
  switch (form.kind) {
    case 'columnar':
      return { ...form, data: form.data.map((column): ColumnForm => (column.kind === 'strings' ? { kind: 'strings', cells: swap(column.cells) as readonly string[] } : column)) };
    case 'rows':
      return { ...form, rows: swap(form.rows) as readonly (readonly string[])[] };
    case 'marked':
      return { ...form, table: mapBulk(form.table, swap) };
  }
}

/**
 * A column of strings as codes into its distinct values, worked through `slice` cells at a time
 * (the generator yields between slices, so the sender's event loop can run); null when it has
 * more distinct values than a dictionary saves (an id or free-text column), which then goes as
 * its strings. Copying a million strings into messages took the main thread ~1 s; their codes
 * are one typed array.
 */
export function* encodeStrings(cells: readonly string[], slice: number): Generator<void, { codes: Int32Array<ArrayBuffer>; dictionary: string[] } | null> {
  const limit = Math.max(256, Math.floor(cells.length / 8));
  const indexOf = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(cells.length);
  for (let start = 0; start < cells.length; start += slice) {
    const end = Math.min(cells.length, start + slice);
    for (let r = start; r < end; r++) {
      const cell = cells[r]!;
      let code = indexOf.get(cell);
      if (code === undefined) {
        if (dictionary.length >= limit) return null;
        code = dictionary.length;
        dictionary.push(cell);
        indexOf.set(cell, code);
      }
      codes[r] = code;
    }
    if (end < cells.length) yield;
  }
  return { codes, dictionary };
}

/** The strings again (see encodeStrings). */
export function decodeStrings(codes: Int32Array, dictionary: readonly string[]): string[] {
  const cells = new Array<string>(codes.length);
  for (let r = 0; r < codes.length; r++) cells[r] = dictionary[codes[r]!]!;
  return cells;
}

/** One bulk array of a packed form: a string column's codes (see encodeStrings), or the array itself. */
export type PackedBulk = { readonly codes: Int32Array; readonly dictionary: readonly string[] } | readonly unknown[];

/** A table's form in one message (see packForm). */
export interface PackedForm {
  readonly skeleton: TableForm;
  readonly bulk: readonly PackedBulk[];
}

/**
 * A table's form in one message from a worker thread: a string column of few distinct values
 * goes as codes, whose buffers `transfer` lists, so the receiving thread reads a typed array
 * instead of a million strings; the numbers are shared memory already (table-form.ts).
 */
export function packForm(form: TableForm): { packed: PackedForm; transfer: ArrayBuffer[] } {
  const { skeleton, bulk } = splitForm(form);
  const transfer: ArrayBuffer[] = [];
  const packed = bulk.map((items): PackedBulk => {
    if (typeof items[0] !== 'string') return items;
    const encoding = encodeStrings(items as readonly string[], Number.MAX_SAFE_INTEGER).next();
    if (!encoding.done || encoding.value === null) return items;
    transfer.push(encoding.value.codes.buffer);
    return encoding.value;
  });
  return { packed: { skeleton, bulk: packed }, transfer };
}

/** The form again (see packForm). */
export function unpackForm(packed: PackedForm): TableForm {
  return joinForm(
    packed.skeleton,
    packed.bulk.map((items) => ('codes' in items ? decodeStrings(items.codes, items.dictionary) : items)),
  );
}
