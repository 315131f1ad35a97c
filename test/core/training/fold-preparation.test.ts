import { describe, expect, it } from 'vitest';
import { applyPreprocessing, fitPreprocessing } from '../../../src-core/data/preprocessing';
import { rowTable, selectTableRows } from '../../../src-core/data/raw-table';
import { kFoldIndices } from '../../../src-core/data/split';
import { Prng } from '../../../src-core/random/prng';
import { foldDatasets } from '../../../src-core/training/cross-validation';
import { foldPreparationOf } from '../../../src-core/training/fold-preparation';

/** A raw table: two numeric columns on different scales, a categorical one, a binary target. */
function rawTable(n: number) {
  const prng = new Prng(5);
  const rows = Array.from({ length: n }, (_, i) => {
    const a = 100 + 30 * prng.nextGaussian();
    const b = 0.01 * prng.nextGaussian();
    return [a.toFixed(3), b.toFixed(5), ['red', 'green', 'blue'][i % 3]!, a + 3000 * b > 100 ? 'yes' : 'no'];
  });
  return rowTable(['a', 'b', 'colour', 'label'], rows);
}

/** The same table with missing cells: every 7th a, every 5th b, every 4th colour. */
function tableWithGaps(n: number) {
  const full = rawTable(n);
  const rows = Array.from({ length: n }, (_, r) => full.columns.map((_, c) => {
    const cell = full.cell(r, c);
    if ((c === 0 && r % 7 === 3) || (c === 1 && r % 5 === 1) || (c === 2 && r % 4 === 2)) return '';
    return cell;
  }));
  return rowTable(full.columns, rows);
}

/** Every fold equals the pipeline fitted on the fold's raw training rows, train and held-out parts. */
function expectFoldsAsIfFittedOnFolds(table: ReturnType<typeof rawTable>, choices: Parameters<typeof fitPreprocessing>[2]) {
  const all = fitPreprocessing(table, 'label', choices);
  const prep = foldPreparationOf(all.pipeline, all.imputedRows)!;
  const parts = foldDatasets(all.dataset, 3, 11, prep);
  const splits = kFoldIndices(all.dataset.y, 3, 11, true);
  parts.forEach((part, f) => {
    const fold = fitPreprocessing(selectTableRows(table, splits[f]!.trainIndices), 'label', choices);
    const heldOut = applyPreprocessing(fold.pipeline, selectTableRows(table, splits[f]!.testIndices));
    expect(fold.pipeline.featureNames).toEqual(all.pipeline.featureNames);
    expect(Array.from(part.train.X.data).every((v, i) => Math.abs(v - fold.dataset.X.data[i]!) < 1e-9)).toBe(true);
    expect(Array.from(part.test.X.data).every((v, i) => Math.abs(v - heldOut.data[i]!) < 1e-9)).toBe(true);
  });
  return { all, prep, parts };
}

describe('cross-validation without leakage', () => {
  it.each(['standardize', 'min-max'] as const)('refits the %s scaling on each fold: as if the pipeline were fitted on the fold itself', (scaling) => {
    const { all, prep, parts } = expectFoldsAsIfFittedOnFolds(rawTable(60), { scaling });
    expect(prep).toEqual({ mode: scaling, columns: [0, 1], imputed: [] });
    // Without the refit, the folds keep the statistics of all rows (the leak this removes).
    const leaky = foldDatasets(all.dataset, 3, 11);
    const drift = leaky.reduce((sum, part, f) => sum + part.test.X.data.reduce((s, v, i) => s + Math.abs(v - parts[f]!.test.X.data[i]!), 0), 0);
    expect(drift).toBeGreaterThan(1e-3);
  });

  it.each([
    ['mean', 'standardize'],
    ['median', 'min-max'],
    ['mean', 'none'],
  ] as const)('refills %s-imputed cells and the most frequent category from each fold (scaling %s)', (imputation, scaling) => {
    const table = tableWithGaps(60);
    const { all, prep } = expectFoldsAsIfFittedOnFolds(table, { scaling, imputation });
    expect(prep.imputed.map((e) => e.kind)).toEqual(['numeric', 'numeric', 'one-hot']);
    expect(all.imputedRows![0]).toEqual(Array.from({ length: 60 }, (_, r) => r).filter((r) => r % 7 === 3));
  });

  it('has nothing to refit without scaling or missing cells, and nothing to refill after dropping rows', () => {
    expect(foldPreparationOf(fitPreprocessing(rawTable(30), 'label', { scaling: 'none' }).pipeline)).toBeNull();
    const dropped = fitPreprocessing(tableWithGaps(60), 'label', { scaling: 'none', imputation: 'drop-rows' });
    expect(foldPreparationOf(dropped.pipeline, dropped.imputedRows)).toBeNull();
  });
});
