import { describe, expect, it } from 'vitest';
import { defaultContext, describeStatus, formatPercent, interruption, withinStage, type ProgressEvent } from '../../../src-core/solvers/solver-types';

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

describe('withinStage', () => {
  const event: ProgressEvent = { iteration: 7, elapsedMs: 10, objective: 1, fraction: 0.5, head: 1, headCount: 3 };

  it('rescales the fraction to the whole run and puts the stage in front of the inner ones', () => {
    const inner = withinStage(event, { name: 'beta', index: 2, count: 8 });
    expect(inner.fraction).toBeCloseTo(2.5 / 8, 15);
    const outer = withinStage(inner, { name: 'fold', index: 1, count: 5 });
    expect(outer.fraction).toBeCloseTo((1 + 2.5 / 8) / 5, 15);
    expect(outer.stages).toEqual([{ name: 'fold', index: 1, count: 5 }, { name: 'beta', index: 2, count: 8 }]);
    expect(outer).toMatchObject({ iteration: 7, head: 1, headCount: 3 });
  });

  it('leaves out a stage of one solve (cross-validating a single beta)', () => {
    const single = withinStage(event, { name: 'beta', index: 0, count: 1 });
    expect(single.stages).toBeUndefined();
    expect(single.fraction).toBe(0.5);
  });
});

describe('formatPercent', () => {
  it('writes gaps as plain percentages down to a millionth of a percent, two significant digits', () => {
    const cases: [number, string][] = [[0, '0%'], [0.5, '50.0%'], [0.05, '5.0%'], [4e-4, '0.040%'], [7.3e-5, '0.0073%'], [1.2e-6, '0.00012%'], [9.99e-7, '0.00010%'], [1e-8, '0.0000010%'], [3e-11, '3.0e-9%']];
    for (const [fraction, text] of cases) expect(formatPercent(fraction)).toBe(text);
  });
});

describe('describeStatus', () => {
  it('says what to change when a limit stopped the solve, and the certified gap it left', () => {
    expect(describeStatus('max-iterations', 0.209)).toBe('Stopped at the iteration limit before reaching the tolerance. A higher iteration limit lets it go on. The certified gap is 20.9%.');
    expect(describeStatus('time-limit', null)).toBe('Stopped at the time limit before reaching the tolerance. A longer time limit lets it go on.');
    expect(describeStatus('solved', 2e-5)).toBe('Reached the requested tolerance. The certified gap is 0.0020%.');
  });
});

describe('describeStatus in plain sentences', () => {
  it('says what stopped the solve and what is kept, one idea per sentence', () => {
    expect(describeStatus('solved', 0.015, true)).toBe(
      'Converged: the solution stopped changing (the primal and dual residuals met their tolerances). The certificate had not yet reached the requested tolerance. The certified gap is 1.5%.',
    );
    expect(describeStatus('stalled', null)).toBe('Stopped before the tolerance: no further progress was possible, because the numbers ran out of accuracy. The best certified solution so far is kept.');
    expect(describeStatus('cancelled', null)).toBe('Cancelled. The last solution reached is kept.');
    expect(describeStatus('numerical-failure', null)).toBe('Stopped because the numbers became invalid (not finite). Try standardizing the data, or a smaller step size or penalty.');
  });
});
