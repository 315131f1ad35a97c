import { describe, expect, it } from 'vitest';
import { countOf, formatGap, formatLinearTick, formatNumberColumn, formatTick, tickStep } from '../../../src-renderer/format/numbers';

describe('countOf', () => {
  it('names one thing in the singular and the rest in the plural, with thousands separators', () => {
    expect(countOf(1, 'feature')).toBe('1 feature');
    expect(countOf(0, 'feature')).toBe('0 features');
    expect(countOf(1200, 'row')).toBe('1,200 rows');
  });
});

describe('formatGap', () => {
  it('writes certified gaps in two significant digits, an en dash when there is none', () => {
    expect(formatGap(4.1e-5)).toBe('0.0041%');
    expect(formatGap(0.0123)).toBe('1.2%');
    expect(formatGap(null)).toBe('–');
  });
});

describe('formatTick', () => {
  it('writes the ticks of a log axis in one notation per range, switching where formatNumber does', () => {
    expect([10, 0.01, 0.001, 1e-5, 1e-7, 1e-14].map(formatTick)).toEqual(['10', '0.01', '0.001', '1e-5', '1e-7', '1e-14']);
    expect([2e6, 0.00025, 123456, 0].map(formatTick)).toEqual(['2e6', '2.5e-4', '123000', '0']);
  });
});

describe('formatLinearTick', () => {
  it('writes as many digits as the step between ticks needs, at least formatTick\'s three', () => {
    expect([2007, 2008, 2009].map((v) => formatLinearTick(v, 1))).toEqual(['2007', '2008', '2009']);
    expect([1377.8, 1377.85].map((v) => formatLinearTick(v, 0.05))).toEqual(['1377.8', '1377.85']);
    expect(formatLinearTick(10250, 250)).toBe('10250');
    expect(formatLinearTick(0.5, 0.25)).toBe('0.5');
    expect(formatLinearTick(1234567, 1)).toBe('1.234567e6');
    expect(formatLinearTick(0, 1e-9)).toBe('0');
  });

  it('takes the step from the ticks, 0 without two distinct ones', () => {
    expect(tickStep([{ value: 3 }, { value: 5 }, { value: 7 }])).toBe(2);
    expect(tickStep([{ value: 3 }])).toBe(0);
  });
});

describe('formatNumberColumn', () => {
  it('gives a column one number of decimals, four significant digits of its smallest value', () => {
    expect(formatNumberColumn([1.644, 2.19, 3.392, null])).toEqual(['1.644', '2.190', '3.392', '–']);
  });

  it("keeps formatNumber's form when a value needs exponent notation", () => {
    expect(formatNumberColumn([2e-5, 1.5])).toEqual(['2.000e-5', '1.5']);
  });
});
