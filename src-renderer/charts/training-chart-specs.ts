import type { ChartColors } from './chart-colors';
import type { AccuracySeries, ConvergenceSeries, XAxisMode } from './history-series';
import { xAxisTitle } from './history-series';
import type { LineChartSpec } from './line-chart-config';
import { seriesColor } from './palette';

// The series arrive already decimated (the `buckets` argument of the series functions).

/**
 * Relative gap and the ADMM primal/dual residuals on one logarithmic axis: all three go to zero
 * as the solve converges, and the stopping rule compares them with tolerances of the same kind.
 * A residual the solver does not report (the robust solvers have no dual residual) gets no
 * line and no legend entry.
 */
export function convergenceChartSpec(series: ConvergenceSeries, xAxis: XAxisMode, colors: ChartColors, step = 'iteration'): LineChartSpec {
  return {
    x: { title: xAxisTitle(xAxis, step), min: 0 },
    y: { title: 'Gap and residuals', type: 'logarithmic' },
    marks: series.marks,
    lines: [
      { label: 'Relative gap', data: series.relativeGap, color: colors.gap },
      { label: 'Primal residual', data: series.primalResidual, color: seriesColor(0) },
      { label: 'Dual residual', data: series.dualResidual, color: seriesColor(3), dashed: true },
    ].filter((line) => line.label === 'Relative gap' || line.data.length > 0),
  };
}

/** Training and test accuracy (percent) while the run goes. */
export function accuracyChartSpec(series: AccuracySeries, xAxis: XAxisMode, colors: ChartColors, step = 'iteration'): LineChartSpec {
  return {
    x: { title: xAxisTitle(xAxis, step), min: 0 },
    y: { title: 'Accuracy (%)', unit: '%' },
    lines: [
      { label: 'Training accuracy', data: series.train, color: colors.objective },
      { label: 'Test accuracy', data: series.test, color: colors.bound, dashed: true },
    ],
  };
}
