import { formatFixed, formatFractionAsPercent, formatNumber } from './numbers';

/** Metrics that are shares of rows (0..1): shown as percentages, as the Metrics table and the sweep show them. */
const SHARE_KEYS = new Set(['accuracy', 'balancedAccuracy', 'macroF1']);
/** Scores on a fixed scale (AUC 0..1, R² at most 1): three decimals, as the Metrics table writes them. */
const FIXED_SCALE_KEYS = new Set(['rocAuc', 'r2']);

/**
 * A cross-validation metric's mean or spread (MetricSpread.key) in the same form as the rest of
 * the app: the panel showed accuracy "0.9 ± 0.02" beside a Metrics table and a sweep table
 * reading "90.0%". Errors and losses (RMSE, log loss, ...) keep their own units.
 */
export function formatCvMetric(key: string, value: number | null): string {
  if (SHARE_KEYS.has(key)) return formatFractionAsPercent(value);
  if (FIXED_SCALE_KEYS.has(key)) return formatFixed(value, 3);
  return formatNumber(value);
}
