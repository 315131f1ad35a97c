import { describe, expect, it } from 'vitest';
import { mae, mse, r2, regressionReport, rmse } from '../../../src-core/metrics/regression-metrics';

describe('regression metrics', () => {
  it('hand-computed example', () => {
    // y = 1 2 3 4, yhat = 1.5 2 2 5: residuals 0.5 0 -1 1 -> SSE 2.25, mse 0.5625, rmse 0.75,
    // mae 2.5/4 = 0.625; mean y = 2.5, SST = 2.25 + 0.25 + 0.25 + 2.25 = 5, r2 = 1 - 2.25/5 = 0.55
    const y = [1, 2, 3, 4];
    const p = Float64Array.from([1.5, 2, 2, 5]);
    expect(mse(y, p)).toBe(0.5625);
    expect(rmse(y, p)).toBe(0.75);
    expect(mae(y, p)).toBe(0.625);
    expect(r2(y, p)).toBeCloseTo(0.55, 15);
    expect(regressionReport(y, p)).toEqual({ n: 4, mse: 0.5625, rmse: 0.75, mae: 0.625, r2: r2(y, p) });
  });

  it('r2: 1 for a perfect fit, 0 for predicting the mean, negative when worse, null for constant y', () => {
    const y = [3, -1, 2, 0.5];
    expect(r2(y, y)).toBe(1);
    const mean = (3 - 1 + 2 + 0.5) / 4;
    expect(r2(y, y.map(() => mean))).toBeCloseTo(0, 15);
    expect(r2(y, y.map((v) => -v))).toBeLessThan(0);
    // 0.1 * 3 / 3 is not exactly 0.1 in floating point; constancy is checked exactly
    expect(r2([0.1, 0.1, 0.1], [0.1, 0.2, 0.3])).toBeNull();
  });

  it('empty input gives nulls; bad input throws', () => {
    expect(regressionReport([], [])).toEqual({ n: 0, mse: null, rmse: null, mae: null, r2: null });
    expect(() => mse([1, 2], [1])).toThrow(/yTrue has 2 entries but yPred has 1/);
    expect(() => mae([1, Number.NaN], [1, 2])).toThrow(/NaN/);
  });
});
