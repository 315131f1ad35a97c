import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { rowTable } from '../../../src-core/data/raw-table';
import { dataFingerprint } from '../../../src-main/workspace/data-fingerprint';

/** The fingerprint as runs recorded it when tables were rows of strings: length-prefixed texts, row by row. */
function rowsFingerprint(columns: string[], rows: string[][]): string {
  const hash = createHash('sha256');
  const put = (cell: string): void => {
    hash.update(`${cell.length}:`);
    hash.update(cell);
  };
  hash.update(`columns ${columns.length}\n`);
  for (const column of columns) put(column);
  hash.update(`\nrows ${rows.length}\n`);
  for (const row of rows) for (const cell of row) put(cell);
  return hash.digest('hex');
}

describe('dataFingerprint', () => {
  const columns = ['x', 'color', 'y'];
  const rows = [
    ['1.50', 'red', '0'],
    ['-0.000', '', '1'],
    ['7', 'blue', ''],
  ];

  it('is the same for a columnar table read from a file as for the same rows of strings, as recorded before', () => {
    const csv = `${columns.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    const expected = rowsFingerprint(columns, rows);
    expect(dataFingerprint(parseDelimited(csv))).toBe(expected);
    expect(dataFingerprint(rowTable(columns, rows))).toBe(expected);
  });

  it('changes when one cell text changes, even to the same number', () => {
    const changed = rows.map((r) => [...r]);
    changed[0]![0] = '1.5';
    expect(dataFingerprint(rowTable(columns, changed))).not.toBe(dataFingerprint(rowTable(columns, rows)));
  });
});
