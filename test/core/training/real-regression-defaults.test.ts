import { describe, expect, it } from 'vitest';
import { readTextTable } from '../../../src-core/data/formats/read-table';
import { readTarget } from '../../../src-core/data/target-column';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { evaluatePredictions } from '../../../src-core/training/evaluate';
import { predictWithHeads } from '../../../src-core/training/predict';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { presetOptions } from '../../../src-core/training/presets';
import { APP_TEST_FRACTION, defaultBeta, standardDeviation } from '../../../src-core/training/train-defaults';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { fixtureBytes } from '../data/fixture-files';

/**
 * Real regression data whose target is far from unit scale (Efron et al.'s diabetes data,
 * progression with standard deviation ~77; test/fixtures/data/README.md): the app's defaults
 * (Balanced, with beta scaled to the rows and the target's spread) must give a model that
 * generalizes. With the row rule alone (1e-4 x rows, blind to the units) the same settings
 * overfit into a negative test R^2, which is what this guards against.
 */
describe('the default settings on real regression data (diabetes)', () => {
  const table = readTextTable(fixtureBytes('diabetes.csv'), 'diabetes.csv').table;
  const prepared = prepareTrainingData(table, readTarget(table, 'progression'), { testFraction: APP_TEST_FRACTION, seed: 1, standardize: true });
  const train = prepared.fitted.dataset;
  const test = prepared.test!;
  const shape = { task: 'regression' as const, rows: train.X.rows, features: train.X.cols, bias: true, targetSpread: standardDeviation(train.y) };
  const testR2 = (options: TrainOptions): number => {
    const outcome = trainModel(train, options, defaultContext());
    expect(outcome.status).toBe('solved');
    return evaluatePredictions('regression', predictWithHeads('regression', options.loss, outcome.heads, test.X), test.y).regression!.r2!;
  };

  it('generalize: test R^2 well above zero, where the unit-blind beta goes below it', () => {
    const balanced = presetOptions('balanced', shape);
    expect(shape.targetSpread).toBeGreaterThan(70);
    expect(balanced.beta).toBeGreaterThan(20);
    // Measured (the app's split and seed): 0.433 at the default beta, -121 at 1e-4 x rows.
    expect(testR2(balanced)).toBeGreaterThan(0.3);
    expect(testR2({ ...balanced, beta: defaultBeta(train.X.rows) })).toBeLessThan(0);
  }, 60_000);
});
