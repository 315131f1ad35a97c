import { describe, expect, it } from 'vitest';
import { spreadBand, spreadOf } from '../../../src-renderer/charts/spread-band';

describe('spreadBand', () => {
  it('gives min, median and max on the union of x, each curve holding its last value', () => {
    const band = spreadBand([
      [{ x: 0, y: 10 }, { x: 2, y: 6 }, { x: 4, y: 2 }],
      [{ x: 0, y: 8 }, { x: 1, y: 7 }, { x: 5, y: 1 }],
      [{ x: 0, y: 12 }, { x: 3, y: 3 }, { x: 4, y: 3 }],
    ]);
    expect(band.min.map((p) => p.x)).toEqual([0, 1, 2, 3, 4]); // ends where the shortest curve ends
    expect(band.min.map((p) => p.y)).toEqual([8, 7, 6, 3, 2]);
    expect(band.median.map((p) => p.y)).toEqual([10, 10, 7, 6, 3]);
    expect(band.max.map((p) => p.y)).toEqual([12, 12, 12, 7, 7]);
  });

  it('starts only where every curve has a value, and needs two curves', () => {
    const band = spreadBand([[{ x: 2, y: 1 }, { x: 4, y: 1 }], [{ x: 0, y: 3 }, { x: 4, y: 2 }]]);
    expect(band.median).toEqual([{ x: 2, y: 2 }, { x: 4, y: 1.5 }]);
    expect(spreadBand([[{ x: 0, y: 1 }]]).min).toEqual([]);
  });
});

describe('spreadOf', () => {
  it('summarizes finite numbers and ignores the rest', () => {
    const spread = spreadOf([0.9, Number.NaN, 0.7, 0.8, 0.95])!;
    expect([spread.min, spread.max]).toEqual([0.7, 0.95]);
    expect(spread.median).toBeCloseTo(0.85, 12);
    expect(spreadOf([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spreadOf([])).toBeNull();
  });
});
