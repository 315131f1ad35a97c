import { describe, expect, it } from 'vitest';
import { applyPreprocessing, fitPreprocessing, MAX_ONE_HOT_CATEGORIES, prepareLabeledRows } from '../../../src-core/data/preprocessing';
import type { RawTable } from '../../../src-core/data/raw-table';
import { matrixToRows } from '../../../src-core/linalg/matrix';
import { expectConvexNetError } from './expect-error';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';

function table(columns: string[], rows: string[][]): RawTable {
  return rowTable(columns, rows);
}

const train = table(
  ['size', 'color', 'label'],
  [
    ['1', 'red', 'a'],
    ['3', 'blue', 'b'],
    ['', 'red', 'a'],
    ['5', '', 'b'],
    ['7', 'blue', ''],
  ],
);

describe('fitPreprocessing', () => {
  it('fits standardization and one-hot categories on the given rows, dropping rows without a target', () => {
    const { pipeline, dataset, droppedRows, keptRows } = fitPreprocessing(train, 'label', { task: 'binary' });
    expect(droppedRows).toBe(1);
    expect(Array.from(keptRows)).toEqual([0, 1, 2, 3]);
    // Kept rows' sizes 1, 3, 5: mean 3, population std sqrt(8/3).
    const std = Math.sqrt(8 / 3);
    expect(pipeline.steps[0]).toEqual({ kind: 'numeric', column: 'size', fillValue: 3, center: 3, scale: std });
    expect(pipeline.steps[1]).toEqual({ kind: 'one-hot', column: 'color', categories: ['blue', 'red'], fillCategory: 'red' });
    expect(pipeline.featureNames).toEqual(['size', 'color=blue', 'color=red']);
    expect(pipeline.classNames).toEqual(['a', 'b']);
    const rows = matrixToRows(dataset.X);
    expect(rows[0]![0]).toBeCloseTo(-2 / std, 14);
    expect(rows[2]).toEqual([0, 0, 1]); // missing size -> training mean -> 0 after centering
    expect(rows[3]!.slice(1)).toEqual([0, 1]); // missing category -> the most frequent training category
    expect(Array.from(dataset.y)).toEqual([0, 1, 0, 1]);
  });

  it('applies the fitted pipeline identically to other rows, whatever their column order, with the training statistics', () => {
    const { pipeline, dataset } = fitPreprocessing(train, 'label', { task: 'binary' });
    const reordered = table(
      ['extra', 'color', 'size'],
      tableRows(train).slice(0, 4).map((r) => ['zzz', r[1]!, r[0]!]),
    );
    expect(applyPreprocessing(pipeline, reordered).data).toEqual(dataset.X.data);
    const other = applyPreprocessing(pipeline, table(['size', 'color'], [['11', 'red']]));
    expect(other.data[0]).toBeCloseTo((11 - 3) / Math.sqrt(8 / 3), 14);
    // A JSON round trip of the pipeline changes nothing.
    const revived = JSON.parse(JSON.stringify(pipeline)) as typeof pipeline;
    expect(applyPreprocessing(revived, reordered).data).toEqual(dataset.X.data);
  });

  it('maps a category never seen in training to all zeros', () => {
    const { pipeline } = fitPreprocessing(train, 'label', { task: 'binary' });
    const X = applyPreprocessing(pipeline, table(['size', 'color'], [['3', 'green'], ['3', 'red']]));
    expect(matrixToRows(X)).toEqual([
      [0, 0, 0],
      [0, 0, 1],
    ]);
  });

  it('passes numeric columns through without standardization, still imputing the training mean', () => {
    const { pipeline, dataset } = fitPreprocessing(train, 'label', { task: 'binary', standardize: false });
    expect(pipeline.steps[0]).toEqual({ kind: 'numeric', column: 'size', fillValue: 3, center: 0, scale: 1 });
    expect(matrixToRows(dataset.X).map((r) => r[0])).toEqual([1, 3, 3, 5]);
  });

  it('gives a constant column scale 1 instead of dividing by zero', () => {
    const { pipeline, dataset } = fitPreprocessing(table(['c', 'y'], [['4', 'p'], ['4', 'q']]), 'y');
    expect(pipeline.steps[0]).toMatchObject({ center: 4, scale: 1 });
    expect(Array.from(dataset.X.data)).toEqual([0, 0]);
  });

  it('uses only the requested feature columns', () => {
    const { pipeline } = fitPreprocessing(train, 'label', { task: 'binary', featureColumns: ['color'] });
    expect(pipeline.featureNames).toEqual(['color=blue', 'color=red']);
    expectConvexNetError(() => fitPreprocessing(train, 'label', { featureColumns: ['nope'] }), 'data/unknown-column');
    expectConvexNetError(() => fitPreprocessing(train, 'label', { featureColumns: ['label'] }), 'data/target-as-feature');
  });
});

