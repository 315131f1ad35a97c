import { describe, expect, it } from 'vitest';
import { objectiveSeries } from '../../../src-renderer/charts/history-series';
import { applySeries, gapAxisBounds, gapTickLabel, logTickLabel, objectiveChartConfig } from '../../../src-renderer/charts/objective-chart-config';

describe('gap axis labels', () => {
  it('labels only powers of ten when the axis spans several decades', () => {
    const ticks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
    expect(ticks.map((t) => gapTickLabel(t, ticks))).toEqual(['0.1%', '', '', '1%', '', '', '10%', '', '', '100%']);
  });

  it('falls back to 1-2-5 steps on a short range', () => {
    const ticks = [20, 30, 40, 50, 60, 70, 80, 90];
    expect(ticks.map((t) => gapTickLabel(t, ticks))).toEqual(['20%', '', '', '50%', '', '', '', '']);
  });

  it('labels the objective axis the same way, as plain numbers', () => {
    const ticks = [0.01, 0.02, 0.05, 0.1, 0.5, 1, 5, 10, 50];
    expect(ticks.map((t) => logTickLabel(t, ticks))).toEqual(['0.01', '', '', '0.1', '', '1', '', '10', '']);
  });

  it('labels both ends of a very narrow range', () => {
    const ticks = [97, 98, 99, 99.7];
    expect(ticks.map((t) => gapTickLabel(t, ticks))).toEqual(['97%', '', '', '99.7%']);
  });
});

describe('objective chart configuration', () => {
  const colors = { objective: '#111', bound: '#222', gap: '#333', grid: '#444', text: '#555' };

  it('streams cheaply: pre-parsed points, no animation, LTTB decimation, gap on a log axis', () => {
    const series = objectiveSeries([
      { iteration: 10, objective: 5, lowerBound: 1, relativeGap: 0.8 },
      { iteration: 20, objective: 4, lowerBound: 3, relativeGap: 0.25 },
    ]);
    const config = objectiveChartConfig(series, colors);
    expect(config.options?.parsing).toBe(false);
    expect(config.options?.animation).toBe(false);
    expect(config.options?.plugins?.decimation).toMatchObject({ enabled: true, algorithm: 'lttb' });
    expect(config.options?.scales?.gap).toMatchObject({ type: 'logarithmic', min: 10, max: 100 });
    expect(config.data.datasets.map((d) => d.label)).toEqual(['Objective', 'Lower bound', 'Gap (%)']);
    expect(config.data.datasets[2]!.data).toEqual([{ x: 10, y: 80 }, { x: 20, y: 25 }]);
    // The objective's log axis labels plain numbers at powers of ten.
    const y = config.options?.scales?.y as { type: string; ticks: { callback: (value: number, index: number, ticks: { value: number }[]) => string } };
    expect(y.type).toBe('logarithmic');
    const ticks = [0.5, 1, 2, 5, 10, 50].map((value) => ({ value }));
    expect(ticks.map((t, i) => y.ticks.callback(t.value, i, ticks))).toEqual(['', '1', '', '', '10', '']);
  });

  it('draws the events as dashed vertical marks with their labels, only when there are some', () => {
    const plain = objectiveChartConfig(objectiveSeries([{ iteration: 1, objective: 3 }]), colors);
    expect(plain.plugins).toEqual([]);
    const marked = objectiveChartConfig(objectiveSeries([{ iteration: 1, objective: 3 }, { iteration: 5, objective: 4, event: 'cone rows added' }, { iteration: 9, objective: 2 }]), colors);
    const plugin = marked.plugins![0]!;
    expect(plugin.id).toBe('event-marks');
    // A stand-in chart: the mark's x through the scale, a line over the chart area, the label.
    const calls: string[] = [];
    const ctx = {
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      beginPath: () => {},
      moveTo: (x: number, y: number) => calls.push(`moveTo ${x} ${y}`),
      lineTo: (x: number, y: number) => calls.push(`lineTo ${x} ${y}`),
      stroke: () => calls.push('stroke'),
      setLineDash: () => {},
      measureText: (text: string) => ({ width: text.length * 5 }),
      fillText: (text: string, x: number, y: number) => calls.push(`fillText ${text} ${x} ${y}`),
    };
    const chart = { ctx, chartArea: { left: 0, right: 400, top: 10, bottom: 210 }, scales: { x: { getPixelForValue: (v: number) => 20 * v } } };
    (plugin.afterDatasetsDraw as unknown as (c: unknown) => void)(chart);
    expect(calls).toEqual(['save', 'moveTo 100 10', 'lineTo 100 210', 'stroke', 'fillText cone rows added 104 12', 'restore']);
  });

  it('new points replace the old ones and an empty gap series hides its line', () => {
    const config = objectiveChartConfig(objectiveSeries([{ iteration: 1, objective: 3, relativeGap: 0.5 }]), colors);
    applySeries(config, objectiveSeries([{ iteration: 1, objective: 3 }, { iteration: 2, objective: 2 }]));
    expect(config.data.datasets[0]!.data).toEqual([{ x: 1, y: 3 }, { x: 2, y: 2 }]);
    expect(config.data.datasets[2]!.data).toEqual([]);
    expect(config.data.datasets[2]!.hidden).toBe(true);
  });
});

describe('gap axis bounds', () => {
  it('span whole decades around the data, at least one', () => {
    expect(gapAxisBounds([{ x: 1, y: 99.68 }, { x: 2, y: 99.7 }])).toEqual({ min: 10, max: 100 });
    expect(gapAxisBounds([{ x: 1, y: 250 }, { x: 2, y: 0.03 }])).toEqual({ min: 0.01, max: 1000 });
    expect(gapAxisBounds([])).toEqual({});
  });
});

describe('objective axis', () => {
  const colors = { objective: '#111', bound: '#222', gap: '#333', grid: '#444', text: '#555' };

  it('is logarithmic for positive objectives, leaving off bounds at or below zero', () => {
    const config = objectiveChartConfig(
      objectiveSeries([
        { iteration: 1, objective: 180, lowerBound: -5 },
        { iteration: 2, objective: 4, lowerBound: 0 },
        { iteration: 3, objective: 3.2, lowerBound: 3.1 },
      ]),
      colors,
    );
    expect(config.options?.scales?.y).toMatchObject({ type: 'logarithmic' });
    expect(config.data.datasets[1]!.data).toEqual([{ x: 3, y: 3.1 }]);
  });

  it('stays linear when an objective is not positive, and follows new points', () => {
    const config = objectiveChartConfig(objectiveSeries([{ iteration: 1, objective: -1, lowerBound: -2 }]), colors);
    expect(config.options?.scales?.y).toMatchObject({ type: 'linear' });
    expect(config.data.datasets[1]!.data).toEqual([{ x: 1, y: -2 }]);
    applySeries(config, objectiveSeries([{ iteration: 1, objective: 2, lowerBound: -2 }]));
    expect(config.options?.scales?.y).toMatchObject({ type: 'logarithmic' });
    expect(config.data.datasets[1]!.data).toEqual([]);
  });
});
