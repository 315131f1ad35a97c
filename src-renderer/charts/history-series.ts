/** One chart point; Chart.js draws these directly (parsing: false). */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/** What both the live progress events and a finished run's history provide. */
export interface HistoryLike {
  readonly iteration: number;
  readonly objective: number;
  readonly lowerBound?: number | undefined;
  readonly relativeGap?: number | undefined;
  readonly head?: number | undefined;
}

export interface ObjectiveSeries {
  readonly objective: XY[];
  readonly lowerBound: XY[];
  /** Relative gap in percent; only positive values (the axis is logarithmic). */
  readonly gapPercent: XY[];
}

/**
 * Series for the objective chart, ordered by iteration as the decimation plugin requires. Live
 * one-vs-rest runs restart the iteration count per head, so only the latest head is drawn.
 */
export function objectiveSeries(points: readonly HistoryLike[]): ObjectiveSeries {
  const lastHead = points.length > 0 ? points[points.length - 1]!.head : undefined;
  const objective: XY[] = [];
  const lowerBound: XY[] = [];
  const gapPercent: XY[] = [];
  let lastIteration = -Infinity;
  for (const point of points) {
    if (point.head !== lastHead || !(point.iteration > lastIteration)) continue;
    lastIteration = point.iteration;
    const x = point.iteration;
    if (Number.isFinite(point.objective)) objective.push({ x, y: point.objective });
    if (point.lowerBound !== undefined && Number.isFinite(point.lowerBound)) lowerBound.push({ x, y: point.lowerBound });
    if (point.relativeGap !== undefined && Number.isFinite(point.relativeGap) && point.relativeGap > 0) {
      gapPercent.push({ x, y: point.relativeGap * 100 });
    }
  }
  return { objective, lowerBound, gapPercent };
}
