import { describe, expect, it } from 'vitest';
import { defaultContext, interruption } from '../../../src-core/solvers/solver-types';

describe('interruption between iterations', () => {
  it('says cancelled first, then time-limit once the limit has passed, else nothing', () => {
    let t = 100;
    let cancelled = false;
    const context = defaultContext({ now: () => t, isCancelled: () => cancelled });
    expect(interruption(context, 100, 50)).toBeNull();
    t = 149;
    expect(interruption(context, 100, 50)).toBeNull();
    t = 150;
    expect(interruption(context, 100, 50)).toBe('time-limit');
    cancelled = true;
    expect(interruption(context, 100, 50)).toBe('cancelled');
  });

  it('never stops for time with a limit of 0 (no limit)', () => {
    const context = defaultContext({ now: () => 1e12 });
    expect(interruption(context, 0, 0)).toBeNull();
  });
});
