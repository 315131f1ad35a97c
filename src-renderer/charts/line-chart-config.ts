import type { ChartConfiguration, Point } from 'chart.js';
import { formatLinearTick, formatTick, tickStep } from '../format/numbers';
import type { ChartColors } from './chart-colors';
import { eventMarksPlugins } from './event-marks-plugin';
import type { EventMark, XY } from './history-series';

export type LineChartConfig = ChartConfiguration<'line', Point[]>;
type ScaleOptions = NonNullable<NonNullable<LineChartConfig['options']>['scales']>[string];

export interface LineSpec {
  readonly label: string;
  readonly data: readonly XY[];
  readonly color: string;
  readonly dashed?: boolean;
  readonly width?: number;
  /** Fill down to the dataset at this index (a band between two lines), with this colour. */
  readonly fillTo?: { readonly index: number; readonly color: string };
  /** Left out of the legend (e.g. the lower edge of a band). */
  readonly hideInLegend?: boolean;
  /** Draw the points (small curves, e.g. a ROC curve), not just the line. */
  readonly showPoints?: boolean;
}

export interface AxisSpec {
  readonly title: string;
  readonly type?: 'linear' | 'logarithmic';
  readonly min?: number;
  readonly max?: number;
  /** Appended to tick labels, e.g. '%'. */
  readonly unit?: string;
}

export interface LineChartSpec {
  readonly lines: readonly LineSpec[];
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  /** Step lines hold each value until the next point (e.g. a ROC curve is drawn with straight segments, so false). */
  readonly stepped?: boolean;
  /** Vertical marks where something happened (HistoryPoint.event), e.g. a working set growing. */
  readonly marks?: readonly EventMark[];
}

function axis(spec: AxisSpec, colors: ChartColors): ScaleOptions {
  const unit = spec.unit ?? '';
  return {
    type: spec.type ?? 'linear',
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max }),
    title: { display: true, text: spec.title, color: colors.text },
    ticks: {
      color: colors.text,
      // Log axes label their own ticks (three digits suffice there); a linear axis takes as many
      // digits as its step needs, so close ticks do not read alike.
      callback: (value: number | string, _index: number, ticks: readonly { value: number }[]) =>
        `${spec.type === 'logarithmic' ? formatTick(Number(value)) : formatLinearTick(Number(value), tickStep(ticks ?? []))}${unit}`,
      ...(spec.type === 'logarithmic' ? { autoSkip: true, maxTicksLimit: 8 } : {}),
    },
    grid: { color: colors.grid },
  };
}

/**
 * A line chart of pre-parsed {x, y} points (parsing: false, normalized) without animation: the
 * shape every chart of the Results screen shares, live or not. Callers thin long lines first
 * (minMaxDecimate), so Chart.js never walks more than a few thousand points per update.
 */
export function lineChartConfig(spec: LineChartSpec, colors: ChartColors): LineChartConfig {
  const hidden = new Set(spec.lines.flatMap((line, index) => (line.hideInLegend ? [index] : [])));
  return {
    type: 'line',
    plugins: eventMarksPlugins(spec.marks ?? [], colors.text),
    data: {
      datasets: spec.lines.map((line) => ({
        label: line.label,
        data: line.data as Point[],
        borderColor: line.color,
        backgroundColor: line.fillTo?.color ?? line.color,
        borderWidth: line.width ?? 2,
        borderDash: line.dashed ? [6, 4] : [],
        pointRadius: line.showPoints ? 2 : 0,
        tension: 0,
        stepped: spec.stepped ?? false,
        fill: line.fillTo ? line.fillTo.index : false,
      })),
    },
    options: {
      parsing: false,
      normalized: true,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: { x: axis(spec.x, colors), y: axis(spec.y, colors) },
      plugins: {
        legend: { labels: { color: colors.text, boxHeight: 2, filter: (item) => !hidden.has(item.datasetIndex ?? -1) } },
        tooltip: { enabled: true },
      },
    },
  };
}
