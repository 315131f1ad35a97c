import { describe, expect, it } from 'vitest';
import { decimateColumns, DEFAULT_BUCKETS, minMaxDecimate } from '../../../src-renderer/charts/decimate';
import type { XY } from '../../../src-renderer/charts/history-series';

/** A noisy decaying curve with two spikes, 100k points (a long ADMM run's history). */
function longCurve(n = 100_000): XY[] {
  return Array.from({ length: n }, (_, i) => ({ x: i, y: 100 / (1 + i) + 0.01 * Math.sin(i * 1.7) + (i === 31_337 ? 50 : 0) - (i === 77_777 ? 20 : 0) }));
}

describe('minMaxDecimate', () => {
  it('leaves short lines alone', () => {
    const points = longCurve(100);
    expect(minMaxDecimate(points)).toEqual(points);
  });

  it('bounds a 100k-point line to 4 points per bucket and keeps the ends and every extreme', () => {
    const points = longCurve();
    const thin = minMaxDecimate(points);
    expect(thin.length).toBeLessThanOrEqual(4 * DEFAULT_BUCKETS);
    expect(thin.length).toBeGreaterThan(DEFAULT_BUCKETS);
    expect(thin[0]).toEqual(points[0]);
    expect(thin[thin.length - 1]).toEqual(points[points.length - 1]);
    // The spikes (global max after the start, global min) survive.
    expect(thin).toContainEqual(points[31_337]);
    expect(thin).toContainEqual(points[77_777]);
    // Still ordered by x, as Chart.js needs with parsing off.
    for (let k = 1; k < thin.length; k++) expect(thin[k]!.x).toBeGreaterThan(thin[k - 1]!.x);
  });

  it('keeps each bucket\'s lowest and highest point (the envelope is exact at bucket resolution)', () => {
    const points = longCurve(20_000);
    const buckets = 100;
    const thin = minMaxDecimate(points, buckets);
    const width = (points[points.length - 1]!.x - points[0]!.x) / buckets;
    for (let b = 0; b < buckets; b++) {
      const inBucket = (p: XY) => Math.min(buckets - 1, Math.floor((p.x - points[0]!.x) / width)) === b;
      const all = points.filter(inBucket).map((p) => p.y);
      const kept = thin.filter(inBucket).map((p) => p.y);
      expect(Math.max(...kept)).toBe(Math.max(...all));
      expect(Math.min(...kept)).toBe(Math.min(...all));
    }
  });

  it('decimates columns, skipping the NaN entries of a line with gaps', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Number.NaN : Math.cos(i / 50)));
    const thin = decimateColumns(x, y, 50);
    expect(thin.length).toBeLessThanOrEqual(200);
    expect(thin.every((p) => Number.isFinite(p.y) && p.x % 3 !== 0)).toBe(true);
    expect(Math.max(...thin.map((p) => p.y))).toBe(Math.max(...Array.from(y).filter((v) => !Number.isNaN(v))));
    expect(decimateColumns(x.subarray(0, 5), Float64Array.from([1, Number.NaN, 2, Number.NaN, 3]))).toEqual([
      { x: 0, y: 1 },
      { x: 2, y: 2 },
      { x: 4, y: 3 },
    ]);
  });
});
