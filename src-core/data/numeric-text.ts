/**
 * How cell text is read as a number. A cell is numeric when it is a plain decimal number with an
 * optional sign, fraction and exponent ("3", "-0.5", ".5", "1e-3", "+2."). Text spelling a
 * non-finite value ("NaN", "Infinity", "-inf", ...) is recognized separately so it can be refused
 * with a clear message instead of being read as a category. Nothing else is a number here (no
 * thousands separators, no decimal commas, no hexadecimal): the delimited-text reader turns
 * "3,5" (decimal comma files) and "1,234" (thousands separators, decimal point files) into
 * this form as it reads (parse-delimited.ts).
 */
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_NUMBER = /^[+-]?(?:nan|inf|infinity)$/i;

/** The finite value of numeric cell text, or null when the text is not a finite decimal number. */
export function parseNumericCell(text: string): number | null {
  if (!DECIMAL_NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** True for text that spells a non-finite number, or a decimal too large for float64 ("1e999"). */
export function isNonFiniteNumberText(text: string): boolean {
  return NON_FINITE_NUMBER.test(text) || (DECIMAL_NUMBER.test(text) && !Number.isFinite(Number(text)));
}

/**
 * Sort order for category and class names: names that read as numbers first, in numeric order
 * ("2" before "10"), then the others by UTF-16 code units (deterministic on every platform).
 */
export function compareCategoryNames(a: string, b: string): number {
  const x = parseNumericCell(a);
  const y = parseNumericCell(b);
  if (x !== null && y !== null) return x !== y ? x - y : compareText(a, b);
  if (x !== null) return -1;
  if (y !== null) return 1;
  return compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * "1,234" or "-12,345.5": a number written with comma thousands separators. The first group has
 * 1-3 digits and no leading zero ("0,123" is not such a number), every other group exactly 3.
 */
const THOUSANDS_SEPARATED = /^[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * The cell without its thousands separators ("1,234.5" -> "1234.5") when it is a number written
 * with them, else the cell unchanged. Only for text whose decimal mark is the point: there a comma
 * inside a number can only group thousands.
 */
export function removeThousandsSeparators(cell: string): string {
  return THOUSANDS_SEPARATED.test(cell) ? cell.replace(/,/g, '') : cell;
}

/**
 * Whether these distinct cell texts are numbers some of which are written with thousands
 * separators ("1,000" beside "950"): every text a number or such a number, at least one the
 * latter. Delimited files have them removed as they are read; cells from other sources (e.g.
 * strings in JSON records) keep them as text, so such a column becomes categories.
 */
export function looksLikeThousandsSeparatedNumbers(texts: Iterable<string>): boolean {
  let separated = false;
  for (const text of texts) {
    if (THOUSANDS_SEPARATED.test(text)) separated = true;
    else if (parseNumericCell(text) === null) return false;
  }
  return separated;
}

/**
 * "$1,234.50", "-€ 5", "£3", "12.5%", "4 %": a number written with a leading currency sign
 * ($ € £ ¥) or a trailing percent sign. Only the digits, separators and sign may surround it, so
 * text such as "50% off" or "$ave" is left alone.
 */
const CURRENCY_NUMBER = /^([+-]?)[$€£¥]\s?([+-]?\d[\d.,]*)$/;
const PERCENT_NUMBER = /^([+-]?\d[\d.,]*)\s?%$/;

/**
 * The cell without the currency or percent sign of a number written with one ("$1,234.50" ->
 * "1,234.50", "-$5" -> "-5", "12.5%" -> "12.5": percent points, the number as written), else the
 * cell unchanged. The delimited-text reader applies it to every cell before its separators are
 * read, so a column of prices or percentages is a column of numbers, in training and in predict
 * (a cell without either sign is returned after a test of its first and last characters).
 */
export function removeNumberUnit(cell: string): string {
  if (!mayHaveNumberUnit(cell)) return cell;
  const currency = CURRENCY_NUMBER.exec(cell);
  if (currency) {
    const [, outer, inner] = currency;
    if (outer !== '' && /^[+-]/.test(inner!)) return cell;
    return `${outer}${inner}`;
  }
  const percent = PERCENT_NUMBER.exec(cell);
  return percent ? percent[1]! : cell;
}

/** True when the cell may carry a currency or percent sign: a test cheaper than the patterns, for every cell of a file. */
function mayHaveNumberUnit(cell: string): boolean {
  if (cell.length < 2) return false;
  const first = cell.charCodeAt(0);
  const second = cell.charCodeAt(1);
  return cell.endsWith('%') || isCurrencySign(first) || ((first === 43 || first === 45) && isCurrencySign(second));
}

function isCurrencySign(code: number): boolean {
  // $ € £ ¥
  return code === 36 || code === 0x20ac || code === 0xa3 || code === 0xa5;
}

