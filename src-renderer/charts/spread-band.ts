import type { XY } from './history-series';

/** The spread of several runs' curves: lowest, median and highest value at each x. */
export interface SpreadBand {
  readonly min: XY[];
  readonly median: XY[];
  readonly max: XY[];
}

/** The value a curve holds at x: its last point at or before x (a run's state until its next check). */
function valueAt(curve: readonly XY[], x: number, from: { index: number }): number | null {
  while (from.index + 1 < curve.length && curve[from.index + 1]!.x <= x) from.index++;
  const point = curve[from.index];
  return point && point.x <= x ? point.y : null;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Min / median / max across curves (each sorted by x) on the union of their x values, each curve
 * holding its last value until its next point. Only x where every curve has started and none has
 * ended yet is kept (past a run's end its value is unknown); fewer than two curves give no band.
 */
export function spreadBand(curves: readonly (readonly XY[])[]): SpreadBand {
  const band: SpreadBand = { min: [], median: [], max: [] };
  const live = curves.filter((curve) => curve.length > 0);
  if (live.length < 2) return band;
  const end = Math.min(...live.map((curve) => curve[curve.length - 1]!.x));
  const xs = [...new Set(live.flatMap((curve) => curve.map((p) => p.x)))].filter((x) => x <= end).sort((a, b) => a - b);
  const cursors = live.map(() => ({ index: 0 }));
  for (const x of xs) {
    const values = live.map((curve, k) => valueAt(curve, x, cursors[k]!)).filter((v): v is number => v !== null);
    if (values.length < live.length) continue;
    values.sort((a, b) => a - b);
    band.min.push({ x, y: values[0]! });
    band.median.push({ x, y: median(values) });
    band.max.push({ x, y: values[values.length - 1]! });
  }
  return band;
}

/** Min / median / max of plain numbers (e.g. the final test accuracy of each seed); null when empty. */
export function spreadOf(values: readonly number[]): { min: number; median: number; max: number } | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  return { min: finite[0]!, median: median(finite), max: finite[finite.length - 1]! };
}
