import Papa from 'papaparse';
import { ConvexNetError } from '../errors';
import type { RawTable } from './raw-table';

export interface ParseDelimitedOptions {
  /** Force a delimiter; by default it is detected among comma, tab, semicolon and pipe. */
  readonly delimiter?: ',' | '\t' | ';' | '|';
  /** Name used in error messages (e.g. the file name). */
  readonly sourceName?: string;
}

const DELIMITERS_TO_GUESS = [',', '\t', ';', '|'];

/**
 * Parses CSV/TSV text with a header row into a RawTable. Cells are trimmed (a quoted value written
 * after a space, `a, "b"`, is unquoted too, but only a field that starts with the quote may hold
 * the delimiter or a line break, as RFC 4180 says); blank lines and rows whose cells are all empty are
 * skipped; a leading byte-order mark is ignored; line endings may be \n, \r\n or \r. An empty
 * header cell is named `column_<k>` (1-based), as written by tools that save an unnamed index.
 *
 * Errors (ConvexNetError, each naming the line): data/empty-file, data/no-rows (header only),
 * data/duplicate-column, data/ragged-row, data/malformed-quotes.
 */
export function parseDelimited(text: string, options: ParseDelimitedOptions = {}): RawTable {
  const source = options.sourceName ?? 'the data';
  const normalized = stripByteOrderMark(text).replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') throw new ConvexNetError('data/empty-file', `${source} is empty: expected a header row and at least one data row.`);

  const records: { cells: string[]; line: number }[] = [];
  let scanned = 0;
  let newlinesBefore = 0;
  const failures: ConvexNetError[] = [];

  Papa.parse<string[]>(normalized, {
    delimiter: options.delimiter ?? '',
    delimitersToGuess: DELIMITERS_TO_GUESS,
    skipEmptyLines: true,
    step: (result, parser) => {
      // The record starts after the previous one's line break and any skipped blank lines.
      let start = scanned;
      while (start < normalized.length && normalized[start] === '\n') start++;
      newlinesBefore += countNewlines(normalized, scanned, start);
      const line = newlinesBefore + 1;
      const end = result.meta.cursor;
      newlinesBefore += countNewlines(normalized, start, end);
      scanned = end;

      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        failures.push(new ConvexNetError('data/malformed-quotes', `${source}, line ${line}: ${describeQuoteProblem(quoteError.code)}.`));
        parser.abort();
        return;
      }
      records.push({ cells: result.data.map(cleanCell), line });
    },
  });
  if (failures[0]) throw failures[0];

  const nonBlank = records.filter((r) => r.cells.some((c) => c !== ''));
  const header = nonBlank[0];
  if (!header) throw new ConvexNetError('data/empty-file', `${source} is empty: expected a header row and at least one data row.`);
  const columns = header.cells.map((name, k) => (name === '' ? `column_${k + 1}` : name));
  assertUniqueColumns(columns, header.line, source);

  const body = nonBlank.slice(1);
  if (body.length === 0) throw new ConvexNetError('data/no-rows', `${source} has a header row (line ${header.line}) but no data rows.`);
  for (const record of body) {
    if (record.cells.length !== columns.length) {
      throw new ConvexNetError(
        'data/ragged-row',
        `${source}, line ${record.line}: found ${record.cells.length} fields, expected ${columns.length} (one per header column: ${preview(columns)}).`,
      );
    }
  }
  return { columns, rows: body.map((r) => r.cells), lines: body.map((r) => r.line) };
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** Trimmed cell; a value quoted after leading spaces (`a, "b"`) loses its quotes as well. */
function cleanCell(cell: string): string {
  const trimmed = cell.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') && cell !== trimmed) {
    return trimmed.slice(1, -1).replace(/""/g, '"').trim();
  }
  return trimmed;
}

function assertUniqueColumns(columns: readonly string[], line: number, source: string): void {
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) {
      throw new ConvexNetError('data/duplicate-column', `${source}, line ${line} (header): the column name "${name}" appears more than once; column names must be unique.`);
    }
    seen.add(name);
  }
}

function describeQuoteProblem(code: string): string {
  return code === 'MissingQuotes'
    ? 'a quoted field is never closed (a " is missing)'
    : 'a quoted field is malformed (text follows its closing "; write "" for a quote inside a quoted field)';
}

function preview(columns: readonly string[]): string {
  const shown = columns.slice(0, 8).join(', ');
  return columns.length > 8 ? `${shown}, ... (${columns.length} columns)` : shown;
}
