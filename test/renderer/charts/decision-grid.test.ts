import { describe, expect, it } from 'vitest';
import type { TestPredictions } from '../../../src-core/contract/test-predictions';
import { rowTable } from '../../../src-core/data/raw-table';
import { readTarget } from '../../../src-core/data/target-column';
import { buildModelFile, predictRaw } from '../../../src-core/model/model-file';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { decisionGrid, defaultMapAxes, featureMeans, featureRange, gridCentres, rawFeatureValue } from '../../../src-renderer/charts/decision-grid';
import { handMadeOutcome } from '../../core/model/model-fixtures';

/** A 3-input multi-class model with standardized inputs (scales far from 1, so un-scaling matters). */
function model() {
  const rows = Array.from({ length: 30 }, (_, i) => [String(100 + 10 * Math.sin(i)), String(0.001 * i), String(i % 5), ['a', 'b', 'c'][i % 3]!]);
  const table = rowTable(['big', 'tiny', 'mid', 'label'], rows);
  const prepared = prepareTrainingData(table, readTarget(table, 'label', 'multiclass'), { testFraction: 0, seed: 1, standardize: true });
  return { table, model: buildModelFile(handMadeOutcome('multiclass', 3), prepared.fitted.pipeline) };
}

describe('decision grid', () => {
  it('predicts at each cell what the model predicts for the same raw values', () => {
    const { table, model: file } = model();
    const axes = { xFeature: 0, yFeature: 2, baseline: [0.3, -0.7, 0.1], xRange: [-2, 2] as const, yRange: [-1, 3] as const, resolution: 7 };
    const grid = decisionGrid(file, axes);
    const xs = gridCentres(axes.xRange, 7);
    const ys = gridCentres(axes.yRange, 7);
    const raw = (f: number, z: number) => String(rawFeatureValue(file.preprocessing, f, z));
    const cells: string[][] = [];
    for (let j = 0; j < 7; j++) for (let i = 0; i < 7; i++) cells.push([raw(0, xs[i]!), raw(1, -0.7), raw(2, ys[j]!), '']);
    const reference = predictRaw(file, rowTable(table.columns, cells));
    expect(Array.from(grid.labels!)).toEqual(Array.from(reference.labels!));
    grid.values.forEach((p, cell) => expect(p).toBeCloseTo(reference.probabilities![cell * 3 + reference.labels![cell]!]!, 9));
  });

  it('centres cells inside the range and takes means and padded ranges from the test rows', () => {
    expect(gridCentres([0, 1], 4)).toEqual([0.125, 0.375, 0.625, 0.875]);
    const row = (features: number[] | null) => ({ row: 0, actual: 0, predicted: 0, scores: [], probabilities: [], features, cells: [] });
    const sample: TestPredictions = { totalCount: 3, rows: [row([0, 10]), row([2, 10]), row(null)], featureNames: ['a', 'b'], cellColumns: [], classNames: [] };
    expect(featureMeans(sample)).toEqual([1, 10]);
    expect(featureRange(sample, 0)).toEqual([-0.1, 2.1]);
    expect(featureRange(sample, 1)).toEqual([9.5, 10.5]);
  });

  it('starts the map on the first two graded inputs, past one-hot indicators', () => {
    const row = (features: number[]) => ({ row: 0, actual: 0, predicted: 0, scores: [], probabilities: [], features, cells: [] });
    // Columns: island=Biscoe, island=Dream (indicators, two values each), then two measurements.
    const rows = [row([1, 0, 39.1, 18.7]), row([0, 1, 46.5, 17.9]), row([0, 0, 50.2, 15.0])];
    const sample: TestPredictions = { totalCount: 3, rows, featureNames: ['island=Biscoe', 'island=Dream', 'bill', 'depth'], cellColumns: [], classNames: [] };
    expect(defaultMapAxes(sample, 4)).toEqual([2, 3]);
    // One graded input: it comes first, then the first indicator.
    expect(defaultMapAxes(sample, 3)).toEqual([2, 0]);
    // Indicators only: column order.
    expect(defaultMapAxes(sample, 2)).toEqual([0, 1]);
  });
});
