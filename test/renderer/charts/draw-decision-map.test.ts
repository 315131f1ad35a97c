import { describe, expect, it } from 'vitest';
import type { DecisionGrid } from '../../../src-renderer/charts/decision-grid';
import { drawDecisionMap } from '../../../src-renderer/charts/draw-decision-map';

/** A canvas context that records fillRect calls and ignores everything else. */
function recordingContext(width: number, height: number): { context: CanvasRenderingContext2D; rects: number[][] } {
  const rects: number[][] = [];
  const context = new Proxy({ canvas: { width, height } } as Record<string, unknown>, {
    get(target, key) {
      if (key in target) return target[key as string];
      if (key === 'fillRect') return (...args: number[]) => rects.push(args);
      return () => {};
    },
    set(target, key, value) {
      target[key as string] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { context, rects };
}

describe('drawDecisionMap', () => {
  it('tiles the plot with cells on whole pixels, without overlaps (seams) or gaps', () => {
    const resolution = 7;
    const grid: DecisionGrid = {
      axes: { resolution, xRange: [0, 1], yRange: [0, 1], xFeature: 0, yFeature: 1, baseline: [0.5, 0.5] },
      labels: new Int32Array(resolution * resolution),
      values: new Float64Array(resolution * resolution).fill(0.5),
    };
    const sample = { totalCount: 0, rows: [], featureNames: ['a', 'b'], cellColumns: [], classNames: ['p', 'q'] };
    const { context, rects } = recordingContext(433, 301);
    drawDecisionMap(context, grid, sample, { text: '#000', grid: '#ccc', danger: '#f00', axisLabels: { x: 'a', y: 'b' }, ticks: { xLow: '0', xHigh: '1', yLow: '0', yHigh: '1' } });
    expect(rects).toHaveLength(resolution * resolution);
    for (const r of rects) expect(r.every(Number.isInteger)).toBe(true);
    // Every pixel of the plot covered exactly once.
    const covered = new Map<string, number>();
    for (const [x, y, w, h] of rects) for (let a = x!; a < x! + w!; a++) for (let b = y!; b < y! + h!; b++) covered.set(`${a},${b}`, (covered.get(`${a},${b}`) ?? 0) + 1);
    expect([...covered.values()].every((count) => count === 1)).toBe(true);
    const xs = rects.map((r) => r[0]!);
    const ys = rects.map((r) => r[1]!);
    const area = (Math.max(...rects.map((r) => r[0]! + r[2]!)) - Math.min(...xs)) * (Math.max(...rects.map((r) => r[1]! + r[3]!)) - Math.min(...ys));
    expect(covered.size).toBe(area);
  });
});
