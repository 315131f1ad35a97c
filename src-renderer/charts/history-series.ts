import { decimateColumns } from './decimate';

/** One chart point; Chart.js draws these directly (parsing: false). */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/** What both the live progress events and a finished run's history provide. */
export interface HistoryLike {
  readonly iteration: number;
  readonly elapsedMs?: number | undefined;
  readonly objective: number;
  readonly lowerBound?: number | undefined;
  readonly relativeGap?: number | undefined;
  readonly primalResidual?: number | undefined;
  readonly dualResidual?: number | undefined;
  readonly trainAccuracy?: number | undefined;
  readonly testAccuracy?: number | undefined;
  readonly head?: number | undefined;
  /** What happened there (HistoryPoint.event): marked on the objective chart. */
  readonly event?: string | undefined;
}

/** A vertical mark on a chart: where something happened that explains a jump in the lines. */
export interface EventMark {
  readonly x: number;
  readonly label: string;
}

/** What the charts' horizontal axis counts. */
export type XAxisMode = 'iteration' | 'time';

/** The horizontal axis title: time, or the run's step ('iteration', or 'Newton step' for interior-point solves). */
export function xAxisTitle(mode: XAxisMode, step = 'iteration'): string {
  return mode === 'time' ? 'Time (s)' : step.charAt(0).toUpperCase() + step.slice(1);
}

export interface ObjectiveSeries {
  readonly objective: XY[];
  readonly lowerBound: XY[];
  /** Relative gap in percent; only positive values (the axis is logarithmic). */
  readonly gapPercent: XY[];
  /** The drawable points' events (e.g. the interior-point method's working set growing). */
  readonly marks: readonly EventMark[];
}

export interface ConvergenceSeries {
  /** Relative gap as a fraction; positive values only (log axis). */
  readonly relativeGap: XY[];
  readonly primalResidual: XY[];
  readonly dualResidual: XY[];
  /** As ObjectiveSeries.marks. */
  readonly marks: readonly EventMark[];
}

export interface AccuracySeries {
  /** Percent. */
  readonly train: XY[];
  readonly test: XY[];
}

/**
 * The points to draw, in increasing x as decimation requires. Live one-vs-rest runs restart the
 * iteration count per head, so only the latest head is kept; a point whose x does not advance
 * (or has no time, on the time axis) is dropped.
 */
export function drawablePoints<T extends HistoryLike>(points: readonly T[], xAxis: XAxisMode = 'iteration'): { x: number; point: T }[] {
  const lastHead = points.length > 0 ? points[points.length - 1]!.head : undefined;
  const kept: { x: number; point: T }[] = [];
  let lastX = -Infinity;
  for (const point of points) {
    if (point.head !== lastHead) continue;
    const x = xAxis === 'iteration' ? point.iteration : (point.elapsedMs ?? Number.NaN) / 1000;
    if (!(x > lastX)) continue;
    lastX = x;
    kept.push({ x, point });
  }
  return kept;
}

/** The x of each drawable point and its index in the input (see drawablePoints), as typed columns. */
function drawableColumns(points: readonly HistoryLike[], xAxis: XAxisMode): { x: Float64Array; rows: Int32Array } {
  const lastHead = points.length > 0 ? points[points.length - 1]!.head : undefined;
  const x = new Float64Array(points.length);
  const rows = new Int32Array(points.length);
  let count = 0;
  let lastX = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    if (point.head !== lastHead) continue;
    const value = xAxis === 'iteration' ? point.iteration : (point.elapsedMs ?? Number.NaN) / 1000;
    if (!(value > lastX)) continue;
    lastX = value;
    x[count] = value;
    rows[count++] = i;
  }
  return { x: x.subarray(0, count), rows: rows.subarray(0, count) };
}

/** One value per drawable point, scaled; NaN where the point has none (or, on a log axis, a non-positive one). */
function valueColumn(points: readonly HistoryLike[], rows: Int32Array, pick: (point: HistoryLike) => number | undefined, scale = 1, positiveOnly = false): Float64Array {
  const column = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const raw = pick(points[rows[k]!]!);
    const value = raw === undefined ? Number.NaN : raw * scale;
    column[k] = Number.isFinite(value) && (!positiveOnly || value > 0) ? value : Number.NaN;
  }
  return column;
}

/** The drawable points' events at their x. */
function eventMarks(points: readonly HistoryLike[], x: Float64Array, rows: Int32Array): EventMark[] {
  const marks: EventMark[] = [];
  for (let k = 0; k < rows.length; k++) {
    const event = points[rows[k]!]!.event;
    if (event) marks.push({ x: x[k]!, label: event });
  }
  return marks;
}

/** The line's points: all of them, or min-max decimated to `buckets` when given. */
function line(x: Float64Array, y: Float64Array, buckets: number | undefined): XY[] {
  return decimateColumns(x, y, buckets ?? Number.POSITIVE_INFINITY);
}

/**
 * Objective, certified lower bound and relative gap (percent) against the chosen axis; with
 * `buckets`, each line is min-max decimated on the way (no object per dropped point), which is
 * what keeps a 100k-point history cheap to redraw ten times a second.
 */
export function objectiveSeries(points: readonly HistoryLike[], xAxis: XAxisMode = 'iteration', buckets?: number): ObjectiveSeries {
  const { x, rows } = drawableColumns(points, xAxis);
  return {
    marks: eventMarks(points, x, rows),
    objective: line(x, valueColumn(points, rows, (p) => p.objective), buckets),
    lowerBound: line(x, valueColumn(points, rows, (p) => p.lowerBound), buckets),
    gapPercent: line(x, valueColumn(points, rows, (p) => p.relativeGap, 100, true), buckets),
  };
}

/** Relative gap and ADMM primal/dual residuals, positive values only (they share a log axis). */
export function convergenceSeries(points: readonly HistoryLike[], xAxis: XAxisMode = 'iteration', buckets?: number): ConvergenceSeries {
  const { x, rows } = drawableColumns(points, xAxis);
  return {
    relativeGap: line(x, valueColumn(points, rows, (p) => p.relativeGap, 1, true), buckets),
    primalResidual: line(x, valueColumn(points, rows, (p) => p.primalResidual, 1, true), buckets),
    dualResidual: line(x, valueColumn(points, rows, (p) => p.dualResidual, 1, true), buckets),
    marks: eventMarks(points, x, rows),
  };
}

/** Training and test accuracy in percent. */
export function accuracySeries(points: readonly HistoryLike[], xAxis: XAxisMode = 'iteration', buckets?: number): AccuracySeries {
  const { x, rows } = drawableColumns(points, xAxis);
  return {
    train: line(x, valueColumn(points, rows, (p) => p.trainAccuracy, 100), buckets),
    test: line(x, valueColumn(points, rows, (p) => p.testAccuracy, 100), buckets),
  };
}
