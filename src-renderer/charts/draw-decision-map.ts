import type { TestPredictions } from '../../src-core/contract/test-predictions';
import type { DecisionGrid } from './decision-grid';
import { seriesColor, withAlpha } from './palette';

export interface MapStyle {
  readonly text: string;
  readonly grid: string;
  readonly danger: string;
  readonly axisLabels: { readonly x: string; readonly y: string };
  /** Tick text at the ends of each axis (raw units). */
  readonly ticks: { readonly xLow: string; readonly xHigh: string; readonly yLow: string; readonly yHigh: string };
}

const MARGIN = { left: 56, right: 12, top: 12, bottom: 44 };

/** Regression: blue (low) to orange (high) by the value's place in the grid's range. */
function valueColor(t: number): string {
  const a = [0, 114, 178];
  const b = [230, 159, 0];
  const mix = (k: number) => Math.round(a[k]! + (b[k]! - a[k]!) * t);
  return `rgba(${mix(0)}, ${mix(1)}, ${mix(2)}, 0.55)`;
}

/**
 * Paints the decision map: each cell in its predicted class's colour, stronger where the model
 * is surer (regression: the predicted value's colour), then the sampled test rows as dots in
 * their true class's colour, ringed in red when misclassified.
 */
export function drawDecisionMap(context: CanvasRenderingContext2D, grid: DecisionGrid, sample: TestPredictions, style: MapStyle): void {
  const { width, height } = context.canvas;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const { resolution, xRange, yRange, xFeature, yFeature } = grid.axes;
  context.clearRect(0, 0, width, height);
  const cellW = plotW / resolution;
  const cellH = plotH / resolution;
  let low = Infinity;
  let high = -Infinity;
  if (!grid.labels) {
    for (const v of grid.values) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      const cell = j * resolution + i;
      const value = grid.values[cell]!;
      context.fillStyle = grid.labels
        ? withAlpha(seriesColor(grid.labels[cell]!), 0.1 + 0.35 * value)
        : valueColor(high > low ? (value - low) / (high - low) : 0.5);
      // Row j counts from the bottom; the canvas counts from the top. Cells end on whole pixels
      // shared with their neighbours: overlapping translucent cells drew a visible grid of seams.
      const left = Math.round(MARGIN.left + i * cellW);
      const top = Math.round(MARGIN.top + (resolution - 1 - j) * cellH);
      context.fillRect(left, top, Math.round(MARGIN.left + (i + 1) * cellW) - left, Math.round(MARGIN.top + (resolution - j) * cellH) - top);
    }
  }
  const toX = (v: number) => MARGIN.left + ((v - xRange[0]) / (xRange[1] - xRange[0])) * plotW;
  const toY = (v: number) => MARGIN.top + (1 - (v - yRange[0]) / (yRange[1] - yRange[0])) * plotH;
  const classification = grid.labels !== null;
  for (const row of sample.rows) {
    if (!row.features) continue;
    context.beginPath();
    context.arc(toX(row.features[xFeature]!), toY(row.features[yFeature]!), 4.5, 0, 2 * Math.PI);
    context.fillStyle = classification ? seriesColor(row.actual) : style.text;
    context.fill();
    context.lineWidth = classification && row.actual !== row.predicted ? 2 : 1;
    context.strokeStyle = classification && row.actual !== row.predicted ? style.danger : style.text;
    context.stroke();
  }
  context.strokeStyle = style.grid;
  context.lineWidth = 1;
  context.strokeRect(MARGIN.left, MARGIN.top, plotW, plotH);
  context.fillStyle = style.text;
  context.font = '12px sans-serif';
  context.textAlign = 'left';
  context.fillText(style.ticks.xLow, MARGIN.left, MARGIN.top + plotH + 16);
  context.textAlign = 'right';
  context.fillText(style.ticks.xHigh, MARGIN.left + plotW, MARGIN.top + plotH + 16);
  context.textAlign = 'center';
  context.fillText(style.axisLabels.x, MARGIN.left + plotW / 2, height - 8);
  context.textAlign = 'right';
  context.fillText(style.ticks.yHigh, MARGIN.left - 4, MARGIN.top + 10);
  context.fillText(style.ticks.yLow, MARGIN.left - 4, MARGIN.top + plotH);
  context.save();
  context.translate(14, MARGIN.top + plotH / 2);
  context.rotate(-Math.PI / 2);
  context.textAlign = 'center';
  context.fillText(style.axisLabels.y, 0, 0);
  context.restore();
}
