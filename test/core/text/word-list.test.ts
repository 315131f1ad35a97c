import { describe, expect, it } from 'vitest';
import { listWithAnd } from '../../../src-core/text/word-list';

describe('listWithAnd', () => {
  it('lists items as a sentence does', () => {
    expect(listWithAnd([])).toBe('');
    expect(listWithAnd(['a'])).toBe('a');
    expect(listWithAnd(['a', 'b'])).toBe('a and b');
    expect(listWithAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
