import type { ChartConfiguration, Plugin, ScatterDataPoint } from 'chart.js';
import type { TestPredictions } from '../../src-core/contract/test-predictions';
import type { DecisionGrid } from './decision-grid';
import { seriesColor, withAlpha } from './palette';

export type DecisionMapConfig = ChartConfiguration<'scatter', ScatterDataPoint[]>;

export interface DecisionMapStyle {
  readonly text: string;
  readonly grid: string;
  readonly danger: string;
}

/** The names of the two inputs on the axes, as the data calls them. */
export interface DecisionMapNames {
  readonly x: string;
  readonly y: string;
}

/**
 * Prepared (model) units to the data's own units, per axis. The grid is computed in prepared
 * units, but the axes are read in the data's: their ticks are round numbers of the file's units.
 * Preparation is affine per input (standardization, min-max), so cells stay rectangles.
 */
export interface DecisionMapUnits {
  readonly x: (prepared: number) => number;
  readonly y: (prepared: number) => number;
}

/** Regression: blue (low) to orange (high) by the value's place in the grid's range. */
function valueColor(t: number): string {
  const a = [0, 114, 178];
  const b = [230, 159, 0];
  const mix = (k: number) => Math.round(a[k]! + (b[k]! - a[k]!) * t);
  return `rgba(${mix(0)}, ${mix(1)}, ${mix(2)}, 0.55)`;
}

/** Each cell's fill: its predicted class's colour, stronger where the model is surer (regression: the value's colour). */
export function cellColors(grid: DecisionGrid): string[] {
  if (grid.labels) {
    const labels = grid.labels;
    return Array.from(grid.values, (value, cell) => withAlpha(seriesColor(labels[cell]!), 0.1 + 0.35 * value));
  }
  let low = Infinity;
  let high = -Infinity;
  for (const v of grid.values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return Array.from(grid.values, (value) => valueColor(high > low ? (value - low) / (high - low) : 0.5));
}

/**
 * The resolution + 1 cell boundaries along an axis, in whole canvas pixels: neighbouring cells
 * share a boundary, so translucent cells neither overlap (a visible grid of seams) nor leave gaps.
 */
export function cellEdges(range: readonly [number, number], resolution: number, toPixel: (prepared: number) => number): number[] {
  const step = (range[1] - range[0]) / resolution;
  return Array.from({ length: resolution + 1 }, (_, k) => Math.round(toPixel(range[0] + k * step)));
}

/** Paints cell (i, j) between xEdges[i..i+1] and yEdges[j..j+1] (row j counts from the bottom). */
export function paintCells(context: CanvasRenderingContext2D, resolution: number, colors: readonly string[], xEdges: readonly number[], yEdges: readonly number[]): void {
  for (let j = 0; j < resolution; j++) {
    const top = Math.min(yEdges[j]!, yEdges[j + 1]!);
    const height = Math.abs(yEdges[j + 1]! - yEdges[j]!);
    for (let i = 0; i < resolution; i++) {
      const left = Math.min(xEdges[i]!, xEdges[i + 1]!);
      context.fillStyle = colors[j * resolution + i]!;
      context.fillRect(left, top, Math.abs(xEdges[i + 1]! - xEdges[i]!), height);
    }
  }
}

/** Draws the grid's cells under the dots, through the chart's own scales (so they match its ticks). */
function cellsPlugin(grid: DecisionGrid, units: DecisionMapUnits): Plugin<'scatter'> {
  const colors = cellColors(grid);
  const { resolution, xRange, yRange } = grid.axes;
  return {
    id: 'decisionCells',
    beforeDatasetsDraw(chart) {
      const { x, y } = chart.scales;
      if (!x || !y) return;
      const xEdges = cellEdges(xRange, resolution, (v) => x.getPixelForValue(units.x(v)));
      const yEdges = cellEdges(yRange, resolution, (v) => y.getPixelForValue(units.y(v)));
      paintCells(chart.ctx, resolution, colors, xEdges, yEdges);
    },
  };
}

function axis(name: string, ends: readonly [number, number], style: DecisionMapStyle) {
  return {
    type: 'linear' as const,
    min: Math.min(ends[0], ends[1]),
    max: Math.max(ends[0], ends[1]),
    title: { display: true, text: name, color: style.text, font: { size: 13, weight: 'bold' as const } },
    // Round values inside the range only: the range's own ends (e.g. -1.1479) read as noise.
    ticks: { color: style.text, includeBounds: false, maxTicksLimit: 9 },
    grid: { color: style.grid },
  };
}

/**
 * The decision map as a Chart.js scatter chart: the axes in the data's units, with round ticks
 * and the inputs' names as titles; the test rows as dots in their true class's colour, ringed in
 * red when misclassified (regression: all in the text colour); the cells painted beneath.
 */
export function decisionMapConfig(grid: DecisionGrid, sample: TestPredictions, names: DecisionMapNames, units: DecisionMapUnits, style: DecisionMapStyle): DecisionMapConfig {
  const { xFeature, yFeature, xRange, yRange } = grid.axes;
  const classification = grid.labels !== null;
  const rows = sample.rows.filter((row) => row.features);
  const wrong = rows.map((row) => classification && row.actual !== row.predicted);
  return {
    type: 'scatter',
    plugins: [cellsPlugin(grid, units)],
    data: {
      datasets: [
        {
          label: 'Test rows',
          data: rows.map((row) => ({ x: units.x(row.features![xFeature]!), y: units.y(row.features![yFeature]!) })),
          pointRadius: 4.5,
          pointHoverRadius: 6,
          pointBackgroundColor: rows.map((row) => (classification ? seriesColor(row.actual) : style.text)),
          pointBorderColor: wrong.map((w) => (w ? style.danger : style.text)),
          pointBorderWidth: wrong.map((w) => (w ? 2 : 1)),
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: axis(names.x, [units.x(xRange[0]), units.x(xRange[1])], style),
        y: axis(names.y, [units.y(yRange[0]), units.y(yRange[1])], style),
      },
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
    },
  };
}
