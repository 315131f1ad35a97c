import type { RunResult } from '../../src-core/contract/operations';
import type { ChartColors } from './chart-colors';
import { minMaxDecimate } from './decimate';
import { drawablePoints, objectiveSeries, xAxisTitle, type XAxisMode, type XY } from './history-series';
import type { LineChartSpec, LineSpec } from './line-chart-config';
import { seriesColor, withAlpha } from './palette';
import { spreadBand } from './spread-band';

/** One run in a comparison: a session job or a saved run, with its result. */
export interface ComparedRun {
  /** 'job:<jobId>' or 'run:<runId>'. */
  readonly key: string;
  readonly label: string;
  readonly result: RunResult;
}

/** The objective curve of a run's first network (one-vs-rest runs: the first class's network). */
export function runObjectiveCurve(result: RunResult, xAxis: XAxisMode): XY[] {
  return objectiveSeries(result.heads[0]?.history ?? [], xAxis).objective;
}

/** Back-propagation runs are summarized as a spread once there are at least two of them. */
export function splitBySpread(runs: readonly ComparedRun[]): { single: ComparedRun[]; backprop: ComparedRun[] } {
  const backprop = runs.filter((run) => run.result.options.solver === 'backprop');
  if (backprop.length < 2) return { single: [...runs], backprop: [] };
  return { single: runs.filter((run) => run.result.options.solver !== 'backprop'), backprop };
}

/**
 * Overlaid objective curves: one line per run, the certified lower bound of each convex run
 * (dashed), and several back-propagation runs (e.g. five seeds) as a min-max band with their
 * median, so the spread of the non-convex runs stands against the single certified result.
 */
export function comparisonChartSpec(runs: readonly ComparedRun[], xAxis: XAxisMode, colors: ChartColors): LineChartSpec {
  const { single, backprop } = splitBySpread(runs);
  const curves = single.map((run) => runObjectiveCurve(run.result, xAxis));
  const bands = backprop.length > 0 ? spreadBand(backprop.map((run) => runObjectiveCurve(run.result, xAxis))) : null;
  // Objectives fall by orders of magnitude from the first iterate: a log axis keeps the end of
  // every run readable. Objectives are sums of losses and norms, so positive; a certified lower
  // bound may start at or below zero, and those early bound points are left off the log axis.
  const log = [...curves, ...(bands ? [bands.min] : [])].every((curve) => curve.every((p) => p.y > 0));
  const lines: LineSpec[] = [];
  single.forEach((run, k) => {
    const color = seriesColor(k);
    lines.push({ label: run.label, data: minMaxDecimate(curves[k]!), color });
    const bound = drawablePoints(run.result.heads[0]?.history ?? [], xAxis)
      .filter(({ point }) => point.lowerBound !== undefined && Number.isFinite(point.lowerBound) && (!log || point.lowerBound > 0))
      .map(({ x, point }) => ({ x, y: point.lowerBound! }));
    if (bound.length > 0) lines.push({ label: `${run.label}: certified lower bound`, data: minMaxDecimate(bound), color, dashed: true, width: 1 });
  });
  if (bands) {
    const color = colors.gap;
    const lowIndex = lines.length;
    lines.push({ label: 'Back-propagation min', data: minMaxDecimate(bands.min), color: withAlpha(color, 0.4), width: 1, hideInLegend: true });
    lines.push({
      label: `Back-propagation, ${backprop.length} runs (min-max band)`,
      data: minMaxDecimate(bands.max),
      color: withAlpha(color, 0.4),
      width: 1,
      fillTo: { index: lowIndex, color: withAlpha(color, 0.18) },
    });
    lines.push({ label: `Back-propagation median of ${backprop.length}`, data: minMaxDecimate(bands.median), color });
  }
  return { x: { title: xAxisTitle(xAxis), min: 0 }, y: { title: 'Training objective', type: log ? 'logarithmic' : 'linear' }, lines };
}

/**
 * Labels that tell the compared runs apart: a label shared by several runs gets the seed, and
 * the key when even that is shared.
 */
export function distinctLabels(runs: readonly { key: string; label: string; seed: number }[]): string[] {
  const count = (labels: string[], label: string) => labels.filter((l) => l === label).length;
  const plain = runs.map((run) => run.label);
  const seeded = runs.map((run, k) => (count(plain, run.label) > 1 ? `${plain[k]} · seed ${run.seed}` : plain[k]!));
  return runs.map((run, k) => (count(seeded, seeded[k]!) > 1 ? `${seeded[k]} · ${run.key.replace(/^(job|run):/, '')}` : seeded[k]!));
}
