import { formatPercent } from '../../src-core/solvers/solver-types';

/** Fractions 0..1 travel as data; the UI shows percentages. Missing values show as an en dash. */
export const MISSING = '–';

/** A certified relative gap as the certificates word it: two significant digits (0.0041%, not 0.00%). */
export function formatGap(gap: number | null | undefined): string {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return MISSING;
  return formatPercent(gap);
}

export function formatFractionAsPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return MISSING;
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Up to `significant` significant digits, exponent notation for very large or small magnitudes. */
export function formatNumber(value: number | null | undefined, significant = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(Math.max(0, significant - 1));
  return String(Number(value.toPrecision(significant)));
}

/**
 * A chart axis tick: three significant digits without trailing zeros, in exponent notation below
 * 0.001 and from a million on, as formatNumber switches. A residual axis read "0.001, 0.00001,
 * 1e-7": JavaScript's own switch (below 1e-6) wrote one tick with five zeros to count and the
 * next as a power.
 */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const rounded = Number(value.toPrecision(3));
  const magnitude = Math.abs(rounded);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return rounded.toExponential().replace('e+', 'e');
  return String(rounded);
}

/**
 * The numbers of one table column with the same decimals, enough for `significant` digits of the
 * smallest, so they line up and compare: formatNumber dropped trailing zeros, and a column of
 * training objectives read 1.644, 2.228, 2.19. A column that needs exponent notation somewhere
 * keeps formatNumber's form for each value.
 */
export function formatNumberColumn(values: readonly (number | null | undefined)[], significant = 4): string[] {
  const magnitudes = values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v) && v !== 0).map(Math.abs);
  if (magnitudes.length === 0 || Math.min(...magnitudes) < 1e-3 || Math.max(...magnitudes) >= 1e6) return values.map((v) => formatNumber(v, significant));
  const decimals = Math.max(0, significant - 1 - Math.floor(Math.log10(Math.min(...magnitudes))));
  return values.map((v) => (v === null || v === undefined || !Number.isFinite(v) ? MISSING : v.toFixed(decimals)));
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** "1 feature", "2 features", "1,200 rows": the count and the noun, singular for one. */
export function countOf(value: number, noun: string): string {
  return `${formatCount(value)} ${value === 1 ? noun : `${noun}s`}`;
}

/** A fixed number of decimals, for scores on a known scale (AUC, R²). */
export function formatFixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return value.toFixed(decimals);
}
