import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, MAX_FEATURES_PER_ROW } from '../../../src-core/contract/test-predictions';
import type { Task } from '../../../src-core/data/dataset';
import type { RawTable } from '../../../src-core/data/raw-table';
import { readTarget } from '../../../src-core/data/target-column';
import { buildModelFile, predictRaw } from '../../../src-core/model/model-file';
import { evenlySpaced, heldOutRows, sampleTestPredictions } from '../../../src-core/model/sample-test-predictions';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { handMadeOutcome } from './model-fixtures';
import { rowTable, tableRow, tableRows } from '../../../src-core/data/raw-table';
import { encodeTrainRows } from '../../../src-core/model/train-row-bitmap';

/** 60 rows: two numbers, a long note, a binary and a 3-class target, one missing target each. */
function table(): RawTable {
  const rows = Array.from({ length: 60 }, (_, i) => [
    String(Math.sin(i) * 3),
    String((i * 7) % 13),
    `note ${'x'.repeat(i)}`,
    i === 5 ? '' : i % 2 === 0 ? 'no' : 'yes',
    i === 8 ? '' : ['cat', 'dog', 'eel'][i % 3]!,
  ]);
  return rowTable(['a', 'b', 'note', 'flag', 'species'], rows);
}

/** A trained-looking model file whose split is the app's real split of `table()`. */
function modelFor(task: Task, withNote = true) {
  const full = table();
  const target = task === 'binary' ? 'flag' : 'species';
  const drop = [task === 'binary' ? 'species' : 'flag', ...(withNote ? [] : ['note'])];
  const keep = full.columns.map((c, j) => (drop.includes(c) ? -1 : j)).filter((j) => j >= 0);
  const data: RawTable = rowTable(keep.map((j) => full.columns[j]!), tableRows(full).map((r) => keep.map((j) => r[j]!)));
  const prepared = prepareTrainingData(data, readTarget(data, target, task), { testFraction: 0.25, seed: 3, standardize: true });
  const pipeline = prepared.fitted.pipeline;
  const model = buildModelFile(handMadeOutcome(task, pipeline.featureNames.length), pipeline, {
    trainingData: { source: 't.csv', rows: 60, droppedRows: 1, trainRows: encodeTrainRows(prepared.trainRows, 60), testFraction: 0.25, splitSeed: 3 },
  });
  return { data, model, testRows: Array.from(prepared.testRows) };
}

describe('heldOutRows', () => {
  it('recovers exactly the test rows of the split from the model file and the table', () => {
    for (const task of ['binary', 'multiclass'] as const) {
      const { data, model, testRows } = modelFor(task);
      expect(heldOutRows(model, data)).toEqual(testRows);
    }
  });

  it('is empty when the model does not record its training rows', () => {
    const { data, model } = modelFor('binary');
    expect(heldOutRows({ ...model, trainingData: null }, data)).toEqual([]);
  });
});

describe('evenlySpaced', () => {
  it('keeps everything up to the limit and spreads a sample over the whole list beyond it', () => {
    expect(evenlySpaced([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const sample = evenlySpaced(Array.from({ length: 100 }, (_, i) => i), 10);
    expect(sample).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});

describe('sampleTestPredictions', () => {
  it('gives the same labels and probabilities as predicting the raw test rows, with their true classes', () => {
    const { data, model, testRows } = modelFor('multiclass');
    const sample = sampleTestPredictions(model, data)!;
    expect(sample.totalCount).toBe(testRows.length);
    expect(sample.rows.map((r) => r.row)).toEqual(testRows);
    const reference = predictRaw(model, rowTable(data.columns, testRows.map((r) => tableRow(data, r))));
    sample.rows.forEach((row, k) => {
      expect(row.predicted).toBe(reference.labels![k]);
      expect(row.probabilities).toEqual(Array.from(reference.probabilities!.subarray(3 * k, 3 * k + 3)));
      expect(row.scores).toHaveLength(3);
      expect(model.classNames[row.actual]).toBe(tableRows(data)[row.row]![data.columns.indexOf('species')]);
    });
    expect(sample.classNames).toEqual(['cat', 'dog', 'eel']);
  });

  it('bounds the rows, cuts long cells, and leaves out the inputs of a model with many of them', () => {
    const { data, model } = modelFor('binary');
    expect(model.featureNames.length).toBeGreaterThan(MAX_FEATURES_PER_ROW); // the one-hot encoded notes
    const sample = sampleTestPredictions(model, data, 4)!;
    expect(sample.rows).toHaveLength(4);
    expect(sample.totalCount).toBeGreaterThan(4);
    expect(sample.cellColumns).toEqual(['a', 'b', 'note']);
    for (const row of sample.rows) {
      expect(row.features).toBeNull();
      expect(row.scores).toHaveLength(1);
      expect(row.cells[2]!.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    }
    expect(sample.rows.some((row) => row.cells[2]!.endsWith('…'))).toBe(true);
  });

  it('keeps the prepared inputs of a small model (standardized numbers)', () => {
    const { data, model } = modelFor('binary', false);
    const sample = sampleTestPredictions(model, data)!;
    const [a] = model.preprocessing.steps;
    if (a?.kind !== 'numeric') throw new Error('expected a numeric first column');
    for (const row of sample.rows) {
      expect(row.features).toHaveLength(2);
      expect(row.features![0]).toBeCloseTo((Number(tableRows(data)[row.row]![0]) - a.center) / a.scale, 12);
    }
  });

  it('is null when nothing was held out', () => {
    const { data, model } = modelFor('binary');
    const allRows = readTarget(data, 'flag', 'binary').keptRows;
    const noTest = { ...model, trainingData: { ...model.trainingData!, trainRows: encodeTrainRows(allRows, 60), testFraction: 0 } };
    expect(sampleTestPredictions(noTest, data)).toBeNull();
  });

  it('leaves out the test rows a drop-rows preparation drops (a missing feature), as the test metrics do', () => {
    const full = table();
    const rows = tableRows(full).map((r, i) => [i % 4 === 1 ? '' : r[0]!, r[1]!, r[3]!]);
    const data: RawTable = rowTable(['a', 'b', 'flag'], rows);
    const prepared = prepareTrainingData(data, readTarget(data, 'flag', 'binary'), { testFraction: 0.3, seed: 5, standardize: true, imputation: 'drop-rows' });
    const model = buildModelFile(handMadeOutcome('binary', 2), prepared.fitted.pipeline, {
      trainingData: { source: 't.csv', rows: 60, droppedRows: 1, trainRows: encodeTrainRows(prepared.trainRows, 60), testFraction: 0.3, splitSeed: 5 },
    });
    const sample = sampleTestPredictions(model, data)!;
    expect(sample.totalCount).toBe(prepared.test!.X.rows);
    expect(sample.rows.every((row) => tableRows(data)[row.row]![0] !== '')).toBe(true);
    sample.rows.forEach((row, k) => expect(row.features).toEqual(Array.from(prepared.test!.X.data.subarray(2 * k, 2 * k + 2))));
  });
});
