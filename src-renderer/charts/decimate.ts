import type { XY } from './history-series';

/** Buckets the charts keep (a chart is at most ~1000 px wide; at most 4 points per bucket). */
export const DEFAULT_BUCKETS = 800;

/**
 * Min-max decimation of a line given as columns (x increasing; y NaN where the line has no
 * point): the x range is cut into `buckets` equal slices and each slice keeps its first, lowest,
 * highest and last point, in x order. Every extreme survives, so spikes stay visible and the
 * drawn envelope is exact at pixel resolution, while at most 4 x buckets points reach Chart.js
 * whatever the input length. One pass over typed arrays; only kept points become objects.
 */
export function decimateColumns(x: ArrayLike<number>, y: ArrayLike<number>, buckets = DEFAULT_BUCKETS): XY[] {
  const n = x.length;
  let first = -1;
  let last = -1;
  let valid = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(y[i]!)) continue;
    if (first < 0) first = i;
    last = i;
    valid++;
  }
  const out: XY[] = [];
  if (valid === 0) return out;
  if (valid <= 4 * buckets) {
    for (let i = first; i <= last; i++) if (!Number.isNaN(y[i]!)) out.push({ x: x[i]!, y: y[i]! });
    return out;
  }
  const x0 = x[first]!;
  const span = x[last]! - x0;
  if (!(span > 0)) return [{ x: x[first]!, y: y[first]! }, { x: x[last]!, y: y[last]! }];
  const scale = buckets / span;
  let bucket = -1;
  let start = -1;
  let low = -1;
  let high = -1;
  let end = -1;
  const flush = (): void => {
    if (start < 0) return;
    const a = Math.min(low, high);
    const b = Math.max(low, high);
    // start <= a <= b <= end: emit each distinct index once, in order.
    out.push({ x: x[start]!, y: y[start]! });
    if (a !== start) out.push({ x: x[a]!, y: y[a]! });
    if (b !== a) out.push({ x: x[b]!, y: y[b]! });
    if (end !== b) out.push({ x: x[end]!, y: y[end]! });
  };
  for (let i = first; i <= last; i++) {
    const value = y[i]!;
    if (Number.isNaN(value)) continue;
    const b = Math.min(buckets - 1, Math.floor((x[i]! - x0) * scale));
    if (b !== bucket) {
      flush();
      bucket = b;
      start = low = high = i;
    } else {
      if (value < y[low]!) low = i;
      if (value > y[high]!) high = i;
    }
    end = i;
  }
  flush();
  return out;
}

/** Min-max decimation of a line of points sorted by x (see decimateColumns). */
export function minMaxDecimate(points: readonly XY[], buckets = DEFAULT_BUCKETS): XY[] {
  if (points.length <= 4 * buckets) return points.slice();
  return decimateColumns(
    Float64Array.from(points, (p) => p.x),
    Float64Array.from(points, (p) => p.y),
    buckets,
  );
}
