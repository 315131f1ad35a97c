import { parseNumericCell, removeThousandsSeparators } from '../numeric-text';

export type Delimiter = ',' | '\t' | ';' | '|';
export type DecimalSeparator = '.' | ',';

export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

/** How a delimited text file is written; detected by detectDialect, each part overridable. */
export interface DelimitedDialect {
  readonly delimiter: Delimiter;
  readonly decimal: DecimalSeparator;
  /** Whether the first record holds the column names. */
  readonly header: boolean;
}

/** Characters of the file start examined for detection. */
const SAMPLE_CHARS = 64 * 1024;
/** Records examined for detection. */
const SAMPLE_RECORDS = 50;

/** A number written with a decimal comma: "3,5", "-0,25", ",5", "1,5e3". */
const DECIMAL_COMMA_NUMBER = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;
/** A number written with a decimal point and a fraction: "3.5", "-0.25". */
const DECIMAL_POINT_NUMBER = /^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/;

/**
 * Guesses the dialect from the start of the text. Delimiter: among comma, tab, semicolon and
 * pipe, the one that splits the sampled records into the same number (> 1) of fields most often,
 * ties to the larger field count (a header without decimal commas makes the comma inconsistent
 * in a semicolon file with decimal commas). Decimal separator: the comma when the delimiter is
 * not a comma and some cells read as decimal-comma numbers but none as decimal-point ones.
 * Header: present unless every cell of the first record is a number (read as the table will be:
 * decimal commas, or thousands separators with the decimal point).
 */
export function detectDialect(text: string, overrides: Partial<DelimitedDialect> = {}): DelimitedDialect {
  const sample = text.slice(0, SAMPLE_CHARS);
  const complete = text.length <= SAMPLE_CHARS;
  const delimiter = overrides.delimiter ?? detectDelimiter(sample, complete);
  const records = sampleRecords(sample, delimiter, complete);
  const decimal = overrides.decimal ?? detectDecimal(records, delimiter);
  const header = overrides.header ?? detectHeader(records, decimal);
  return { delimiter, decimal, header };
}

/** The cell with a decimal comma turned into a decimal point when it reads as such a number. */
export function normalizeDecimalComma(cell: string): string {
  return DECIMAL_COMMA_NUMBER.test(cell) ? cell.replace(',', '.') : cell;
}

function detectDelimiter(sample: string, complete: boolean): Delimiter {
  let best: Delimiter = ',';
  let bestScore = -1;
  let bestFields = 1;
  for (const delimiter of DELIMITERS) {
    const counts = sampleRecords(sample, delimiter, complete).map((r) => r.length);
    if (counts.length === 0) continue;
    const mode = modeOf(counts);
    if (mode.value < 2) continue;
    const score = mode.count / counts.length;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && mode.value > bestFields)) {
      best = delimiter;
      bestScore = score;
      bestFields = mode.value;
    }
  }
  return best;
}

function detectDecimal(records: readonly string[][], delimiter: Delimiter): DecimalSeparator {
  if (delimiter === ',') return '.';
  let commas = 0;
  let points = 0;
  for (const record of records) {
    for (const cell of record) {
      if (DECIMAL_COMMA_NUMBER.test(cell)) commas++;
      else if (DECIMAL_POINT_NUMBER.test(cell)) points++;
    }
  }
  return commas > 0 && points === 0 ? ',' : '.';
}

function detectHeader(records: readonly string[][], decimal: DecimalSeparator): boolean {
  const first = records.find((r) => r.some((c) => c !== ''));
  if (!first) return true;
  const cells = first.filter((c) => c !== '');
  return !cells.every((c) => parseNumericCell(decimal === ',' ? normalizeDecimalComma(c) : removeThousandsSeparators(c)) !== null);
}

/**
 * The first records of the sample split on the delimiter, honouring double quotes. An unended
 * last record is kept only when the sample is the whole text (otherwise it may be cut short).
 */
function sampleRecords(sample: string, delimiter: Delimiter, complete: boolean): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < sample.length && records.length < SAMPLE_RECORDS; i++) {
    const ch = sample[i]!;
    if (quoted) {
      if (ch === '"' && sample[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      cells.push(cell.trim());
      if (cells.length > 1 || cells[0] !== '') records.push(cells);
      cells = [];
      cell = '';
    } else cell += ch;
  }
  const unended = cell.trim() !== '' || cells.length > 0;
  if (unended && (complete || records.length === 0) && records.length < SAMPLE_RECORDS) records.push([...cells, cell.trim()]);
  return records;
}

function modeOf(values: readonly number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let value = 0;
  let count = 0;
  for (const [v, c] of counts) if (c > count || (c === count && v > value)) [value, count] = [v, c];
  return { value, count };
}
