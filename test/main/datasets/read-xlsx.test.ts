import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableRows } from '../../../src-core/data/raw-table';
import { readXlsxTable, sheetTable } from '../../../src-main/datasets/read-xlsx';
import { ConvexNetError } from '../../../src-core/errors';

describe('sheetTable (the rows of one XLSX sheet)', () => {
  // Values as read-excel-file gives them: null for an empty cell.
  const data = [
    [null, null, null],
    ['x', 'y', 'label'],
    [1, 2, 'a'],
    [null, null, null],
    [3, 4, 'b'],
    [null, null, null],
  ];

  it('skips rows whose cells are all empty, counting sheet rows from 1', () => {
    const table = sheetTable(data, 'book.xlsx', false);
    expect(table.columns).toEqual(['x', 'y', 'label']);
    expect(tableRows(table)).toEqual([
      ['1', '2', 'a'],
      ['3', '4', 'b'],
    ]);
    expect(Array.from(table.lines!)).toEqual([3, 5]);
  });

  it('keeps the empty rows between data rows when asked (predictions line up with the sheet), not those after the last', () => {
    const table = sheetTable(data, 'book.xlsx', true);
    expect(tableRows(table)).toEqual([
      ['1', '2', 'a'],
      ['', '', ''],
      ['3', '4', 'b'],
    ]);
    expect(Array.from(table.lines!)).toEqual([3, 4, 5]);
  });

  it('reads the missing-value words of a number column (N/A, #N/A) as missing, and keeps them as text in a text column', () => {
    const table = sheetTable([['income', 'region'], [52000, 'NA'], ['#N/A', 'EU'], [61000, 'NA'], ['N/A', 'EU']], 'book.xlsx', false);
    expect(tableRows(table)).toEqual([
      ['52000', 'NA'],
      ['', 'EU'],
      ['61000', 'NA'],
      ['', 'EU'],
    ]);
  });
});

describe('readXlsxTable (a workbook)', () => {
  const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/data/${name}`, import.meta.url));

  it('refuses an empty first sheet with the workbook\'s sheets as details, so another can be chosen', async () => {
    const error = await readXlsxTable(fixture('empty-first.xlsx'), 'e.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexNetError);
    expect(error).toMatchObject({ code: 'data/empty-file', message: 'e.xlsx, sheet "Cover" is empty: expected a header row and at least one data row.' });
    expect((error as ConvexNetError).details).toEqual({ kind: 'workbook-sheets', sheet: 'Cover', sheets: ['Cover', 'Measurements', 'Notes'] });
    expect((await readXlsxTable(fixture('empty-first.xlsx'), 'e.xlsx', 'Measurements')).table.rowCount).toBe(3);
  });
});
