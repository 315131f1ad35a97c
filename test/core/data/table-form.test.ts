import { describe, expect, it } from 'vitest';
import { loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import { ColumnarTableBuilder } from '../../../src-core/data/columnar-table';
import { readTextTable } from '../../../src-core/data/formats/read-table';
import { fitPreprocessing } from '../../../src-core/data/preprocessing';
import type { RawTable } from '../../../src-core/data/raw-table';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';
import { tableForm, tableFromForm } from '../../../src-core/data/table-form';

/** The table as another thread rebuilds it: its form through a structured clone (as postMessage sends it). */
function sent(table: RawTable): RawTable {
  return tableFromForm(structuredClone(tableForm(table)));
}

/** Everything a reader can see of a table: cells, lines, typed columns and their text cells. */
function view(table: RawTable): unknown {
  return {
    columns: table.columns,
    rowCount: table.rowCount,
    rows: tableRows(table),
    lines: table.lines === undefined ? 'none' : Array.from(table.lines),
    numbers: table.columns.map((_, c) => {
      const values = table.numericColumn?.(c) ?? null;
      return values === null ? null : Array.from(values, (v) => (Number.isNaN(v) ? 'NaN' : v));
    }),
    texts: table.columns.map((_, c) => {
      const held = table.textCells?.(c) ?? null;
      return held === null ? null : { texts: [...held.texts], numbers: held.numbers };
    }),
  };
}

describe('table forms', () => {
  it('rebuild a columnar table with every cell text, number, text cell, string column and line', () => {
    const builder = new ColumnarTableBuilder(['fixed', 'formats', 'mostlyText', 'fewTexts']);
    // Over two storage chunks (65,536 rows each); 'formats' has per-cell format codes.
    for (let r = 0; r < 70_000; r++) {
      builder.append([(r / 4).toFixed(2), r % 3 === 0 ? `${r}.50` : String(r), r % 2 === 0 ? `id-${r}` : String(r), r % 5000 === 1 ? 'n/a' : r % 7 === 0 ? '' : String(r / 8)], r + 2);
    }
    const table = builder.finish();
    const copy = sent(table);
    expect(view(copy)).toEqual(view(table));
    expect(copy.numericColumn!(2)).toBeNull();
  });

  it('keep a columnar table\'s numbers in shared memory, so sending them copies nothing', () => {
    const builder = new ColumnarTableBuilder(['x']);
    builder.append(['1.5'], 2);
    const form = tableForm(builder.finish());
    expect(form.kind === 'columnar' && form.data[0]!.kind === 'numbers' && form.data[0]!.values[0]!.buffer instanceof SharedArrayBuffer).toBe(true);
  });

  it('rebuild generated data (no file lines), row tables and tables with missing-value words', () => {
    const moons = loadBuiltInDataset({ id: 'two-moons', rows: 500, seed: 4 }).table;
    expect(moons.lines).toBeUndefined();
    const iris = loadBuiltInDataset({ id: 'iris' }).table;
    const lined = rowTable(['a', 'b'], [['1', 'x'], ['', 'y']], [3, 5]);
    const marked = readTextTable(new TextEncoder().encode('x,y,label\n1,NA,a\n2.50,3,b\nNA,4,a\n'), 'r.csv').table;
    expect(marked.cell(2, 0)).toBe('');
    for (const table of [moons, iris, lined, marked]) expect(view(sent(table))).toEqual(view(table));
    expect(sent(marked).form!.kind).toBe('marked');
  });

  it('copy the cells of a table made some other way', () => {
    const table: RawTable = { columns: ['a', 'b'], rowCount: 2, cell: (r, c) => `${r}:${c}` };
    expect(tableRows(sent(table))).toEqual([
      ['0:0', '0:1'],
      ['1:0', '1:1'],
    ]);
  });

  it('prepare to the same bits in the rebuilt table', () => {
    const table = loadBuiltInDataset({ id: 'blobs', rows: 3000, seed: 2 }).table;
    const here = fitPreprocessing(table, 'label', { task: 'multiclass', imputation: 'median' });
    const there = fitPreprocessing(sent(table), 'label', { task: 'multiclass', imputation: 'median' });
    expect(there.dataset.X.data).toEqual(here.dataset.X.data);
    expect(there.dataset.y).toEqual(here.dataset.y);
    expect(there.pipeline).toEqual(here.pipeline);
  });
});
