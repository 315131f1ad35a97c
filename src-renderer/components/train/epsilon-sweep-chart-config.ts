import type { Point } from 'chart.js';
import type { SweepSummary } from '../../../src-core/contract/training-jobs';
import type { ChartColors } from '../../charts/chart-colors';
import { sweepFrame, type SweepChartConfig } from './sweep-chart-config';

/**
 * An epsilon sweep against the training radius (linear axis: epsilon 0, the standard model, is a
 * point of it): clean score, the score under PGD at each point's own radius and the certified
 * (proven) score there, the standard model under the same attack, on the left; neurons and the certified gap (%) on the right.
 */
export function epsilonSweepChartConfig(sweep: SweepSummary, colors: ChartColors): SweepChartConfig {
  const line = { pointRadius: 3, borderWidth: 2, tension: 0 };
  const pts = (pick: (p: SweepSummary['points'][number]) => number | null | undefined): Point[] =>
    sweep.points.flatMap((p) => {
      const y = pick(p);
      return y === null || y === undefined || !Number.isFinite(y) || p.epsilon === undefined ? [] : [{ x: p.epsilon, y }];
    });
  const scale = sweep.scoreName === 'accuracy' ? 100 : 1;
  const scaled = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : value * scale);
  const scoreUnit = sweep.scoreName === 'accuracy' ? 'Accuracy (%)' : sweep.scoreName;
  const onTest = sweep.epsilonSweep?.attackedOn !== 'training';
  const rows = onTest ? 'test' : 'train';
  const datasets: SweepChartConfig['data']['datasets'] = [
    { ...line, label: `Clean ${rows} ${sweep.scoreName}`, data: pts((p) => scaled(onTest ? p.testScore : p.trainScore)), yAxisID: 'score', borderColor: colors.objective, backgroundColor: colors.objective },
    { ...line, label: `PGD ${rows} ${sweep.scoreName} (own epsilon)`, data: pts((p) => scaled(p.pgdScore)), yAxisID: 'score', borderColor: colors.bound, backgroundColor: colors.bound },
    { ...line, label: `Certified ${rows} ${sweep.scoreName} (own epsilon)`, data: pts((p) => scaled(p.certifiedScore)), yAxisID: 'score', borderColor: colors.gap, backgroundColor: colors.gap, borderDash: [6, 3] },
    { ...line, label: 'Standard model under PGD', data: pts((p) => scaled(p.standardPgdScore)), yAxisID: 'score', borderColor: colors.bound, backgroundColor: colors.bound, borderDash: [2, 2] },
    { ...line, label: 'Neurons', data: pts((p) => p.neuronCount), yAxisID: 'count', borderColor: colors.text, backgroundColor: colors.text, borderDash: [4, 3] },
    { ...line, label: 'Gap (%)', data: pts((p) => (p.relativeGap === null ? null : Math.max(p.relativeGap * 100, 1e-6))), yAxisID: 'gap', borderColor: colors.gap, backgroundColor: colors.gap },
  ];
  const units = sweep.epsilonSweep?.units === 'standardized' ? 'standardized units' : 'raw units';
  const x = { type: 'linear' as const, min: 0, title: { display: true, text: `epsilon (training radius, ${units})`, color: colors.text }, ticks: { color: colors.text }, grid: { color: colors.grid } };
  return sweepFrame(datasets, x, scoreUnit, colors);
}