describe('target handling and task inference', () => {
  const numericRows = (values: number[]): RawTable => table(['x', 'y'], values.map((v, i) => [String(i), String(v)]));

  it('infers binary or multiclass for text targets, with class names sorted', () => {
    expect(fitPreprocessing(table(['x', 'y'], [['1', 'no'], ['2', 'yes']]), 'y').pipeline.task).toBe('binary');
    const multi = fitPreprocessing(table(['x', 'y'], [['1', 'c'], ['2', 'a'], ['3', 'b']]), 'y').pipeline;
    expect(multi.task).toBe('multiclass');
    expect(multi.classNames).toEqual(['a', 'b', 'c']);
  });

  it('sorts numeric-looking class names numerically, before text names', () => {
    const rows = ['10', '2', 'x', '-1', '2.5', 'b'].map((y, i) => [String(i), y]);
    expect(fitPreprocessing(table(['x', 'y'], rows), 'y', { task: 'multiclass' }).pipeline.classNames).toEqual(['-1', '2', '2.5', '10', 'b', 'x']);
  });

  it('reads few whole-number values as classes only with more than 20 rows, and 0/1 as yes/no at any size', () => {
    const labels = (n: number, k: number): number[] => Array.from({ length: n }, (_, i) => i % k);
    expect(fitPreprocessing(numericRows(labels(21, 2)), 'y').pipeline.task).toBe('binary');
    expect(fitPreprocessing(numericRows(labels(21, 10)), 'y').pipeline.task).toBe('multiclass');
    // 0/1 is the column profile's yes/no type: binary on 20 rows (it was regression) and on 3.
    expect(fitPreprocessing(numericRows(labels(20, 2)), 'y').pipeline.task).toBe('binary');
    expect(fitPreprocessing(numericRows([0, 1, 1]), 'y').pipeline.task).toBe('binary');
    expect(fitPreprocessing(numericRows(labels(20, 2).map((v) => v + 1)), 'y').pipeline.task).toBe('regression');
    expect(fitPreprocessing(numericRows(labels(20, 3)), 'y').pipeline.task).toBe('regression');
    expect(fitPreprocessing(numericRows(labels(30, 11)), 'y').pipeline.task).toBe('regression');
    expect(fitPreprocessing(numericRows(labels(30, 2).map((v) => v + 0.5)), 'y').pipeline.task).toBe('regression');
  });

  it('keeps regression targets as numbers and classification targets as class indices', () => {
    const reg = fitPreprocessing(numericRows([1.5, -2, 3]), 'y');
    expect(reg.pipeline.classNames).toEqual([]);
    expect(Array.from(reg.dataset.y)).toEqual([1.5, -2, 3]);
    const cls = fitPreprocessing(numericRows([10, 2, 10]), 'y', { task: 'binary' });
    expect(cls.pipeline.classNames).toEqual(['2', '10']);
    expect(Array.from(cls.dataset.y)).toEqual([1, 0, 1]);
  });

  it('refuses an unknown target column, listing the columns', () => {
    expect(expectConvexNetError(() => fitPreprocessing(train, 'Label'), 'data/unknown-target')).toMatch(/"size", "color", "label"/);
  });

  it('refuses a classification target with one class, binary with three, and multi-class with two', () => {
    expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['1', 'a'], ['2', 'a'], ['3', '']]), 'y'), 'data/one-class');
    expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['1', 'a'], ['2', 'b'], ['3', 'c']]), 'y', { task: 'binary' }), 'data/not-binary');
    // Before: trained both heads, then failed in rocAuc ("yTrue has 160 entries but the second argument has 320").
    const two = expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['1', 'a'], ['2', 'b'], ['3', 'a']]), 'y', { task: 'multiclass' }), 'data/not-multiclass');
    expect(two).toMatch(/three or more classes.*has two \("a", "b"\)\. Use the binary task\./);
  });

  it('refuses regression on a text target and a target that is entirely empty', () => {
    expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['1', 'a'], ['2', '3']]), 'y', { task: 'regression' }), 'data/target-not-numeric');
    expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['1', ''], ['2', '']]), 'y'), 'data/empty-target');
  });
});

