import { describe, expect, it } from 'vitest';
import { allowedNumberText } from '../../../src-core/settings/allowed-number';

describe('allowedNumberText', () => {
  it('says the kind, both bounds and the unit', () => {
    expect(allowedNumberText({ min: 1, max: 10_000_000, integer: true, unit: 'iterations' })).toBe('a whole number at least 1 and at most 10,000,000 (iterations)');
    expect(allowedNumberText({ min: 0, minExclusive: true, max: 1e6 })).toBe('a number greater than 0 and at most 1,000,000');
  });

  it('writes large whole bounds with thousands separators and every digit, other bounds as they are', () => {
    expect(allowedNumberText({ min: 0, max: 4_294_967_295, integer: true })).toBe('a whole number at least 0 and at most 4,294,967,295');
    expect(allowedNumberText({ min: 1e-12, max: 9999 })).toBe('a number at least 1e-12 and at most 9999');
    expect(allowedNumberText({ min: 0.5, max: 1e12 })).toBe('a number at least 0.5 and at most 1,000,000,000,000');
  });

  it('leaves out a bound that is infinite', () => {
    expect(allowedNumberText({ min: 0, max: Infinity, integer: true })).toBe('a whole number at least 0');
    expect(allowedNumberText({ min: -Infinity, max: 2 })).toBe('a number at most 2');
    expect(allowedNumberText({ min: -Infinity, max: Infinity })).toBe('a number');
  });
});
