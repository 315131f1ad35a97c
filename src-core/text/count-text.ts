/**
 * Word scales for counts: analysts read "12 million" at a glance, where "1.2e+7" (what the
 * reasons wrote before) is a programmer's notation.
 */
const SCALES: readonly (readonly [number, string])[] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
];

/**
 * A count for text a user reads: grouped digits below a million ("25,442"), then three
 * significant digits and a word ("12 million", "3.46 billion"), and from a thousand trillion a
 * power of ten as a spreadsheet formula writes it ("2.5 × 10^18"): arrangement pattern counts on
 * large data reach 10^100 and more, where words run out. A count beyond the largest number
 * (countArrangementCells overflows to Infinity) reads "more than 10^308".
 */
export function formatCount(count: number): string {
  if (Number.isNaN(count)) return String(count);
  if (count === Infinity) return 'more than 10^308';
  if (Math.abs(count) < 1e6) return Math.round(count).toLocaleString('en-US');
  // Round first so that 999,999,999 reads "1 billion", not "1,000 million".
  const rounded = Number(count.toPrecision(3));
  const scale = SCALES.find(([size]) => Math.abs(rounded) >= size && Math.abs(rounded) < size * 1000);
  if (scale !== undefined) return `${Number((rounded / scale[0]).toPrecision(3))} ${scale[1]}`;
  const [mantissa, exponent] = count.toExponential(1).split('e');
  const power = `10^${Number(exponent)}`;
  return mantissa === '1.0' ? power : `${Number(mantissa)} × ${power}`;
}
