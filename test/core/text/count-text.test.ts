import { describe, expect, it } from 'vitest';
import { countArrangementCells } from '../../../src-core/patterns/exact-patterns';
import { formatCount } from '../../../src-core/text/count-text';

describe('formatCount', () => {
  it('groups the digits of counts below a million', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(256)).toBe('256');
    expect(formatCount(25_442)).toBe('25,442');
    expect(formatCount(999_999)).toBe('999,999');
  });

  it('writes millions, billions and trillions in words with three significant digits', () => {
    expect(formatCount(12_000_000)).toBe('12 million');
    expect(formatCount(22_369_621)).toBe('22.4 million');
    expect(formatCount(3_456_789_012)).toBe('3.46 billion');
    expect(formatCount(7.1e13)).toBe('71 trillion');
  });

  it('moves to the next word when rounding reaches a thousand', () => {
    expect(formatCount(999_999_999)).toBe('1 billion');
    expect(formatCount(999_600)).toBe('999,600');
    expect(formatCount(999_950_000)).toBe('1 billion');
  });

  it('writes huge pattern counts as a power of ten, never as 1.2e+50', () => {
    const huge = countArrangementCells(100_000, 11);
    expect(formatCount(huge)).toMatch(/^\d(\.\d)? × 10\^\d+$/);
    expect(formatCount(2.5e18)).toBe('2.5 × 10^18');
    expect(formatCount(1e15)).toBe('10^15');
    expect(formatCount(9.9996e14)).toBe('10^15');
    expect(formatCount(Infinity)).toBe('more than 10^308');
    for (const count of [1e7, 1e20, 1e100, huge]) expect(formatCount(count)).not.toMatch(/e\+/);
  });
});
