import { ConvexNetError } from '../errors';
import { detectDialect, normalizeDecimalComma } from './formats/delimited-dialect';
import { ColumnarTableBuilder } from './columnar-table';
import { removeNumberUnit, removeThousandsSeparators } from './numeric-text';
import type { RawTable } from './raw-table';

export interface ParseDelimitedOptions {
  /** Force a delimiter; by default it is detected among comma, tab, semicolon and pipe. */
  readonly delimiter?: ',' | '\t' | ';' | '|';
  /** Name used in error messages (e.g. the file name). */
  readonly sourceName?: string;
  /** Whether the first record holds the column names (default true); without, columns are column_1, column_2, ... */
  readonly header?: boolean;
  /**
   * With ',', cells such as "3,5" are read as 3.5 (written "3.5" in the table). With '.' (the
   * default) a comma inside a number can only group thousands: "1,234.5" (quoted in a comma
   * file) is read as 1234.5, written "1234.5" in the table (numeric-text.ts says which cells).
   */
  readonly decimal?: '.' | ',';
  /**
   * Keep data rows whose cells are all empty (e.g. ",,"), as rows of missing values; blank lines
   * are still skipped. For predictions, which owe one output row per data row. Default false.
   */
  readonly keepEmptyRows?: boolean;
}

/** Most columns a table may have. */
export const MAX_COLUMNS = 10_000;
/** Longest line accepted (characters): longer ones are almost surely not a table. */
export const MAX_LINE_CHARS = 4_000_000;

/** A parse that runs in steps, so a caller can report progress and cancel between them. */
export interface DelimitedReader {
  /** Reads about `budget` more characters; true once the whole text is read. */
  step(budget: number): boolean;
  /** Share of the text read so far, 0..1. */
  readonly progress: number;
  /** The table, once step returned true; throws the same errors as parseDelimited. */
  finish(): RawTable;
}

/**
 * Parses CSV/TSV text with a header row into a RawTable. Cells are trimmed; a field whose first
 * non-blank character is a double quote is quoted (RFC 4180): it may hold the delimiter, line
 * breaks and "" for a quote, and only blanks may follow its closing quote. Blank lines and rows
 * whose cells are all empty are skipped (the latter kept with keepEmptyRows); a leading
 * byte-order mark is ignored; line endings may be \n, \r\n or \r. An empty header cell is named
 * `column_<k>` (1-based), as written by tools that save an unnamed index.
 *
 * Errors (ConvexNetError, each naming the line): data/empty-file, data/no-rows (header only),
 * data/duplicate-column, data/ragged-row, data/malformed-quotes, data/too-many-columns,
 * data/line-too-long.
 */
