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
