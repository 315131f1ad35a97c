import type { ChartConfiguration, Point } from 'chart.js';
import type { ChartColors } from './chart-colors';
import { formatTick } from '../format/numbers';
import { eventMarksPlugins } from './event-marks-plugin';
import type { ObjectiveSeries, XY } from './history-series';

export type ObjectiveChartConfig = ChartConfiguration<'line', Point[]>;

/** Points drawn before the decimation plugin thins the lines (LTTB keeps the shape). */
const DECIMATED_SAMPLES = 400;

/**
 * Objective and certified lower bound on the left axis, relative gap (log scale) on the right.
 * Data are pre-parsed {x, y} points (parsing: false) and animation is off: the chart streams.
 */
export function objectiveChartConfig(series: ObjectiveSeries, colors: ChartColors, xTitle = 'Iteration'): ObjectiveChartConfig {
  const line = { pointRadius: 0, borderWidth: 2, tension: 0 };
  const log = usesLogObjective(series);
  return {
    type: 'line',
    // Events that explain a jump (the interior-point method's working set growing) as marks.
    plugins: eventMarksPlugins(series.marks, colors.text),
    data: {
      datasets: [
        { ...line, label: 'Objective', data: [...series.objective], yAxisID: 'y', borderColor: colors.objective, backgroundColor: colors.objective },
        { ...line, label: 'Lower bound', data: boundPoints(series, log), yAxisID: 'y', borderColor: colors.bound, backgroundColor: colors.bound, borderDash: [6, 4] },
        { ...line, label: 'Gap (%)', data: [...series.gapPercent], yAxisID: 'gap', borderColor: colors.gap, backgroundColor: colors.gap },
      ],
    },
    options: {
      parsing: false,
      normalized: true,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          // The axis ends at a round tick after the last iteration (an odd end label would crowd its neighbour).
          min: 0,
          title: { display: true, text: xTitle, color: colors.text },
          ticks: { color: colors.text },
          grid: { color: colors.grid },
        },
        y: {
          type: log ? 'logarithmic' : 'linear',
          title: { display: true, text: log ? 'Objective (log scale)' : 'Objective', color: colors.text },
          ticks: log ? { color: colors.text, callback: (value, _index, ticks) => logTickLabel(Number(value), ticks.map((t) => t.value)) } : { color: colors.text },
          grid: { color: colors.grid },
        },
        gap: {
          type: 'logarithmic',
          ...gapAxisBounds(series.gapPercent),
          position: 'right',
          display: 'auto',
          title: { display: true, text: 'Relative gap (%)', color: colors.text },
          ticks: { color: colors.text, callback: (value, _index, ticks) => gapTickLabel(Number(value), ticks.map((t) => t.value)) },
          grid: { drawOnChartArea: false },
        },
      },
      plugins: {
        decimation: { enabled: true, algorithm: 'lttb', samples: DECIMATED_SAMPLES },
        legend: { labels: { color: colors.text, boxHeight: 2 } },
        tooltip: { enabled: true },
      },
    },
  };
}

/**
 * The objective falls by orders of magnitude in the first iterations; a log axis keeps the end of
 * the run readable. Objectives are sums of losses and norms, so positive; should one not be, the
 * axis stays linear.
 */
export function usesLogObjective(series: ObjectiveSeries): boolean {
  return series.objective.length > 0 && series.objective.every((p) => p.y > 0);
}

/** Lower-bound points to draw: a bound at or below zero (early iterates) has no place on a log axis. */
function boundPoints(series: ObjectiveSeries, log: boolean): Point[] {
  return log ? series.lowerBound.filter((p) => p.y > 0) : [...series.lowerBound];
}

const isPowerOfTen = (value: number): boolean => value > 0 && Math.abs(Math.log10(value) - Math.round(Math.log10(value))) < 1e-9;

function isOneTwoFive(value: number): boolean {
  if (!(value > 0)) return false;
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-12);
  return [1, 2, 5].some((nice) => Math.abs(mantissa - nice) < 1e-9);
}

/**
 * Log-axis labels that never crowd: only powers of ten ("10%", "0.1%") when the axis spans at
 * least two of them, else 1-2-5 steps, else (a very narrow range) just both ends.
 */
export function gapTickLabel(percent: number, tickValues: readonly number[]): string {
  return logTickLabel(percent, tickValues, '%');
}

/** The same rule for any log axis, as plain numbers ("50", "0.01"; Chart.js's default wrote "50.000"). */
export function logTickLabel(value: number, tickValues: readonly number[], unit = ''): string {
  const rules = [isPowerOfTen, isOneTwoFive];
  const rule = rules.find((candidate) => tickValues.filter(candidate).length >= 2);
  const labelled = rule ? rule(value) : value === tickValues[0] || value === tickValues[tickValues.length - 1];
  return labelled ? `${formatTick(value)}${unit}` : '';
}

/**
 * The gap axis spans whole decades around the data, so it always has at least two power-of-ten
 * labels, even when the gap barely moves.
 */
export function gapAxisBounds(gapPercent: readonly XY[]): { min?: number; max?: number } {
  if (gapPercent.length === 0) return {};
  const values = gapPercent.map((p) => p.y);
  const low = Math.floor(Math.log10(Math.min(...values)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...values))));
  return { min: 10 ** low, max: 10 ** high };
}

/** Puts new series into an existing chart's datasets in place (and moves the gap axis with them). */
export function applySeries(chart: Pick<ObjectiveChartConfig, 'data' | 'options'>, series: ObjectiveSeries): void {
  const [objective, bound, gap] = chart.data.datasets;
  if (objective) objective.data = [...series.objective];
  const log = usesLogObjective(series);
  if (bound) bound.data = boundPoints(series, log);
  if (gap) {
    gap.data = [...series.gapPercent];
    gap.hidden = series.gapPercent.length === 0;
  }
  const objectiveScale = chart.options?.scales?.y;
  if (objectiveScale) objectiveScale.type = log ? 'logarithmic' : 'linear';
  const gapScale = chart.options?.scales?.gap;
  if (gapScale) {
    const { min, max } = gapAxisBounds(series.gapPercent);
    gapScale.min = min;
    gapScale.max = max;
  }
}
