import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { expectConvexNetError } from './expect-error';
import { tableRows } from '../../../src-core/data/raw-table';

describe('parseDelimited', () => {
  it('reads a header and rows, trimming cells and keeping empty cells as missing', () => {
    const table = parseDelimited('a, b ,c\n 1,  x , \n2,y,3\n');
    expect(table.columns).toEqual(['a', 'b', 'c']);
    expect(tableRows(table)).toEqual([
      ['1', 'x', ''],
      ['2', 'y', '3'],
    ]);
    expect(Array.from(table.lines!)).toEqual([2, 3]);
  });

  it('keeps commas, quotes and line breaks inside quoted fields, and counts lines across them', () => {
    const text = 'name,note,value\n"Smith, J.","said ""hi""\nand left",1\nplain,"",2\n';
    const table = parseDelimited(text);
    expect(tableRows(table)).toEqual([
      ['Smith, J.', 'said "hi"\nand left', '1'],
      ['plain', '', '2'],
    ]);
    expect(Array.from(table.lines!)).toEqual([2, 4]);
  });

  it('ignores a byte-order mark and accepts \\r\\n and \\r line endings', () => {
    const table = parseDelimited('\uFEFFx,y\r\n1,2\r3,4\r\n');
    expect(table.columns).toEqual(['x', 'y']);
    expect(tableRows(table)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('detects tab, semicolon and pipe delimiters', () => {
    expect(tableRows(parseDelimited('a\tb\n1,5\t2\n'))).toEqual([['1,5', '2']]);
    expect(tableRows(parseDelimited('a;b\n1,5;2\n'))).toEqual([['1,5', '2']]);
    expect(tableRows(parseDelimited('a|b\n1|2\n'))).toEqual([['1', '2']]);
  });

  it('reads a single-column file', () => {
    expect(tableRows(parseDelimited('only\n1\n2\n'))).toEqual([['1'], ['2']]);
  });

  it('unquotes a value quoted after a space, and names empty header cells', () => {
    const table = parseDelimited(',a,b\n0, "x y" ,3\n');
    expect(table.columns).toEqual(['column_1', 'a', 'b']);
    expect(tableRows(table)).toEqual([['0', 'x y', '3']]);
  });

  it('skips blank lines and rows whose cells are all empty, reporting later lines correctly', () => {
    const table = parseDelimited('a,b\n\n1,2\n , \n\n3,4\n');
    expect(tableRows(table)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(Array.from(table.lines!)).toEqual([3, 6]);
  });

  it('keeps rows whose cells are all empty when asked (predictions line up with the rows), still skipping blank lines', () => {
    const table = parseDelimited('a,b\n\n1,2\n , \n\n3,4\n,\n', { keepEmptyRows: true });
    expect(tableRows(table)).toEqual([
      ['1', '2'],
      ['', ''],
      ['3', '4'],
      ['', ''],
    ]);
    expect(Array.from(table.lines!)).toEqual([3, 4, 6, 7]);
    // With one column a blank line and an empty row are the same text: skipped.
    expect(tableRows(parseDelimited('a\n1\n\n2\n', { keepEmptyRows: true }))).toEqual([['1'], ['2']]);
  });

  it('refuses an empty file and a file with only a header', () => {
    expectConvexNetError(() => parseDelimited(''), 'data/empty-file');
    expectConvexNetError(() => parseDelimited('  \n\n'), 'data/empty-file');
    expect(expectConvexNetError(() => parseDelimited('a,b\n'), 'data/no-rows')).toMatch(/header row \(line 1\) but no data rows/);
  });

  it('reads numbers written with thousands separators as numbers when the decimal mark is the point', () => {
    const text = 'income,name,code\n"1,234",x,"0,123"\n"-12,345.5","Smith, J.","1,23"\n950,y,"12,3456"\n"1,000,000",z,7\n';
    expect(tableRows(parseDelimited(text))).toEqual([
      ['1234', 'x', '0,123'],
      ['-12345.5', 'Smith, J.', '1,23'],
      ['950', 'y', '12,3456'],
      ['1000000', 'z', '7'],
    ]);
    // The numbers then reach the numeric column (typed array), not the text cells.
    expect(Array.from(parseDelimited(text).numericColumn!(0)!)).toEqual([1234, -12345.5, 950, 1e6]);
    // With the decimal comma the same text is a decimal number.
    expect(tableRows(parseDelimited('a;b\n1,234;2\n', { decimal: ',' }))).toEqual([['1.234', '2']]);
  });

  it('reads prices and percentages as numbers, and leaves text with such signs alone', () => {
    const text = 'fee,discount,change,note,%share\n"$1,234.50",4%,-$5,50% off,12.5 %\n€ 3,0.5%,+£2,$ave,%\n¥100,100%,$-1,-,-\n';
    expect(tableRows(parseDelimited(text))).toEqual([
      ['1234.50', '4', '-5', '50% off', '12.5'],
      ['3', '0.5', '+2', '$ave', '%'],
      ['100', '100', '-1', '-', '-'],
    ]);
    // The header keeps its signs; the columns are numbers (typed arrays).
    expect(parseDelimited(text).columns[4]).toBe('%share');
    expect(Array.from(parseDelimited(text).numericColumn!(0)!)).toEqual([1234.5, 3, 100]);
    expect(Array.from(parseDelimited(text).numericColumn!(1)!)).toEqual([4, 0.5, 100]);
    // A sign on both sides of the currency is not a number; with the decimal comma "4,5 %" is 4.5.
    expect(tableRows(parseDelimited('a;b\n-$-5;4,5 %\n', { decimal: ',' }))).toEqual([['-$-5', '4.5']]);
  });

  it('refuses ragged rows, naming the line and the expected field count', () => {
    const message = expectConvexNetError(() => parseDelimited('a,b,c\n1,2,3\n"q\nq",2\n', { sourceName: 'f.csv' }), 'data/ragged-row');
    expect(message).toMatch(/^f\.csv, line 3: found 2 fields, expected 3/);
    // ... and says what to do about it.
    expect(message).toMatch(/Give that line one field per column \(a missing value is an empty field between two delimiters\), or set the delimiter/);
    expectConvexNetError(() => parseDelimited('a,b\n1,2,3\n'), 'data/ragged-row');
  });

  it('refuses duplicate column names', () => {
    expect(expectConvexNetError(() => parseDelimited('a,b,a\n1,2,3\n'), 'data/duplicate-column')).toMatch(/"a" appears more than once/);
  });

  it('refuses unclosed and malformed quotes, naming the line', () => {
    expect(expectConvexNetError(() => parseDelimited('a,b\n1,2\n3,"4\n5,6\n'), 'data/malformed-quotes')).toMatch(/line 3: a quoted field is never closed/);
    expect(expectConvexNetError(() => parseDelimited('a,b\n1,"2"x\n'), 'data/malformed-quotes')).toMatch(/line 2/);
  });
});
