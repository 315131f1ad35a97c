import { describe, expect, it } from 'vitest';
import { countOf } from '../../../src-renderer/format/numbers';

describe('countOf', () => {
  it('names one thing in the singular and the rest in the plural, with thousands separators', () => {
    expect(countOf(1, 'feature')).toBe('1 feature');
    expect(countOf(0, 'feature')).toBe('0 features');
    expect(countOf(1200, 'row')).toBe('1,200 rows');
  });
});
