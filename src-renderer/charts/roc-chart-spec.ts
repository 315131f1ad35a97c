import type { ChartColors } from './chart-colors';
import type { LineChartSpec } from './line-chart-config';
import { seriesColor, seriesDashed } from './palette';
import type { RocLine } from './roc-series';
import { minMaxDecimate } from './decimate';

/**
 * ROC curves with the chance diagonal; the legend carries each curve's area. A one-vs-rest curve
 * takes its class's colour (the decision map's), whatever its place in the legend.
 */
export function rocChartSpec(lines: readonly RocLine[], colors: ChartColors): LineChartSpec {
  return {
    x: { title: 'False positive rate', min: 0, max: 1 },
    y: { title: 'True positive rate', min: 0, max: 1 },
    lines: [
      ...lines.map((line, k) => ({
        label: line.auc === null ? line.label : `${line.label} (AUC ${line.auc.toFixed(3)})`,
        data: minMaxDecimate(line.points),
        color: seriesColor(line.classIndex ?? k),
        dashed: seriesDashed(line.classIndex ?? k),
      })),
      { label: 'Chance', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], color: colors.text, dashed: true, width: 1 },
    ],
  };
}
