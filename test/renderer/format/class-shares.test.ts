import { describe, expect, it } from 'vitest';
import { compareClassNamesNaturally, formatClassShare } from '../../../src-renderer/format/class-shares';

describe('formatClassShare', () => {
  it('keeps a decimal below 10%, so 200 equal classes read 0.5% and not 1%', () => {
    expect(formatClassShare(1 / 200)).toBe('0.5%');
    expect(formatClassShare(1 / 30)).toBe('3.3%');
    expect(formatClassShare(0.02)).toBe('2%');
    expect(formatClassShare(31 / 50)).toBe('62%');
    expect(formatClassShare(0.0001)).toBe('<0.1%');
    expect(formatClassShare(0)).toBe('0%');
  });
});

describe('compareClassNamesNaturally', () => {
  it('orders digit runs as numbers: class_2 before class_10', () => {
    const names = ['class_10', 'class_1', 'class_100', 'class_2', 'class_0'];
    expect([...names].sort(compareClassNamesNaturally)).toEqual(['class_0', 'class_1', 'class_2', 'class_10', 'class_100']);
  });

  it("keeps the core's order for names that are numbers, signs included", () => {
    expect(['10', '-2', '2', '-10', 'b', 'a'].sort(compareClassNamesNaturally)).toEqual(['-10', '-2', '2', '10', 'a', 'b']);
  });
});