export function parseDelimited(text: string, options: ParseDelimitedOptions = {}): RawTable {
  const reader = createDelimitedReader(text, options);
  while (!reader.step(Number.POSITIVE_INFINITY));
  return reader.finish();
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Text handed over a piece at a time (e.g. decoded from a file's bytes in turn). */
export interface TextPieces {
  /** The next piece of the text, or null once all of it was handed out. */
  next(): string | null;
  /** Share of the text handed out so far, 0..1. */
  readonly progress: number;
}

/** Thrown inside the parser when a record runs past the text read so far (not an error). */
const NEED_MORE_TEXT = Symbol('need more text');

/**
 * The stepwise parser behind parseDelimited (same rules and errors). The input may be the whole
 * text or the text in pieces: the parser then holds only the piece it reads (plus a record cut
 * by the piece's end, which it reads again once the next piece is joined to it), so the whole
 * text of a large file never has to exist as one string. Without a delimiter in the options the
 * first piece decides it (detectDialect looks at the first 64K characters only).
 */
export function createDelimitedReader(input: string | TextPieces, options: ParseDelimitedOptions = {}): DelimitedReader {
  const source = options.sourceName ?? 'the data';
  const pieces: TextPieces = typeof input === 'string' ? wholeText(input) : input;
  let text = pieces.next() ?? '';
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let n = text.length;
  /** The next piece, read ahead so it is known whether `text` runs to the end of the input. */
  let ahead = pieces.next();
  /** True once `text` runs to the end of the input. */
  let final = ahead === null;
  /** Characters of earlier pieces already read and dropped (for progress). */
  let dropped = 0;
  const delimiter = (options.delimiter ?? detectDialect(final ? text : text + (ahead ?? ''), { header: true, decimal: '.' }).delimiter).charCodeAt(0);
  const hasHeader = options.header ?? true;
  const decimalComma = options.decimal === ',';
  const keepEmptyRows = options.keepEmptyRows ?? false;

  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let recordLine = 1;
  /** The cells of the record being read (one array, reused for every record). */
  const cells: string[] = [];
  /** Cells of the current record written so far (cells may hold more, from earlier records). */
  let filled = 0;
  let columns: string[] | null = null;
  let headerLine = 0;
  /** The data rows, held by column (numbers in typed arrays) as they are read. */
  let table: ColumnarTableBuilder | null = null;
  let done = false;
  /** Where the record being read starts in `text`, and its line. */
  let recordStart = 0;
  let recordStartLine = 1;
  /** The last progress given (progress never goes back). */
  let reported = 0;

  const isBlank = (code: number): boolean => code === SPACE || (code === TAB && delimiter !== TAB);

  function newline(at: number): number {
    // Returns the position after the line break at `at` (\n, \r\n or \r) and counts the line.
    const next = text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
    checkLineLength(at);
    line++;
    lineStart = next;
    return next;
  }

  function checkLineLength(end: number): void {
    if (end - lineStart > MAX_LINE_CHARS) {
      throw new ConvexNetError(
        'data/line-too-long',
        `${source}, line ${line}: the line is ${(end - lineStart).toLocaleString('en-US')} characters long (at most ${MAX_LINE_CHARS.toLocaleString('en-US')}); this does not look like a table. Check the file type and its line breaks.`,
      );
    }
  }

  function readQuoted(open: number): string {
    let value = '';
    let from = open + 1;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close < 0 && !final) throw NEED_MORE_TEXT;
      if (close < 0) {
        throw new ConvexNetError('data/malformed-quotes', `${source}, line ${recordLine}: a quoted field is never closed (a " is missing).`);
      }
      countBreaks(from, close);
      value += text.slice(from, close);
      if (close + 1 >= n && !final) throw NEED_MORE_TEXT;
      if (text.charCodeAt(close + 1) === QUOTE) {
        value += '"';
        from = close + 2;
        continue;
      }
      pos = close + 1;
      while (pos < n && isBlank(text.charCodeAt(pos))) pos++;
      if (pos >= n && !final) throw NEED_MORE_TEXT;
      const next = pos < n ? text.charCodeAt(pos) : -1;
      if (next !== -1 && next !== delimiter && next !== LF && next !== CR) {
        throw new ConvexNetError(
          'data/malformed-quotes',
          `${source}, line ${line}: a quoted field is malformed (text follows its closing "; write "" for a quote inside a quoted field).`,
        );
      }
      return value.trim();
    }
  }

  /** Counts the line breaks inside a quoted field (they belong to the record, not new rows). */
  function countBreaks(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) {
        checkLineLength(i);
        line++;
        lineStart = i + 1;
      }
    }
  }

  function endRecord(): void {
    // The cells array is reused for every record: only its first `filled` entries are this record's.
    const width = filled;
    filled = 0;
    const startLine = recordLine;
    recordLine = line;
    let empty = true;
    for (let k = 0; k < width && empty; k++) if (cells[k] !== '') empty = false;
    // A blank line is one empty field; a kept empty row has the header's width (and more than
    // one column: with one, the two look the same).
    if (empty && !(keepEmptyRows && columns !== null && width === columns.length && width > 1)) return;
    if (width > MAX_COLUMNS) {
      throw new ConvexNetError(
        'data/too-many-columns',
        `${source}, line ${startLine}: ${width.toLocaleString('en-US')} fields; at most ${MAX_COLUMNS.toLocaleString('en-US')} columns are supported. Remove columns, or check the delimiter.`,
      );
    }
    if (columns === null) {
      headerLine = startLine;
      columns = cells.slice(0, width).map((name, k) => (name === '' || !hasHeader ? `column_${k + 1}` : name));
      assertUniqueColumns(columns, startLine, source);
      table = new ColumnarTableBuilder(columns);
      if (hasHeader) return;
    }
    if (width !== columns.length) {
      throw new ConvexNetError(
        'data/ragged-row',
        // What to do, too: most ragged lines are a value left out without its empty field, or a
        // delimiter guessed from a header that has none of the data's separators.
        `${source}, line ${startLine}: found ${width} fields, expected ${columns.length} (one per header column: ${preview(columns)}). ` +
          'Give that line one field per column (a missing value is an empty field between two delimiters), or set the delimiter if it was detected wrong.',
      );
    }
    // Prices and percentages ("$1,234.50", "12.5%") are numbers: their sign goes first, then the
    // separators are read as for any number.
    for (let k = 0; k < width; k++) cells[k] = removeNumberUnit(cells[k]!);
    if (decimalComma) for (let k = 0; k < width; k++) cells[k] = normalizeDecimalComma(cells[k]!);
    else {
      for (let k = 0; k < width; k++) {
        const cell = cells[k]!;
        if (cell.includes(',')) cells[k] = removeThousandsSeparators(cell);
      }
    }
    table!.append(cells, startLine);
  }

  /** Reads one field and what follows it (a delimiter or a line break, ending the record). */
  function readField(): void {
    let start = pos;
    while (start < n && isBlank(text.charCodeAt(start))) start++;
    if (start >= n && !final) throw NEED_MORE_TEXT;
    let value: string;
    if (text.charCodeAt(start) === QUOTE) {
      value = readQuoted(start);
    } else {
      let end = start;
      for (; end < n; end++) {
        const code = text.charCodeAt(end);
        if (code === delimiter || code === LF || code === CR) break;
      }
      if (end >= n && !final) throw NEED_MORE_TEXT;
      value = text.slice(start, end).trim();
      pos = end;
    }
    if (filled < cells.length) cells[filled] = value;
    else cells.push(value);
    filled++;
    if (pos >= n) return;
    const code = text.charCodeAt(pos);
    if (code === delimiter) {
      pos++;
      if (pos >= n) {
        if (!final) throw NEED_MORE_TEXT;
        if (filled < cells.length) cells[filled] = '';
        else cells.push('');
        filled++;
      }
      return;
    }
    if (code === CR && pos + 1 >= n && !final) throw NEED_MORE_TEXT;
    pos = newline(pos);
    endRecord();
  }

  /**
   * Drops the text before the record being read, joins the next piece(s), and reads that record
   * again from its start. At least as much text as is kept is joined, so a record spanning many
   * pieces is read again only a logarithmic number of times.
   */
  function readMoreText(): void {
    pos = 0;
    line = recordStartLine;
    recordLine = recordStartLine;
    lineStart = 0;
    filled = 0;
    const kept = text.slice(recordStart);
    dropped += recordStart;
    const parts = [kept];
    let joined = 0;
    while (ahead !== null && (joined === 0 || joined < kept.length)) {
      parts.push(ahead);
      joined += ahead.length;
      ahead = pieces.next();
    }
    final = ahead === null;
    text = parts.join('');
    n = text.length;
  }

  function step(budget: number): boolean {
    if (done) return true;
    const stop = dropped + Math.min(n, pos + budget);
    while (dropped + pos < stop || (pos >= n && !final)) {
      // A record starts here when no field of it was read yet (pos is then at a line start).
      if (filled === 0) {
        recordStart = pos;
        recordStartLine = line;
      }
      if (pos >= n && final) break;
      try {
        readField();
      } catch (error) {
        if (error !== NEED_MORE_TEXT) throw error;
        readMoreText();
        continue;
      }
      if (pos >= n && final) break;
    }
    if (pos >= n && final) {
      checkLineLength(n);
      if (filled > 0) endRecord();
      done = true;
    }
    return done;
  }

  function finish(): RawTable {
    if (!done) throw new Error('createDelimitedReader: finish() called before the text was read');
    if (columns === null) throw new ConvexNetError('data/empty-file', `${source} is empty: expected a header row and at least one data row.`);
    if (table === null || table.rowCount === 0) throw new ConvexNetError('data/no-rows', `${source} has a header row (line ${headerLine}) but no data rows.`);
    return table.finish();
  }

  return {
    step,
    get progress() {
      if (done) return 1;
      // Characters read over characters handed out, times the share of the input handed out
      // (the exact share for a one-byte encoding); never below an earlier answer.
      const handed = dropped + n + (ahead?.length ?? 0);
      const share = handed === 0 ? 0 : (pieces.progress * (dropped + pos)) / handed;
      reported = Math.max(reported, Math.min(1, share));
      return reported;
    },
    finish,
  };
}

/** The whole text as a single piece. */
function wholeText(text: string): TextPieces {
  let given = false;
  return {
    next: () => {
      if (given) return null;
      given = true;
      return text;
    },
    get progress() {
      return given ? 1 : 0;
    },
  };
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

function preview(columns: readonly string[]): string {
  const shown = columns.slice(0, 8).join(', ');
  return columns.length > 8 ? `${shown}, ... (${columns.length} columns)` : shown;
}
