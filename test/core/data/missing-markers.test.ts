import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../../src-core/data/column-profile';
import { readTextTable } from '../../../src-core/data/formats/read-table';
import { isMissingMarker, withMissingMarkers } from '../../../src-core/data/missing-markers';
import { applyPreprocessing, fitPreprocessing } from '../../../src-core/data/preprocessing';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';
import { matrixToRows } from '../../../src-core/linalg/matrix';
import { filledInputs } from '../../../src-core/model/filled-inputs';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('missing-value words', () => {
  it('knows the usual spellings, whatever their case, and not numbers or non-finite numbers', () => {
    for (const word of ['NA', 'na', 'N/A', 'n/a', '#N/A', 'NULL', 'null', 'None', 'nil', '?', '-', '.']) expect(isMissingMarker(word), word).toBe(true);
    for (const other of ['', '0', '-1', 'NaN', 'inf', 'NAN', 'North America', 'N', 'A', '--']) expect(isMissingMarker(other), other).toBe(false);
  });

  it('are missing only in columns otherwise made of numbers; elsewhere they stay values', () => {
    const table = rowTable(
      ['tenure', 'region', 'allWords', 'dash', 'plain'],
      [
        ['12', 'NA', 'NA', '-', '1'],
        ['NA', 'EU', 'n/a', '3.5', '2'],
        ['', 'NA', '', '-2', '3'],
        ['n/a', 'EU', 'null', '-', '4'],
        ['7', 'AS', 'NA', '1e3', '5'],
      ],
    );
    const { table: read, markedColumns } = withMissingMarkers(table);
    expect(markedColumns).toEqual(['tenure', 'dash']);
    expect(tableRows(read).map((row) => [row[0], row[3]])).toEqual([['12', ''], ['', '3.5'], ['', '-2'], ['', ''], ['7', '1e3']]);
    // Region "NA" (North America) and a column of nothing but words keep their text.
    expect(tableRows(read).map((row) => row[1])).toEqual(['NA', 'EU', 'NA', 'EU', 'AS']);
    expect(tableRows(read).map((row) => row[2])).toEqual(['NA', 'n/a', '', 'null', 'NA']);
    // Nothing to change: the same table.
    const plain = rowTable(['x'], [['1'], ['2']]);
    expect(withMissingMarkers(plain)).toEqual({ table: plain, markedColumns: [] });
  });

  it('make an R export\'s numeric column with NA cells numeric, with those cells missing and filled (CSV read, inspection, preparation)', () => {
    const csv = 'age,plan,churn\n34,basic,yes\nNA,pro,no\n51,basic,yes\n29,NA,no\nNA,pro,no\n45,basic,yes\n';
    const { table } = readTextTable(encode(csv), 'export.csv');
    const [age, plan] = profileColumns(table);
    expect(age).toMatchObject({ name: 'age', kind: 'numeric', missing: 2 });
    expect(plan).toMatchObject({ name: 'plan', kind: 'categorical', missing: 0 });
    const { pipeline, dataset } = fitPreprocessing(table, 'churn', { task: 'binary', standardize: false });
    expect(pipeline.steps.map((s) => s.kind)).toEqual(['numeric', 'one-hot']);
    const ageStep = pipeline.steps[0]!;
    expect(ageStep.kind === 'numeric' && ageStep.fillValue).toBeCloseTo((34 + 51 + 29 + 45) / 4, 12);
    expect(matrixToRows(dataset.X).map((row) => row[0])).toEqual([34, 39.75, 51, 29, 39.75, 45]);
  });

  it('are read the same from a CSV whose columns are held as numbers (the large-file path)', () => {
    const rows = Array.from({ length: 400 }, (_, k) => `${k % 7 === 0 ? 'NA' : k * 0.5},${k % 2 === 0 ? 'NA' : ''},${k % 3 === 0 ? 'NA' : 'EU'},${k}`);
    const { table } = readTextTable(encode(`x,words,region,y\n${rows.join('\n')}\n`), 'big.csv');
    const [x, words, region] = profileColumns(table);
    expect(x).toMatchObject({ kind: 'numeric', missing: 58 });
    // Only words and empty cells: nothing shows the column is numeric, so NA stays its value.
    expect(words).toMatchObject({ missing: 200, distinct: 1 });
    expect(region!.kind).toBe('categorical');
    expect(table.cell(0, 0)).toBe('');
    expect(table.cell(1, 0)).toBe('0.5');
    expect(table.cell(0, 2)).toBe('NA');
  });

  it('tell a column held as numbers with only empty cells and a few words from one with numbers written as text', () => {
    // 40 NA cells in 400 rows: few enough that the reader holds both columns as numbers.
    const rows = Array.from({ length: 400 }, (_, k) => `${k % 10 === 0 ? 'NA' : ''},${k % 10 === 0 ? 'NA' : k % 2 ? '1e3' : '+2.'},${k}`);
    const { table } = readTextTable(encode(`empty,written,y\n${rows.join('\n')}\n`), 'held.csv');
    expect(table.cell(0, 0)).toBe('NA');
    expect(table.cell(0, 1)).toBe('');
    expect(table.cell(1, 1)).toBe('1e3');
    const [, written] = profileColumns(table);
    expect(written).toMatchObject({ kind: 'numeric', missing: 40 });
  });

  it('are filled in new rows of a numeric column even when that column has no number to show it is numeric', () => {
    const train = rowTable(['x', 'y'], [['1', '0.5'], ['3', '1.5'], ['5', '2.5']]);
    const { pipeline } = fitPreprocessing(train, 'y', { task: 'regression', standardize: false });
    const fresh = rowTable(['x', 'y'], [['NA', ''], ['?', ''], ['4', '']]);
    expect(matrixToRows(applyPreprocessing(pipeline, fresh)).map((row) => row[0])).toEqual([3, 3, 4]);
    expect(filledInputs(pipeline, fresh)).toEqual({ partlyFilled: 0, empty: [0, 1] });
  });
});
