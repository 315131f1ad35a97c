import { ConvexNetError } from '../../errors';
import type { TextPieces } from '../parse-delimited';
import { createDelimitedReader } from '../parse-delimited';
import type { RawTable } from '../raw-table';
import type { EncodingChoice, TextEncoding } from './decode-text';
import { asByteSource, type ByteSource } from './byte-source';
import { decodeTextChunks } from './decode-text';
import type { DecimalSeparator, Delimiter, DelimitedDialect } from './delimited-dialect';
import { detectDialect } from './delimited-dialect';
import { parseArff } from './parse-arff';
import { parseJsonRecords } from './parse-json-records';
import { parseLibsvm } from './parse-libsvm';
import { withMissingMarkers } from '../missing-markers';

/** File formats the app reads. XLSX is read in the main process (its reader is not pure). */
export type TableFormat = 'csv' | 'tsv' | 'arff' | 'libsvm' | 'json' | 'xlsx';
export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'tsv', 'arff', 'libsvm', 'json', 'xlsx'];

/** Reading choices; every one is detected when absent ('auto'). */
export interface ReadTableOptions {
  readonly format?: TableFormat | 'auto';
  readonly encoding?: EncodingChoice;
  readonly delimiter?: Delimiter | 'auto';
  readonly decimal?: DecimalSeparator | 'auto';
  readonly header?: boolean | 'auto';
  /** XLSX: sheet name (default: the first sheet). */
  readonly sheet?: string;
  /**
   * CSV/TSV and XLSX: keep data rows whose cells are all empty as rows of missing values (see
   * ParseDelimitedOptions.keepEmptyRows). Predictions read their data so: one output row per
   * data row, so the predictions line up with the file's rows.
   */
  readonly keepEmptyRows?: boolean;
}

/** What was detected or chosen, shown to the user so a wrong guess can be overridden. */
export interface ReadTableDetails {
  readonly format: TableFormat;
  readonly encoding: TextEncoding | null;
  readonly dialect: DelimitedDialect | null;
  readonly sheet: string | null;
  readonly sheets: readonly string[];
}

export interface ReadTableResult {
  readonly table: RawTable;
  readonly details: ReadTableDetails;
}

const EXTENSION_FORMATS: Readonly<Record<string, TableFormat>> = {
  csv: 'csv',
  txt: 'csv',
  data: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  arff: 'arff',
  libsvm: 'libsvm',
  svm: 'libsvm',
  svmlight: 'libsvm',
  json: 'json',
  xlsx: 'xlsx',
};

/** The format named by a file's extension, or null for an unknown one. */
export function formatFromFileName(fileName: string): TableFormat | null {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? null : (EXTENSION_FORMATS[fileName.slice(dot + 1).toLowerCase()] ?? null);
}

