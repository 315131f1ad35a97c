import { describe, expect, it } from 'vitest';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { readTarget } from '../../../src-core/data/target-column';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';

describe('prepareTrainingData', () => {
  const table = irisTable();
  const target = readTarget(table, 'species', 'multiclass');

  it('splits stratified and reproducibly, and fits the preprocessing on the training rows only', () => {
    const a = prepareTrainingData(table, target, { testFraction: 0.2, seed: 7, standardize: true });
    const b = prepareTrainingData(table, target, { testFraction: 0.2, seed: 7, standardize: true });
    expect(Array.from(a.trainRows)).toEqual(Array.from(b.trainRows));
    expect(a.trainRows.length).toBe(120);
    expect(a.testRows.length).toBe(30);
    expect([0, 1, 2].map((c) => a.test!.y.filter((y) => y === c).length)).toEqual([10, 10, 10]);
    expect(new Set([...a.trainRows, ...a.testRows]).size).toBe(150);
    // Standardized with the training rows' statistics: training columns have mean 0, test columns do not.
    const { X } = a.fitted.dataset;
    const mean0 = Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols]!).reduce((s, v) => s + v, 0) / X.rows;
    expect(mean0).toBeCloseTo(0, 12);
    const step = a.fitted.pipeline.steps[0]!;
    const trainMean = Array.from(a.trainRows, (r) => Number(table.cell(r, 0))).reduce((s, v) => s + v, 0) / 120;
    expect(step.kind === 'numeric' && step.center).toBeCloseTo(trainMean, 12);
  });

  it('holds nothing out for a zero test fraction', () => {
    const prepared = prepareTrainingData(table, target, { testFraction: 0, seed: 1, standardize: false });
    expect(prepared.test).toBeNull();
    expect(prepared.fitted.dataset.X.rows).toBe(150);
  });
});

