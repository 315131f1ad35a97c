/**
 * The one writer of CSV cells: every CSV file the app or the command line writes goes through
 * `csvText`, so every text cell is neutralized against formula injection the same way.
 */

/** A cell of a CSV file we write: text (class names, column names, ...) or a number. */
export type CsvCell = string | number;

/**
 * A spreadsheet reads a cell that begins with one of these as a formula (OWASP, CSV injection),
 * including the full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) that East Asian
 * input methods type and that Excel converts to = + - @ when it reads the cell.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A plain decimal number ("-1", "+2.5", "-.5", "-3e-7"): a spreadsheet reads it as that number. */
const NUMBER_LITERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Characters that make a cell need quotes: the delimiter, the quote, line breaks, and the other
 * usual delimiters (a spreadsheet set to semicolons or tabs would split the cell there).
 */
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

/**
 * One cell as CSV text. A number is written in full precision (it reads back to the same
 * float64) and never altered. Text that a spreadsheet would run as a formula (it begins with
 * =, +, -, @ (or their full-width forms), tab or carriage return and is not a plain number such as a class named "-1") gets
 * a leading single quote, which spreadsheets take as "this is text", and is quoted (OWASP's
 * CSV-injection guidance). Text with a delimiter, quote, line break or edge space is quoted,
 * its quotes doubled (RFC 4180).
 */
export function csvCell(cell: CsvCell): string {
  if (typeof cell === 'number') return String(cell);
  const formula = FORMULA_START.test(cell) && !NUMBER_LITERAL.test(cell);
  const text = formula ? `'${cell}` : cell;
  return formula || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of cells as CSV text: comma-separated, each row (the last one too) ending with \n. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  let text = '';
  for (const row of rows) text += `${row.map(csvCell).join(',')}\n`;
  return text;
}
