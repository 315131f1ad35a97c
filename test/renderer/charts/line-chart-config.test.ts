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

  it('gives close ticks of a linear axis the digits that tell them apart (years read "2010, 2010, 2010")', () => {
    const config = lineChartConfig(
      { lines: [{ label: 'Objective', data: [{ x: 2007, y: 1377.8 }, { x: 2009, y: 1377.9 }], color: '#000000' }], x: { title: 'Year' }, y: { title: 'Objective' } },
      colors,
    );
    type Callback = (value: number, index: number, ticks: { value: number }[]) => string;
    const label = (axis: 'x' | 'y', values: number[]): string[] => {
      const callback = (config.options!.scales![axis]!.ticks as unknown as { callback: Callback }).callback;
      return values.map((value, index) => callback(value, index, values.map((v) => ({ value: v }))));
    };
    expect(label('x', [2007, 2008, 2009])).toEqual(['2007', '2008', '2009']);
    expect(label('y', [1377.8, 1377.85, 1377.9])).toEqual(['1377.8', '1377.85', '1377.9']);
    // Wide steps keep three digits.
    expect(label('y', [0, 0.25, 0.5])).toEqual(['0', '0.25', '0.5']);
  });
});
