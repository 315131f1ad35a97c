import { describe, expect, it } from 'vitest';
import type { ChartColors } from '../../../src-renderer/charts/chart-colors';
import { lineChartConfig } from '../../../src-renderer/charts/line-chart-config';

const colors = { text: '#333333', grid: '#dddddd' } as ChartColors;

describe('line chart axes', () => {
  it("labels a log axis's decades in one notation (the residual chart read 0.001, 0.00001, 1e-7)", () => {
    const config = lineChartConfig(
      { lines: [{ label: 'Primal residual', data: [{ x: 0, y: 10 }, { x: 1, y: 1e-8 }], color: '#000000' }], x: { title: 'Iteration' }, y: { title: 'Residual', type: 'logarithmic' } },
      colors,
    );
    const ticks = config.options!.scales!.y!.ticks as unknown as { callback: (value: number) => string };
    expect([10, 0.01, 1e-5, 1e-8].map((v) => ticks.callback(v))).toEqual(['10', '0.01', '1e-5', '1e-8']);
  });
});
