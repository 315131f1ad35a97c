import { describe, expect, it } from 'vitest';
import { counted } from '../../../src-core/text/counted';

describe('counted', () => {
  it('puts the noun in the right number', () => {
    expect(counted(1, 'time')).toBe('1 time');
    expect(counted(0, 'time')).toBe('0 times');
    expect(counted(2, 'time')).toBe('2 times');
    expect(counted(12_500, 'Newton step')).toBe('12,500 Newton steps');
    expect(counted(3, 'matrix', 'matrices')).toBe('3 matrices');
  });
});
