import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { tableRows } from '../../../src-core/data/raw-table';
import { csvCell, csvText } from '../../../src-core/text/csv-writer';

describe('csvCell', () => {
  it('prefixes a single quote to text a spreadsheet would run as a formula, and quotes it', () => {
    expect(csvCell('=1+2')).toBe(`"'=1+2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('+cmd')).toBe(`"'+cmd"`);
    expect(csvCell('-1+2')).toBe(`"'-1+2"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    // The full-width forms, which spreadsheets read as = + - @ (East Asian input methods type them).
    expect(csvCell('＝1+2')).toBe(`"'＝1+2"`);
    expect(csvCell('＋cmd')).toBe(`"'＋cmd"`);
    expect(csvCell('－1')).toBe(`"'－1"`);
    expect(csvCell('＠SUM(A1)')).toBe(`"'＠SUM(A1)"`);
    // A line break does not end the check (a regular expression with .*$ would stop there).
    expect(csvCell('=1\n2')).toBe(`"'=1\n2"`);
  });

  it('leaves numbers, and text that is a plain number, as numbers', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(-1e-7)).toBe('-1e-7');
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('+2.5')).toBe('+2.5');
    expect(csvCell('-.5')).toBe('-.5');
    expect(csvCell('-3e-7')).toBe('-3e-7');
  });

  it('leaves ordinary text alone and quotes text with delimiters, quotes, line breaks or edge spaces', () => {
    expect(csvCell('setosa')).toBe('setosa');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
    expect(csvCell('no, never')).toBe('"no, never"');
    expect(csvCell('a;=1+2')).toBe('"a;=1+2"');
    expect(csvCell('yes "sure"')).toBe('"yes ""sure"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
  });
});

describe('csvText', () => {
  it('writes rows that read back to the cells, neutralized text with its single quote', () => {
    const text = csvText([['name', 'value'], ['=1+2', -2.5], ['plain', 3]]);
    expect(text).toBe(`name,value\n"'=1+2",-2.5\nplain,3\n`);
    const table = parseDelimited(text);
    expect(table.columns).toEqual(['name', 'value']);
    expect(tableRows(table)).toEqual([["'=1+2", '-2.5'], ['plain', '3']]);
  });
});
