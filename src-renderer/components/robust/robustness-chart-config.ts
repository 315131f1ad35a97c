import type { ChartConfiguration, Point } from 'chart.js';
import type { RobustnessComparison, RobustnessReport } from '../../../src-core/robust/robustness-report-types';
import type { ChartColors } from '../../charts/chart-colors';

export type RobustnessChartConfig = ChartConfiguration<'line', Point[]>;

type Series = { label: string; pick: (p: RobustnessReport['points'][number]) => number | null };

/** The four curves of a classification report (accuracy in %), or the RMSE curves of a regression report. */
export function reportSeries(report: RobustnessReport): Series[] {
  if (report.task === 'regression') {
    return [
      { label: 'Clean RMSE', pick: (p) => p.error?.clean ?? null },
      { label: 'FGSM RMSE', pick: (p) => p.error?.fgsm ?? null },
      { label: 'PGD RMSE', pick: (p) => p.error?.pgd ?? null },
      { label: 'Certified bound', pick: (p) => p.error?.certifiedBound ?? null },
    ];
  }
  const pct = (v: number | null): number | null => (v === null ? null : 100 * v);
  return [
    { label: 'Clean', pick: (p) => pct(p.accuracy.clean) },
    { label: 'FGSM', pick: (p) => pct(p.accuracy.fgsm) },
    { label: 'PGD', pick: (p) => pct(p.accuracy.pgd) },
    { label: 'Certified', pick: (p) => pct(p.accuracy.certified) },
  ];
}

/**
 * Accuracy (or RMSE) against epsilon: the robust model's curves solid, the standard model's
 * (when compared) dashed in the same colours.
 */
export function robustnessChartConfig(comparison: RobustnessComparison, colors: ChartColors): RobustnessChartConfig {
  const palette = [colors.text, colors.bound, colors.objective, colors.gap];
  const line = { pointRadius: 3, borderWidth: 2, tension: 0 };
  const datasets: RobustnessChartConfig['data']['datasets'] = [];
  const add = (report: RobustnessReport, suffix: string, dash: number[]): void => {
    reportSeries(report).forEach((series, i) => {
      const data = report.points.flatMap((p) => {
        const y = series.pick(p);
        return y === null ? [] : [{ x: p.epsilon, y }];
      });
      if (data.length > 0) datasets.push({ ...line, label: `${series.label}${suffix}`, data, borderColor: palette[i]!, backgroundColor: palette[i]!, borderDash: dash });
    });
  };
  add(comparison.robust, comparison.standard ? ' (robust)' : '', []);
  if (comparison.standard) add(comparison.standard, ' (standard)', [5, 4]);
  const regression = comparison.robust.task === 'regression';
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: `epsilon (${comparison.robust.units === 'raw' ? 'raw units' : 'standardized units'}, ${comparison.robust.norm === 'linf' ? 'l∞' : 'l2'})`, color: colors.text }, ticks: { color: colors.text }, grid: { color: colors.grid } },
        y: regression
          ? { type: 'linear', min: 0, title: { display: true, text: 'RMSE', color: colors.text }, ticks: { color: colors.text }, grid: { color: colors.grid } }
          : { type: 'linear', min: 0, max: 100, title: { display: true, text: 'Accuracy (%)', color: colors.text }, ticks: { color: colors.text }, grid: { color: colors.grid } },
      },
      plugins: { legend: { labels: { color: colors.text, boxHeight: 2 } }, tooltip: { enabled: true } },
    },
  };
}

/** Screen-reader (and test) description of the chart. */
export function describeRobustnessChart(comparison: RobustnessComparison): string {
  const r = comparison.robust;
  const last = r.points[r.points.length - 1];
  const what = r.task === 'regression' ? 'RMSE clean, under FGSM and PGD, and its certified bound' : 'clean, FGSM, PGD and certified accuracy';
  const tail = last && r.task !== 'regression' && last.accuracy.pgd !== null ? ` At epsilon ${last.epsilon.toPrecision(3)} the PGD accuracy is ${(100 * last.accuracy.pgd).toFixed(1)}%.` : '';
  return `Robustness curve: ${what} on ${r.testPoints} ${r.dataSet} points for ${r.points.length} values of epsilon${comparison.standard ? ', robust and standard model' : ''}.${tail}`;
}
