import { describe, expect, it } from 'vitest';
import { BETA_PER_ROW, dataScaledBeta, defaultBeta, defaultTrainOptions, REGRESSION_BETA_PER_ROW, standardDeviation } from '../../../src-core/training/train-defaults';

describe('default beta', () => {
  it('scales classification with the rows and regression with the rows and the target\'s spread', () => {
    expect(dataScaledBeta('binary', 400)).toBe(defaultBeta(400));
    expect(dataScaledBeta('multiclass', 400, 50)).toBeCloseTo(BETA_PER_ROW * 400, 12);
    expect(dataScaledBeta('regression', 400, 77)).toBeCloseTo(REGRESSION_BETA_PER_ROW * 400 * 77, 9);
    // Rounded to three significant digits (the form shows it): 0.001 x 331 x 77.8 = 25.75...
    expect(dataScaledBeta('regression', 331, 77.80432)).toBe(25.8);
    for (const spread of [undefined, 0, Number.NaN, Number.POSITIVE_INFINITY, -1]) {
      expect(dataScaledBeta('regression', 400, spread)).toBeCloseTo(REGRESSION_BETA_PER_ROW * 400, 12);
    }
    // Never below the floor, however few rows or small the spread.
    expect(dataScaledBeta('regression', 1, 1e-12)).toBe(1e-6);
    // The plain defaults (the form's fallback when preparing the data fails) follow the same rules.
    expect(defaultTrainOptions('regression', 100).beta).toBeCloseTo(REGRESSION_BETA_PER_ROW * 100, 12);
    expect(defaultTrainOptions('binary', 100).beta).toBeCloseTo(BETA_PER_ROW * 100, 12);
    expect(defaultTrainOptions('regression').beta).toBe(defaultBeta());
  });

  it('measures the spread as the population standard deviation', () => {
    expect(standardDeviation(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(2, 14);
    expect(standardDeviation(Float64Array.from([3, 3, 3]))).toBe(0);
    expect(standardDeviation(Float64Array.from([1]))).toBe(0);
    expect(standardDeviation(new Float64Array(0))).toBe(0);
    // Shift-free and proportional to the units.
    const y = Float64Array.from([0.3, 1.7, -2.2, 5.1, 0.9]);
    const grams = Float64Array.from(y, (v) => 1000 * v + 37);
    expect(standardDeviation(grams)).toBeCloseTo(1000 * standardDeviation(y), 9);
  });
});
