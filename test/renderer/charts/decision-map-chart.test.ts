import { BasicPlatform, Chart } from 'chart.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestPredictions } from '../../../src-core/contract/test-predictions';
import type { DecisionGrid } from '../../../src-renderer/charts/decision-grid';
import { cellEdges, decisionMapConfig, paintCells } from '../../../src-renderer/charts/decision-map-chart';
import { registerLineCharts } from '../../../src-renderer/charts/register-charts';

/** A canvas context that records fillRect calls, measures text at 6 px a character and ignores the rest. */
function recordingContext(width: number, height: number): { context: CanvasRenderingContext2D; rects: number[][] } {
  const rects: number[][] = [];
  const context = new Proxy({ canvas: { width, height, style: {} } } as Record<string, unknown>, {
    get(target, key) {
      if (key in target) return target[key as string];
      if (key === 'fillRect') return (...args: number[]) => rects.push(args);
      if (key === 'measureText') return (text: string) => ({ width: String(text).length * 6 });
      return () => {};
    },
    set(target, key, value) {
      target[key as string] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { context, rects };
}

const resolution = 7;
/** Prepared units -1..1 on both axes; the raw x is 10 + 0.574 * prepared, the raw y 2000 + 350 * prepared. */
const grid: DecisionGrid = {
  axes: { resolution, xRange: [-1, 1], yRange: [-1, 1], xFeature: 0, yFeature: 1, baseline: [0, 0] },
  labels: new Int32Array(resolution * resolution),
  values: new Float64Array(resolution * resolution).fill(0.5),
};
const sample: TestPredictions = {
  totalCount: 2,
  rows: [
    { row: 0, actual: 0, predicted: 0, scores: [], probabilities: [], features: [0, 0], cells: [] },
    { row: 1, actual: 1, predicted: 0, scores: [], probabilities: [], features: [0.5, -0.5], cells: [] },
  ],
  featureNames: ['bill length', 'body mass'],
  cellColumns: [],
  classNames: ['p', 'q'],
};
const units = { x: (v: number) => 10 + 0.574 * v, y: (v: number) => 2000 + 350 * v };
const style = { text: '#111111', grid: '#cccccc', danger: '#ff0000' };
const config = () => decisionMapConfig(grid, sample, { x: 'bill length', y: 'body mass' }, units, style);

let chart: Chart | null = null;
afterEach(() => {
  chart?.destroy();
  chart = null;
});

describe('the decision map chart', () => {
  it('titles the axes with the inputs\' names and spans them in the data\'s units', () => {
    const { x, y } = config().options!.scales! as Record<string, { min: number; max: number; title: { text: string; display: boolean } }>;
    expect([x!.title.text, y!.title.text]).toEqual(['bill length', 'body mass']);
    expect(x!.title.display && y!.title.display).toBe(true);
    expect([x!.min, x!.max]).toEqual([units.x(-1), units.x(1)]);
    expect([y!.min, y!.max]).toEqual([1650, 2350]);
  });

  it('puts the test rows in the data\'s units, in their true class\'s colour, ringed in red when misclassified', () => {
    const dataset = config().data.datasets[0]!;
    expect(dataset.data).toEqual([{ x: 10, y: 2000 }, { x: 10.287, y: 1825 }]);
    expect(dataset.pointBorderColor).toEqual(['#111111', '#ff0000']);
    expect(dataset.pointBorderWidth).toEqual([1, 2]);
  });

  it('gets round ticks along each axis, not just the two ends', () => {
    registerLineCharts();
    const { context } = recordingContext(560, 440);
    const canvas = { getContext: () => context, width: 560, height: 440, style: {} };
    context.canvas.getContext = canvas.getContext as never;
    const base = config();
    chart = new Chart(canvas as unknown as HTMLCanvasElement, { ...base, platform: BasicPlatform, options: { ...base.options, responsive: false } });
    const ticks = (axis: 'x' | 'y') => chart!.scales[axis]!.ticks.map((t) => t.value);
    for (const axis of ['x', 'y'] as const) {
      expect(ticks(axis).length).toBeGreaterThanOrEqual(4);
      const step = ticks(axis)[1]! - ticks(axis)[0]!;
      // Round values: each a whole multiple of a 1, 2 or 5 step (e.g. 9.5, 9.6, ...; 1700, 1800, ...).
      expect(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(3))).toSatisfy((m: number) => [1, 2, 2.5, 5].includes(m));
      for (const t of ticks(axis)) expect(Math.abs(t / step - Math.round(t / step))).toBeLessThan(1e-6);
    }
    expect(ticks('y')).toContain(2000);
    // The range's ends (9.426, 10.574) are not ticks of their own.
    expect(ticks('x')).not.toContain(units.x(-1));
  });

  it('tiles the plot with cells on whole pixels, without overlaps (seams) or gaps', () => {
    const { context, rects } = recordingContext(433, 301);
    const xEdges = cellEdges([0, 1], resolution, (v) => 56.3 + v * 364.7);
    const yEdges = cellEdges([0, 1], resolution, (v) => 289.2 - v * 277.1); // pixels grow downwards
    paintCells(context, resolution, Array<string>(resolution * resolution).fill('red'), xEdges, yEdges);
    expect(rects).toHaveLength(resolution * resolution);
    for (const r of rects) expect(r.every(Number.isInteger)).toBe(true);
    const covered = new Map<string, number>();
    for (const [x, y, w, h] of rects) for (let a = x!; a < x! + w!; a++) for (let b = y!; b < y! + h!; b++) covered.set(`${a},${b}`, (covered.get(`${a},${b}`) ?? 0) + 1);
    expect([...covered.values()].every((count) => count === 1)).toBe(true);
    const xs = rects.map((r) => r[0]!);
    const ys = rects.map((r) => r[1]!);
    const area = (Math.max(...rects.map((r) => r[0]! + r[2]!)) - Math.min(...xs)) * (Math.max(...rects.map((r) => r[1]! + r[3]!)) - Math.min(...ys));
    expect(covered.size).toBe(area);
  });
});
