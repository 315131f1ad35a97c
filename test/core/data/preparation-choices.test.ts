import { describe, expect, it } from 'vitest';
import { applyPreprocessing, fitPreprocessing, prepareLabeledRows } from '../../../src-core/data/preprocessing';
import type { RawTable } from '../../../src-core/data/raw-table';
import { matrixToRows } from '../../../src-core/linalg/matrix';
import { parseModelFile } from '../../../src-core/model/parse-model-file';
import { rowTable } from '../../../src-core/data/raw-table';

const table: RawTable = rowTable(['size', 'color', 'label'], [
    ['1', 'red', 'a'],
    ['2', 'blue', 'b'],
    ['', 'red', 'a'],
    ['10', '', 'b'],
    ['3', 'green', 'a'],
    ['4', 'red', 'b'],
  ]);

describe('preparation choices', () => {
  it('imputes the training median for numeric cells and the most frequent category for text cells', () => {
    const { pipeline, dataset } = fitPreprocessing(table, 'label', { imputation: 'median', scaling: 'none' });
    // Present sizes 1, 2, 10, 3, 4: median 3 (the mean would be 4).
    expect(pipeline.steps[0]).toMatchObject({ kind: 'numeric', fillValue: 3, center: 0, scale: 1 });
    expect(pipeline.steps[1]).toMatchObject({ kind: 'one-hot', fillCategory: 'red', categories: ['blue', 'green', 'red'] });
    const rows = matrixToRows(dataset.X);
    expect(rows[2]![0]).toBe(3);
    expect(rows[3]!.slice(1)).toEqual([0, 0, 1]);
    expect(pipeline.imputation).toBe('median');
  });

  it('drops rows with a missing feature when asked, in training and in evaluation rows, and records it', () => {
    const fitted = fitPreprocessing(table, 'label', { imputation: 'drop-rows' });
    expect(Array.from(fitted.keptRows)).toEqual([0, 1, 4, 5]);
    expect(fitted.rowsWithMissingFeatures).toBe(2);
    expect(fitted.droppedRows).toBe(2);
    const evaluated = prepareLabeledRows(fitted.pipeline, table);
    expect(evaluated.dataset.X.rows).toBe(4);
    // Predicting never drops a row: a missing cell then takes the training mean (1+2+3+4)/4.
    const X = applyPreprocessing(fitted.pipeline, rowTable(['size', 'color'], [['', 'red']]));
    const step = fitted.pipeline.steps[0]!;
    expect(step.kind === 'numeric' && step.fillValue).toBe(2.5);
    expect(X.data[0]).toBeCloseTo(0, 14);
  });

  it('scales numeric columns to [0, 1] on the training rows with min-max', () => {
    const { dataset, pipeline } = fitPreprocessing(table, 'label', { scaling: 'min-max', featureColumns: ['size'] });
    const sizes = matrixToRows(dataset.X).map((r) => r[0]!);
    expect(Math.min(...sizes)).toBe(0);
    expect(Math.max(...sizes)).toBe(1);
    expect(pipeline.standardize).toBe(false);
    expect(pipeline.scaling).toBe('min-max');
  });

  it('keeps the most frequent categories under the cap, counts the rest as "other" (all zeros) and warns', () => {
    const rows = ['a', 'a', 'a', 'b', 'b', 'c', 'd'].map((color, i) => [color, i % 2 ? 'x' : 'y']);
    const fitted = fitPreprocessing(rowTable(['color', 'label'], rows), 'label', { maxCategories: 2 });
    expect(fitted.pipeline.featureNames).toEqual(['color=a', 'color=b']);
    expect(fitted.warnings?.[0]).toMatch(/"color" has 4 categories; the 2 most frequent/);
    expect(matrixToRows(fitted.dataset.X)[5]).toEqual([0, 0]);
  });

  it('encodes a category never seen in training as all zeros at predict time, even with a fill category', () => {
    const { pipeline } = fitPreprocessing(table, 'label');
    const X = applyPreprocessing(pipeline, rowTable(['size', 'color'], [['1', 'purple'], ['1', '']]));
    const rows = matrixToRows(X);
    expect(rows[0]!.slice(1)).toEqual([0, 0, 0]);
    expect(rows[1]!.slice(1)).toEqual([0, 0, 1]);
  });
});

describe('pipeline in a model file', () => {
  it('round-trips the new choices through JSON and reads a pipeline written before them', async () => {
    const { buildModelFixture } = await import('./pipeline-model-fixture');
    const { pipeline } = fitPreprocessing(table, 'label', { imputation: 'median', scaling: 'min-max', maxCategories: 2 });
    const model = parseModelFile(JSON.parse(JSON.stringify(buildModelFixture(pipeline))));
    expect(model.preprocessing).toEqual(pipeline);
    const X = applyPreprocessing(model.preprocessing, table);
    expect(X.data).toEqual(applyPreprocessing(pipeline, table).data);

    const file = JSON.parse(JSON.stringify(buildModelFixture(pipeline))) as { preprocessing: Record<string, unknown> };
    delete file.preprocessing['scaling'];
    delete file.preprocessing['imputation'];
    for (const step of file.preprocessing['steps'] as Record<string, unknown>[]) delete step['fillCategory'];
    const legacy = parseModelFile(file).preprocessing;
    expect(legacy.scaling).toBeUndefined();
    // A legacy one-hot step encodes a missing category as all zeros, as version-1 files did.
    const legacyRow = matrixToRows(applyPreprocessing(legacy, rowTable(['size', 'color'], [['1', '']])))[0]!;
    expect(legacyRow.slice(1).every((v) => v === 0)).toBe(true);
  });

  it('refuses an unknown scaling in a model file', async () => {
    const { buildModelFixture } = await import('./pipeline-model-fixture');
    const { pipeline } = fitPreprocessing(table, 'label');
    const file = JSON.parse(JSON.stringify(buildModelFixture(pipeline))) as { preprocessing: Record<string, unknown> };
    file.preprocessing['scaling'] = 'log';
    expect(() => parseModelFile(file)).toThrow(/preprocessing\.scaling/);
  });
});
