import type { ChartConfiguration, Point } from 'chart.js';
import type { SweepSummary } from '../../../src-core/contract/training-jobs';
import type { ChartColors } from '../../charts/chart-colors';
import { gapAxisBounds, logTickLabel } from '../../charts/objective-chart-config';

export type SweepChartConfig = ChartConfiguration<'line', Point[]>;

/**
 * The regularization path against beta (log axis): training and test score (and the
 * cross-validated score) on the left, the neuron count and the certified gap (%) on the right.
 */
export function sweepChartConfig(sweep: SweepSummary, colors: ChartColors): SweepChartConfig {
  const line = { pointRadius: 3, borderWidth: 2, tension: 0 };
  const pts = (pick: (p: SweepSummary['points'][number]) => number | null): Point[] =>
    sweep.points.flatMap((p) => {
      const y = pick(p);
      return y === null || !Number.isFinite(y) ? [] : [{ x: p.beta, y }];
    });
  const scoreScale = sweep.scoreName === 'accuracy' ? 100 : 1;
  const scoreUnit = sweep.scoreName === 'accuracy' ? 'Accuracy (%)' : sweep.scoreName;
  const datasets: SweepChartConfig['data']['datasets'] = [
    { ...line, label: `Train ${sweep.scoreName}`, data: pts((p) => (p.trainScore === null ? null : p.trainScore * scoreScale)), yAxisID: 'score', borderColor: colors.objective, backgroundColor: colors.objective },
    { ...line, label: `Test ${sweep.scoreName}`, data: pts((p) => (p.testScore === null ? null : p.testScore * scoreScale)), yAxisID: 'score', borderColor: colors.bound, backgroundColor: colors.bound },
    { ...line, label: 'Neurons', data: pts((p) => p.neuronCount), yAxisID: 'count', borderColor: colors.text, backgroundColor: colors.text, borderDash: [4, 3] },
    { ...line, label: 'Gap (%)', data: pts((p) => (p.relativeGap === null ? null : Math.max(p.relativeGap * 100, 1e-6))), yAxisID: 'gap', borderColor: colors.gap, backgroundColor: colors.gap },
  ];
  if (sweep.cvFolds !== null) {
    datasets.push({ ...line, label: `CV ${sweep.scoreName}`, data: pts((p) => (p.cvScore === null ? null : p.cvScore * scoreScale)), yAxisID: 'score', borderColor: colors.bound, backgroundColor: colors.bound, borderDash: [2, 2] });
  }
  const x = { type: 'logarithmic' as const, title: { display: true, text: 'beta (regularization)', color: colors.text }, ticks: logTicks(colors), grid: { color: colors.grid } };
  return sweepFrame(datasets, x, scoreUnit, colors);
}

/**
 * What both sweep charts (beta and epsilon) share: no parsing or animation, the swept parameter on
 * x, scores on the left axis, the neuron count and the certified gap (%, log) on the right.
 */
export function sweepFrame(datasets: SweepChartConfig['data']['datasets'], x: Record<string, unknown>, scoreUnit: string, colors: ChartColors): SweepChartConfig {
  // Whole decades around the gaps, as on the objective chart: a narrow range (0.012-0.097%) got
  // Chart.js ticks of which only "0.1%" was labelled.
  const gaps = (datasets.find((d) => d.yAxisID === 'gap')?.data ?? []).flatMap((p) => (p.x === null || p.y === null ? [] : [{ x: p.x, y: p.y }]));
  const gapBounds = gapAxisBounds(gaps);
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
        x,
        score: { type: 'linear', position: 'left', title: { display: true, text: scoreUnit, color: colors.text }, ticks: { color: colors.text }, grid: { color: colors.grid } },
        count: { type: 'linear', position: 'right', min: 0, title: { display: true, text: 'Neurons', color: colors.text }, ticks: { color: colors.text }, grid: { drawOnChartArea: false } },
        gap: { type: 'logarithmic', ...gapBounds, position: 'right', display: 'auto', title: { display: true, text: 'Gap (%)', color: colors.text }, ticks: logTicks(colors, '%'), grid: { drawOnChartArea: false } },
      },
      plugins: { legend: { labels: { color: colors.text, boxHeight: 2 } }, tooltip: { enabled: true } },
    },
  };
}

/** Log-axis ticks labelled as the objective chart's: plain numbers at powers of ten (else 1-2-5), not Chart.js's '0.2000'. */
function logTicks(colors: ChartColors, unit = ''): Record<string, unknown> {
  return { color: colors.text, callback: (value: number | string, _index: number, ticks: { value: number }[]) => logTickLabel(Number(value), ticks.map((t) => t.value), unit) };
}
