/**
 * Cell text stored as a number plus a one-byte format code, such that the exact text comes back:
 *
 * - code k in 0..MAX_FIXED_DIGITS: the text is value.toFixed(k), with a leading "-" for -0
 *   ("3.10" is 3.1 with k = 2). The fast reader accepts only canonical decimals: an optional "-",
 *   an integer part without leading zeros, and an optional fraction of k >= 1 digits, with at
 *   most 15 significant digits in all. Then the value is m / 10^k for an integer m < 2^52 (both
 *   exact doubles, so the division is correctly rounded and equals Number(text)), and
 *   |value * 10^k - m| < 1/2, so toFixed(k) -- which picks the integer n nearest value * 10^k --
 *   gives n = m: the same digits.
 * - SHORTEST_CODE: the text is String(value) (other finite numbers that round-trip, "1e-7").
 * - MISSING_CODE: the empty cell; TEXT_CODE: anything else (kept as text beside the numbers).
 *
 * For every code but MISSING_CODE and TEXT_CODE the value equals parseNumericCell(text); those
 * two store NaN.
 */
export const MAX_FIXED_DIGITS = 22;
export const SHORTEST_CODE = 253;
export const MISSING_CODE = 254;
export const TEXT_CODE = 255;

/** 10^k for k = 0..22, all exact doubles. */
const POWERS_OF_TEN = Array.from({ length: MAX_FIXED_DIGITS + 1 }, (_, k) => Number(`1e${k}`));
/** Largest mantissa for which toFixed is guaranteed to give back the digits (2^52 - 1). */
const MAX_MANTISSA = 2 ** 52 - 1;

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** Encodes one cell text; `value` holds the number of the last call. */
export class NumberTextEncoder {
  value = Number.NaN;

  encode(text: string): number {
    const n = text.length;
    if (n === 0) {
      this.value = Number.NaN;
      return MISSING_CODE;
    }
    const fixed = this.encodeCanonicalDecimal(text, n);
    if (fixed >= 0) return fixed;
    const value = Number(text);
    if (Number.isFinite(value) && String(value) === text) {
      this.value = value;
      return SHORTEST_CODE;
    }
    this.value = Number.NaN;
    return TEXT_CODE;
  }

  /** The fraction digit count k of a canonical decimal (value set), or -1 for other text. */
  private encodeCanonicalDecimal(text: string, n: number): number {
    let i = 0;
    const negative = text.charCodeAt(0) === MINUS;
    if (negative) i++;
    if (i >= n) return -1;
    let mantissa = 0;
    const first = text.charCodeAt(i);
    if (first === ZERO) {
      i++;
    } else {
      if (first < ZERO || first > NINE) return -1;
      for (; i < n; i++) {
        const code = text.charCodeAt(i);
        if (code < ZERO || code > NINE) break;
        mantissa = mantissa * 10 + (code - ZERO);
        if (mantissa > MAX_MANTISSA) return -1;
      }
    }
    let digits = 0;
    if (i < n) {
      if (text.charCodeAt(i) !== DOT) return -1;
      i++;
      for (; i < n; i++) {
        const code = text.charCodeAt(i);
        if (code < ZERO || code > NINE) return -1;
        mantissa = mantissa * 10 + (code - ZERO);
        if (mantissa > MAX_MANTISSA || ++digits > MAX_FIXED_DIGITS) return -1;
      }
      if (digits === 0) return -1;
    }
    const magnitude = digits === 0 ? mantissa : mantissa / POWERS_OF_TEN[digits]!;
    this.value = negative ? -magnitude : magnitude;
    return digits;
  }
}

/** The text of an encoded cell (never called with TEXT_CODE: that text is stored separately). */
export function decodeNumberText(value: number, code: number): string {
  if (code === MISSING_CODE) return '';
  if (code === SHORTEST_CODE) return String(value);
  const digits = value.toFixed(code);
  return value === 0 && Object.is(value, -0) ? `-${digits}` : digits;
}
