import { describe, expect, it } from 'vitest';
import { objectiveSeries } from '../../../src-renderer/charts/history-series';

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

  it('draws only the latest head of a one-vs-rest run', () => {
    const series = objectiveSeries([
      { iteration: 10, objective: 5, head: 0 },
      { iteration: 20, objective: 4, head: 0 },
      { iteration: 10, objective: 9, head: 1 },
    ]);
    expect(series.objective).toEqual([{ x: 10, y: 9 }]);
  });
});