describe('bad feature columns', () => {
  it('refuses data without a usable feature column', () => {
    expectConvexNetError(() => fitPreprocessing(table(['y'], [['a'], ['b']]), 'y'), 'data/no-features');
    expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['', 'a'], ['', 'b']]), 'y'), 'data/no-features');
  });

  it('leaves out a column that is empty in every training row', () => {
    const { pipeline } = fitPreprocessing(table(['e', 'x', 'y'], [['', '1', 'a'], ['', '2', 'b']]), 'y');
    expect(pipeline.featureNames).toEqual(['x']);
  });

  it('refuses NaN, Infinity and overflowing numbers in numeric columns, naming the column and line', () => {
    for (const bad of ['NaN', 'Infinity', '-inf', '1e999']) {
      const data: RawTable = rowTable(['x', 'y'], [['1', 'a'], [bad, 'b']], [2, 3]);
      expect(expectConvexNetError(() => fitPreprocessing(data, 'y'), 'data/non-finite')).toMatch(new RegExp(`Column "x" .*"${bad}" at line 3`));
    }
    expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['1', '1'], ['2', 'NaN']]), 'y', { task: 'regression' }), 'data/non-finite');
  });

  it('standardizes numbers near the largest double without overflowing, and refuses values too large for their scaling', () => {
    // The squares of 1e308 overflow: the standard deviation is computed on scaled values instead.
    const huge = rowTable(['x', 'y'], [['1e308', 'a'], ['-1e308', 'b'], ['1e308', 'a'], ['5', 'b']], [2, 3, 4, 5]);
    const { dataset, pipeline } = fitPreprocessing(huge, 'y');
    const step = pipeline.steps[0]!;
    expect(step.kind === 'numeric' && Number.isFinite(step.scale) && step.scale > 1e307).toBe(true);
    for (const v of dataset.X.data) expect(Math.abs(v)).toBeLessThan(3);
    // Without scaling those values reach the solvers as they are: refused, naming column and line.
    const message = expectConvexNetError(() => fitPreprocessing(huge, 'y', { scaling: 'none' }), 'data/value-too-large');
    expect(message).toMatch(/Column "x" holds 1e\+308 at line 2, too large .*Divide the column by a constant/);
    // ... and so are new rows whose values are far outside the training range.
    expectConvexNetError(() => applyPreprocessing(fitPreprocessing(train, 'label').pipeline, table(['size', 'color'], [['1e150', 'red']])), 'data/value-too-large');
  });

  it('warns when a column of numbers written with thousands separators becomes categories', () => {
    const data = table(['income', 'y'], [['1,200', 'a'], ['950', 'b'], ['2,400', 'a'], ['3,100', 'b']]);
    const { warnings, pipeline } = fitPreprocessing(data, 'y');
    expect(pipeline.steps[0]!.kind).toBe('one-hot');
    expect(warnings).toEqual([
      'Column "income" holds numbers written with thousands separators (e.g. "1,200"); they are read as text, so the column is encoded as categories, not as a number. Remove the separators in the file to use it as a number.',
    ]);
    // Ordinary categories: no such warning.
    expect(fitPreprocessing(train, 'label').warnings).toEqual([]);
  });

  it('refuses regression targets whose squared errors would overflow', () => {
    const message = expectConvexNetError(() => fitPreprocessing(table(['x', 'y'], [['1', '3'], ['2', '-1e200'], ['3', '4']]), 'y', { task: 'regression' }), 'data/value-too-large');
    expect(message).toMatch(/The target column "y" holds -1e\+200 at .*Divide the target by a constant/);
    expect(fitPreprocessing(table(['x', 'y'], [['1', '3'], ['2', '-1e90'], ['3', '4']]), 'y', { task: 'regression' }).dataset.y[1]).toBe(-1e90);
  });

  it('refuses text, non-finite numbers and missing columns when applying to new rows', () => {
    const { pipeline } = fitPreprocessing(train, 'label', { task: 'binary' });
    expectConvexNetError(() => applyPreprocessing(pipeline, table(['size', 'color'], [['big', 'red']])), 'data/not-a-number');
    expectConvexNetError(() => applyPreprocessing(pipeline, table(['size', 'color'], [['Infinity', 'red']])), 'data/non-finite');
    expect(expectConvexNetError(() => applyPreprocessing(pipeline, table(['size'], [['1']])), 'data/missing-column')).toMatch(/"color"/);
  });

  it('refuses a category cap outside 2..MAX_ONE_HOT_CATEGORIES', () => {
    expectConvexNetError(() => fitPreprocessing(train, 'label', { maxCategories: 1 }), 'data/invalid-category-cap');
    expectConvexNetError(() => fitPreprocessing(train, 'label', { maxCategories: MAX_ONE_HOT_CATEGORIES + 1 }), 'data/invalid-category-cap');
  });
});

describe('prepareLabeledRows', () => {
  it('encodes test targets with the training classes, even when the test rows hold one class', () => {
    const { pipeline } = fitPreprocessing(train, 'label', { task: 'binary' });
    const test = prepareLabeledRows(pipeline, table(['size', 'color', 'label'], [['2', 'red', 'b'], ['4', 'red', ''], ['6', 'blue', 'b']]));
    expect(Array.from(test.dataset.y)).toEqual([1, 1]);
    expect(test.droppedRows).toBe(1);
    expect(test.dataset.X.rows).toBe(2);
  });

  it('refuses a class never seen in training', () => {
    const { pipeline } = fitPreprocessing(train, 'label', { task: 'binary' });
    expectConvexNetError(() => prepareLabeledRows(pipeline, table(['size', 'color', 'label'], [['2', 'red', 'c']])), 'data/unknown-class');
  });
});
