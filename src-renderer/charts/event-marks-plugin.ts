import type { Chart, Plugin } from 'chart.js';
import type { EventMark } from './history-series';

/**
 * Draws each mark as a dashed vertical line across the chart area with its label at the top,
 * right of the line (left of it near the right edge). Chart.js has no such element without the
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
      for (const mark of marks) {
        const px = x.getPixelForValue(mark.x);
        if (!(px >= chartArea.left && px <= chartArea.right)) continue;
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        const width = ctx.measureText(mark.label).width;
        ctx.fillText(mark.label, px + 4 + width > chartArea.right ? px - 4 - width : px + 4, chartArea.top + 2);
      }
      ctx.restore();
    },
  };
}

/** The chart's plugin list: the marks' plugin when there are marks, else none. */
export function eventMarksPlugins(marks: readonly EventMark[], color: string): Plugin<'line'>[] {
  return marks.length > 0 ? [eventMarksPlugin(marks, color)] : [];
}
