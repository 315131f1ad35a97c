import { describe, expect, it } from 'vitest';
import { numericColumns } from '../../../src-renderer/format/numeric-columns';

describe('numericColumns', () => {
  it('calls a column numeric when every non-blank cell is a number and one is there', () => {
    const rows = [['1', 'a', '', '1e-3'], ['-2.5', '3', '', ' 7 '], ['', 'b', '']];
    expect(numericColumns(rows, 4)).toEqual([true, false, false, true]);
  });

  it('has an answer for every column, also with no rows', () => {
    expect(numericColumns([], 2)).toEqual([false, false]);
  });
});
