import { describe, expect, it } from 'vitest';
import { accuracySeries, convergenceSeries, objectiveSeries } from '../../../src-renderer/charts/history-series';
import { lineChartConfig } from '../../../src-renderer/charts/line-chart-config';
import { convergenceChartSpec } from '../../../src-renderer/charts/training-chart-specs';

const colors = { objective: '#111', bound: '#222', gap: '#333', grid: '#444', text: '#555' };

describe('objective chart series', () => {
  it('keeps finite points in iteration order and only positive gaps (log axis), in percent', () => {
    const series = objectiveSeries([
      { iteration: 1, objective: 10, lowerBound: -Infinity, relativeGap: 2 },
      { iteration: 2, objective: 8, lowerBound: 4, relativeGap: 0.5 },
      { iteration: 2, objective: 7, lowerBound: 4, relativeGap: 0.4 },
      { iteration: 3, objective: Number.NaN, relativeGap: 0 },
    ]);
    expect(series.objective).toEqual([{ x: 1, y: 10 }, { x: 2, y: 8 }]);
    expect(series.lowerBound).toEqual([{ x: 2, y: 4 }]);
    expect(series.gapPercent).toEqual([{ x: 1, y: 200 }, { x: 2, y: 50 }]);
  });

  it('marks the points that carry an event, at their x on either axis', () => {
    const points = [
      { iteration: 1, elapsedMs: 100, objective: 5 },
      { iteration: 2, elapsedMs: 250, objective: 9, event: 'cone rows added' },
      { iteration: 3, elapsedMs: 400, objective: 4 },
    ];
    expect(objectiveSeries(points).marks).toEqual([{ x: 2, label: 'cone rows added' }]);
    expect(objectiveSeries(points, 'time').marks).toEqual([{ x: 0.25, label: 'cone rows added' }]);
    expect(objectiveSeries(points.slice(0, 1)).marks).toEqual([]);
    // The gap-and-residuals chart marks them too (the residuals jump at such a restart).
    expect(convergenceSeries(points).marks).toEqual([{ x: 2, label: 'cone rows added' }]);
    expect(lineChartConfig(convergenceChartSpec(convergenceSeries(points), 'iteration', colors), colors).plugins!.map((p) => p.id)).toEqual(['event-marks']);
    expect(lineChartConfig(convergenceChartSpec(convergenceSeries(points.slice(0, 1)), 'iteration', colors), colors).plugins).toEqual([]);
  });

  it('draws only the latest head of a one-vs-rest run', () => {
    const series = objectiveSeries([
      { iteration: 10, objective: 5, head: 0 },
      { iteration: 20, objective: 4, head: 0 },
      { iteration: 10, objective: 9, head: 1 },
    ]);
    expect(series.objective).toEqual([{ x: 10, y: 9 }]);
  });
});

describe('time axis and the other live series', () => {
  const points = [
    { iteration: 1, elapsedMs: 100, objective: 5, relativeGap: 0.5, primalResidual: 1e-2, dualResidual: 0, trainAccuracy: 0.8, testAccuracy: 0.75 },
    { iteration: 2, elapsedMs: 100, objective: 4, relativeGap: 0.1, primalResidual: 1e-3, dualResidual: 1e-4, trainAccuracy: 0.9 },
    { iteration: 3, elapsedMs: 250, objective: 3, relativeGap: 0.01, primalResidual: 1e-4, dualResidual: 1e-5, trainAccuracy: 0.95, testAccuracy: 0.9 },
  ];

  it('puts seconds on x and drops points whose time does not advance', () => {
    expect(objectiveSeries(points, 'time').objective).toEqual([{ x: 0.1, y: 5 }, { x: 0.25, y: 3 }]);
  });

  it('gives gap and residuals (positive only: log axis) and accuracies in percent', () => {
    const convergence = convergenceSeries(points);
    expect(convergence.relativeGap.map((p) => p.y)).toEqual([0.5, 0.1, 0.01]);
    expect(convergence.dualResidual).toEqual([{ x: 2, y: 1e-4 }, { x: 3, y: 1e-5 }]);
    const accuracy = accuracySeries(points);
    expect(accuracy.train.map((p) => p.y)).toEqual([80, 90, 95]);
    expect(accuracy.test).toEqual([{ x: 1, y: 75 }, { x: 3, y: 90 }]);
  });
});
