import type { Chart, Plugin } from 'chart.js';
import type { EventMark } from './history-series';

/**
 * Draws each mark as a dashed vertical line across the chart area with its label at the top,
 * right of the line (left of it near the right edge; none where it would overlap another). Chart.js has no such element without the
 * annotation plugin; these few lines are all the charts need.
 */
function eventMarksPlugin(marks: readonly EventMark[], color: string): Plugin<'line'> {
  return {
    id: 'event-marks',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea } = chart;
      const x = chart.scales['x'];
      if (!x || marks.length === 0) return;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      ctx.font = '11px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      const placed = placeMarkLabels(
        marks.map((mark) => ({ px: x.getPixelForValue(mark.x), width: ctx.measureText(mark.label).width })),
        chartArea.left,
        chartArea.right,
      );
      marks.forEach((mark, k) => {
        const { px, labelX } = placed[k]!;
        if (!(px >= chartArea.left && px <= chartArea.right)) return;
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        if (labelX !== null) ctx.fillText(mark.label, labelX, chartArea.top + 2);
      });
      ctx.restore();
    },
  };
}

/** Pixels between a label and its line, and at least between two labels. */
const LABEL_GAP = 4;

/**
 * Where each mark's label goes: right of its line (left of it near the right edge), or null when
 * it would overlap the label before it. Working-set rounds can come every few Newton steps, and
 * their lines then stand close together under one readable label.
 */
export function placeMarkLabels(marks: readonly { px: number; width: number }[], left: number, right: number): { px: number; labelX: number | null }[] {
  let end = -Infinity;
  return marks.map(({ px, width }) => {
    if (!(px >= left && px <= right)) return { px, labelX: null };
    const labelX = px + LABEL_GAP + width > right ? px - LABEL_GAP - width : px + LABEL_GAP;
    if (labelX < end + LABEL_GAP) return { px, labelX: null };
    end = labelX + width;
    return { px, labelX };
  });
}

/** The chart's plugin list: the marks' plugin when there are marks, else none. */
export function eventMarksPlugins(marks: readonly EventMark[], color: string): Plugin<'line'>[] {
  return marks.length > 0 ? [eventMarksPlugin(marks, color)] : [];
}