/** An XLSX (zip) file starts with the zip signature "PK\x03\x04". */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The format of decoded text from its content: JSON array, ARFF header, LIBSVM lines, else delimited. */
export function sniffTextFormat(text: string): TableFormat {
  const start = text.slice(0, 4096);
  const firstLine = start.split(/\r\n?|\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('%')) ?? '';
  if (/^\s*\[/.test(start)) return 'json';
  if (/^\s*@relation\b/i.test(firstLine)) return 'arff';
  if (/^\s*[+-]?\d+(\.\d+)?(\s+\d+:\S+)+\s*$/.test(firstLine)) return 'libsvm';
  return 'csv';
}

/** A read in progress: step until done, then finish (see createDelimitedReader). */
export interface TableRead {
  readonly details: ReadTableDetails;
  /** Reads about `budget` more characters; true once done. */
  step(budget: number): boolean;
  /** 0..1. */
  readonly progress: number;
  finish(): RawTable;
}

/**
 * Reads a text-based data file (every format but XLSX) from its bytes: decodes them (encoding
 * detected unless chosen), picks the format (chosen, else by extension, else by content) and
 * parses. Every failure is a ConvexNetError naming the file (and line/column where it applies).
 */
export function readTextTable(bytes: Uint8Array | ByteSource, fileName: string, options: ReadTableOptions = {}): ReadTableResult {
  const read = openTextTable(bytes, fileName, options);
  while (!read.step(Number.POSITIVE_INFINITY));
  return { table: read.finish(), details: read.details };
}

/**
 * readTextTable in steps: delimited text is parsed a slice at a time; other formats in the first
 * step. From a ByteSource the bytes are read a piece at a time as the parse goes.
 */
export function openTextTable(input: Uint8Array | ByteSource, fileName: string, options: ReadTableOptions = {}): TableRead {
  const bytes = asByteSource(input);
  if (bytes.length === 0) throw new ConvexNetError('data/empty-file', `${fileName} is empty (0 bytes): expected a header row and at least one data row.`);
  const chosen = options.format && options.format !== 'auto' ? options.format : formatFromFileName(fileName);
  if (chosen === 'xlsx' || (chosen === null && looksLikeZip(bytes.read(0, 4)))) {
    throw new ConvexNetError('data/xlsx-needs-reader', `${fileName} is an XLSX spreadsheet; it is read by the app or the convexnet command, not by this reader.`);
  }
  // The text is decoded a piece at a time: delimited text is parsed piece by piece, so a large
  // file's whole text never sits in memory beside its bytes and the table.
  const chunks = decodeTextChunks(bytes, options.encoding ?? 'auto', fileName);
  const { encoding } = chunks;
  const first = chunks.next() ?? '';
  const format = chosen ?? sniffTextFormat(first);
  const base = { format, encoding, sheet: null, sheets: [] };
  if (format === 'arff' || format === 'libsvm' || format === 'json') {
    const parse = format === 'arff' ? parseArff : format === 'libsvm' ? parseLibsvm : parseJsonRecords;
    return wholeRead({ ...base, dialect: null }, () => withMissingMarkers(parse(restOfText(first, chunks), fileName)).table);
  }
  // The dialect is detected on the start of the text (the first 64K characters, which the first
  // piece holds), or on all of it when it is shorter.
  const dialect = detectDialect(first, {
    ...(options.delimiter && options.delimiter !== 'auto' ? { delimiter: options.delimiter } : format === 'tsv' ? { delimiter: '\t' as const } : {}),
    ...(options.decimal && options.decimal !== 'auto' ? { decimal: options.decimal } : {}),
    ...(typeof options.header === 'boolean' ? { header: options.header } : {}),
  });
  const reader = createDelimitedReader(startingWith(first, chunks), { sourceName: fileName, ...dialect, ...(options.keepEmptyRows ? { keepEmptyRows: true } : {}) });
  return {
    details: { ...base, dialect },
    step: (budget) => reader.step(budget),
    get progress() {
      return reader.progress;
    },
    finish: () => withMissingMarkers(reader.finish()).table,
  };
}

/** The whole text: the first piece and every piece after it. */
function restOfText(first: string, chunks: TextPieces): string {
  const parts = [first];
  for (let piece = chunks.next(); piece !== null; piece = chunks.next()) parts.push(piece);
  return parts.join('');
}

/** The pieces again, the first one (already taken) included. */
function startingWith(first: string, chunks: TextPieces): TextPieces {
  let firstGiven = false;
  return {
    next: () => {
      if (firstGiven) return chunks.next();
      firstGiven = true;
      return first;
    },
    get progress() {
      return chunks.progress;
    },
  };
}

function wholeRead(details: ReadTableDetails, parse: () => RawTable): TableRead {
  let table: RawTable | null = null;
  return {
    details,
    step: () => {
      table ??= parse();
      return true;
    },
    get progress() {
      return table ? 1 : 0;
    },
    finish: () => {
      if (!table) throw new Error('openTextTable: finish() called before step()');
      return table;
    },
  };
}
