import { describe, expect, it } from 'vitest';
import { detectDialect, normalizeDecimalComma } from '../../../../src-core/data/formats/delimited-dialect';

describe('detectDialect', () => {
  it('finds comma, tab, semicolon and pipe, preferring the one with consistent field counts', () => {
    expect(detectDialect('a,b,c\n1,2,3\n4,5,6\n').delimiter).toBe(',');
    expect(detectDialect('a\tb\n1,5\t2\n').delimiter).toBe('\t');
    expect(detectDialect('a|b\n1|2\n').delimiter).toBe('|');
    // The decimal commas make the comma count differ between header and rows.
    expect(detectDialect('x;y;z\n1,5;2,25;a\n3,0;4,5;b\n')).toEqual({ delimiter: ';', decimal: ',', header: true });
  });

  it('keeps the decimal point when any cell uses it, and always with comma-delimited text', () => {
    expect(detectDialect('x;y\n1,5;2.5\n').decimal).toBe('.');
    expect(detectDialect('x,y\n"1,5",2\n').decimal).toBe('.');
  });

  it('detects a missing header when the first record is all numbers', () => {
    expect(detectDialect('1,2,3\n4,5,6\n').header).toBe(false);
    // A first record of numbers written with thousands separators is data too.
    expect(detectDialect('"1,234",5\n"2,000",6\n').header).toBe(false);
    expect(detectDialect('1;5;2\n3;4;1\n', { decimal: ',' }).header).toBe(false);
    expect(detectDialect('a,2,3\n4,5,6\n').header).toBe(true);
  });

  it('lets each part be overridden', () => {
    expect(detectDialect('a;b\n1,5;2\n', { delimiter: ',', decimal: '.', header: false })).toEqual({ delimiter: ',', decimal: '.', header: false });
  });

  it('turns decimal commas into points only in numbers', () => {
    expect(normalizeDecimalComma('-3,25')).toBe('-3.25');
    expect(normalizeDecimalComma(',5')).toBe('.5');
    expect(normalizeDecimalComma('Smith, J.')).toBe('Smith, J.');
    expect(normalizeDecimalComma('1,234,5')).toBe('1,234,5');
  });
});
