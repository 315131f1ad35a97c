import { describe, expect, it } from 'vitest';
import { trimOldest } from '../../../src-core/collections/trim-oldest';

describe('trimOldest', () => {
  it('deletes the first keys until at most max are left, naming each, and leaves a map within max alone', () => {
    const map = new Map([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    const dropped: string[] = [];
    trimOldest(map, 2, (key) => dropped.push(key));
    expect([...map.keys()]).toEqual(['c', 'd']);
    expect(dropped).toEqual(['a', 'b']);
    trimOldest(map, 2, (key) => dropped.push(key));
    expect(dropped).toEqual(['a', 'b']);
    trimOldest(map, 0);
    expect(map.size).toBe(0);
  });
});
