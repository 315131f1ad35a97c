import { describe, expect, it } from 'vitest';
import { DEFAULT_EXACT_PATTERN_LIMIT } from '../../../src-core/patterns/exact-patterns';
import { exactPatternLimitOf, exactPatternLimitSpec } from '../../../src-core/training/exact-pattern-limit';
import { expectConvexNetError } from '../data/expect-error';

describe('exact pattern limit', () => {
  it('is declared with the enumeration\'s default and whole-number bounds', () => {
    expect(exactPatternLimitSpec).toMatchObject({ key: 'exactPatternLimit', kind: 'integer', default: DEFAULT_EXACT_PATTERN_LIMIT, min: 1 });
    expect(exactPatternLimitSpec.max).toBeGreaterThan(DEFAULT_EXACT_PATTERN_LIMIT);
  });

  it('reads the limit when given and explains a bad one', () => {
    expect(exactPatternLimitOf(undefined)).toBeUndefined();
    expect(exactPatternLimitOf({ tolerance: 1e-4 })).toBeUndefined();
    expect(exactPatternLimitOf({ exactPatternLimit: 500 })).toBe(500);
    expect(expectConvexNetError(() => exactPatternLimitOf({ exactPatternLimit: 0 }), 'settings/invalid')).toMatch(/at least 1/);
    expect(expectConvexNetError(() => exactPatternLimitOf({ exactPatternLimit: 7.5 }), 'settings/invalid')).toMatch(/whole number/);
    expect(expectConvexNetError(() => exactPatternLimitOf({ exactPatternLimit: '900' }), 'settings/invalid')).toMatch(/must be a whole number at least 1 and at most 100,000 \(patterns\), got "900"/);
    expect(expectConvexNetError(() => exactPatternLimitOf({ exactPatternLimit: exactPatternLimitSpec.max + 1 }), 'settings/invalid')).toMatch(/at most 100,000 \(patterns\)/);
  });
});
