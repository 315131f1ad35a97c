import { describe, expect, it } from 'vitest';
import { ColumnarTableBuilder } from '../../../src-core/data/columnar-table';
import { describeRow, selectTableRows, tableRows } from '../../../src-core/data/raw-table';

function build(columns: string[], rows: string[][], firstLine = 2): ReturnType<ColumnarTableBuilder['finish']> {
  const builder = new ColumnarTableBuilder(columns);
  rows.forEach((row, r) => builder.append(row, firstLine + r));
  return builder.finish();
}

describe('ColumnarTableBuilder', () => {
  it('gives back every cell text exactly, numbers, missing cells and text alike', () => {
    const rows = [
      ['1.50', 'red', '', '3'],
      ['-0.25', 'blue', '1e-7', '4'],
      ['', 'red', '2', '-0'],
      ['007', '', '0.000', '5'],
    ];
    const table = build(['a', 'color', 'b', 'c'], rows);
    expect(table.rowCount).toBe(4);
    expect(tableRows(table)).toEqual(rows);
    expect(Array.from(table.lines!)).toEqual([2, 3, 4, 5]);
    expect(describeRow(table, 2)).toBe('line 4');
  });

  it('reads numbers from the typed array, NaN where the text must be read', () => {
    const table = build(['a', 'color'], [['1.50', 'red'], ['x', 'blue'], ['', 'red'], ['2', 'red']]);
    expect(Array.from(table.numericColumn!(0)!)).toEqual([1.5, Number.NaN, Number.NaN, 2]);
    expect(table.cell(1, 0)).toBe('x');
  });

  it('turns a column with more than a few percent of text into a column of strings', () => {
    const rows = Array.from({ length: 200 }, (_, r) => [String(r), r < 100 ? `${r}.0` : `id-${r}`]);
    const table = build(['n', 'mixed'], rows);
    expect(table.numericColumn!(0)).not.toBeNull();
    expect(table.numericColumn!(1)).toBeNull();
    expect(tableRows(table)).toEqual(rows);
  });

  it('keeps a few text cells beside the numbers of a large column', () => {
    const rows = Array.from({ length: 10_000 }, (_, r) => [r % 1000 === 7 ? 'n/a' : (r / 8).toFixed(3)]);
    const table = build(['x'], rows);
    const values = table.numericColumn!(0)!;
    expect(values[7]).toBeNaN();
    expect(values[8]).toBe(1);
    expect(tableRows(table)).toEqual(rows);
  });

  it('spans several storage chunks (65,536 rows each) without losing a row', () => {
    const rows = Array.from({ length: 140_000 }, (_, r) => [r % 3 === 0 ? `${r}.5` : String(r)]);
    const table = build(['x'], rows);
    for (const r of [0, 65_535, 65_536, 131_072, 139_999]) expect(table.cell(r, 0)).toBe(rows[r]![0]);
    expect(table.numericColumn!(0)![139_999]).toBe(139_999);
  });
});

describe('selectTableRows', () => {
  it('is a view in the given order, with the picked rows, lines and numbers', () => {
    const table = build(['x', 'y'], [['1', 'a'], ['2', 'b'], ['3', 'c']], 10);
    const view = selectTableRows(table, [2, 0]);
    expect(tableRows(view)).toEqual([['3', 'c'], ['1', 'a']]);
    expect(Array.from(view.lines!)).toEqual([12, 10]);
    expect(Array.from(view.numericColumn!(0)!)).toEqual([3, 1]);
    // Three text cells stay beside the (absent) numbers: NaN sends readers to the text.
    expect(Array.from(view.numericColumn!(1)!)).toEqual([Number.NaN, Number.NaN]);
  });
});
