import { describe, expect, it } from 'vitest';
import { SERIES_PALETTE } from '../../../src-renderer/charts/palette';
import { rocChartSpec } from '../../../src-renderer/charts/roc-chart-spec';
import { binaryRocLine, type RocLine } from '../../../src-renderer/charts/roc-series';
import type { ChartColors } from '../../../src-renderer/charts/chart-colors';

const colors = { text: '#333333' } as ChartColors;

describe('ROC chart', () => {
  it('draws each class its own way: past the palette\'s colours, the repeated ones dashed', () => {
    const lines: RocLine[] = Array.from({ length: 10 }, (_, k) => ({ label: `${k} vs rest`, auc: 0.9, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }));
    const spec = rocChartSpec(lines, colors);
    const curves = spec.lines.slice(0, 10);
    expect(SERIES_PALETTE.length).toBe(8);
    const looks = curves.map((line) => `${line.color} ${line.dashed === true}`);
    expect(new Set(looks).size).toBe(10);
    expect(curves.slice(0, 8).every((line) => !line.dashed)).toBe(true);
    expect(curves[8]!.color).toBe(curves[0]!.color);
    expect(curves[8]!.dashed).toBe(true);
    expect(spec.lines[10]!.label).toBe('Chance');
  });

  it("colours a one-vs-rest curve by its class's index, not its place in the legend, as the decision map does", () => {
    const line = (classIndex: number): RocLine => ({ label: `c${classIndex} vs rest`, auc: 0.9, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], classIndex });
    const spec = rocChartSpec([line(0), line(2), line(1)], colors);
    expect(spec.lines.slice(0, 3).map((l) => l.color)).toEqual([SERIES_PALETTE[0], SERIES_PALETTE[2], SERIES_PALETTE[1]]);
  });

  it("colours a binary run's curve as the decision map draws its positive class (class 1)", () => {
    const binary = binaryRocLine({ fpr: [0, 0.5, 1], tpr: [0, 0.8, 1], thresholds: [Number.MAX_VALUE, 0.5, 0] }, 0.9, 'yes', 'no');
    expect(rocChartSpec([binary], colors).lines[0]!.color).toBe(SERIES_PALETTE[1]);
  });
});
