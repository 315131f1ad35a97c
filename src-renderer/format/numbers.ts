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
 * A tick of a linear axis whose ticks are `step` apart: formatTick's three significant digits, or
 * more when neighbouring ticks need them to differ. An axis of years read "2010, 2010, 2010" and
 * an objective converging to 1377.8..1377.9 read "1380" at every tick: three digits are too few
 * where the step is small against the values.
 */
export function formatLinearTick(value: number, step: number): string {
  if (!Number.isFinite(value) || !(step > 0) || value === 0) return formatTick(value);
  const magnitude = Math.abs(value);
  // Digits from the value's leading one down to the step's last: 2008 on steps of 1 needs 4,
  // 10250 on steps of 250 needs 5.
  const needed = Math.floor(Math.log10(magnitude)) - Math.floor(Math.log10(step)) + significantDigits(step);
  if (needed <= 3) return formatTick(value);
  const rounded = Number(value.toPrecision(Math.min(needed, 15)));
  if (magnitude < 1e-3 || magnitude >= 1e6) return rounded.toExponential().replace('e+', 'e');
  return String(rounded);
}

/** The significant digits of a tick step (1, 2 or 3: Chart.js's steps are 1, 2, 2.5 or 5 times a power of ten, give or take rounding). */
function significantDigits(step: number): number {
  for (let digits = 1; digits < 3; digits++) if (Math.abs(Number(step.toPrecision(digits)) - step) <= 1e-9 * step) return digits;
  return 3;
}

/** The step between an axis's ticks (Chart.js's `ticks` argument), or 0 when there are fewer than two. */
export function tickStep(ticks: readonly { readonly value: number }[]): number {
  let step = Infinity;
  for (let i = 1; i < ticks.length; i++) {
    const gap = Math.abs(ticks[i]!.value - ticks[i - 1]!.value);
    if (gap > 0 && gap < step) step = gap;
  }
  return Number.isFinite(step) ? step : 0;
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
