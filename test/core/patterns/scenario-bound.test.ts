import { describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../src-core/errors';
import { scenarioDecisionVariables, scenarioSampleBound } from '../../../src-core/patterns/scenario-bound';

describe('scenarioSampleBound', () => {
  it('reproduces the anchors of spec 7.3(G) with n_x = n + 1', () => {
    expect(scenarioDecisionVariables(8)).toBe(9);
    expect(scenarioSampleBound(scenarioDecisionVariables(8), 0.1, 0.05)).toBe(220);
    expect(scenarioSampleBound(scenarioDecisionVariables(12000), 0.1, 0.05)).toBe(240060);
    // The other convention (n_x = n) does not reproduce the anchor.
    expect(scenarioSampleBound(8, 0.1, 0.05)).not.toBe(220);
  });

  it('takes the first (Calafiore-Campi) term when it is the smaller one', () => {
    // n_x = 10, psi = 0.1, xi = 0.8: 10 / 0.08 - 1 = 124 < 20 * (9 + ln 1.25) = 184.46.
    expect(scenarioSampleBound(10, 0.1, 0.8)).toBe(124);
  });

  it('does not add a sample for floating-point noise on a whole-number bound', () => {
    // 7 / (0.1 * 0.7) - 1 is 99 exactly but evaluates to 99.00000000000001; second term 127.1.
    expect(scenarioSampleBound(7, 0.1, 0.7)).toBe(99);
  });

  it('grows with n_x and shrinks as psi or xi grow', () => {
    expect(scenarioSampleBound(20, 0.1, 0.05)).toBeGreaterThan(scenarioSampleBound(10, 0.1, 0.05));
    expect(scenarioSampleBound(20, 0.2, 0.05)).toBeLessThan(scenarioSampleBound(20, 0.1, 0.05));
    expect(scenarioSampleBound(20, 0.1, 0.2)).toBeLessThan(scenarioSampleBound(20, 0.1, 0.05));
  });

  it('rejects invalid arguments with settings/invalid', () => {
    const bad: [number, number, number][] = [
      [0, 0.1, 0.05],
      [2.5, 0.1, 0.05],
      [9, 0, 0.05],
      [9, 1, 0.05],
      [9, 0.1, 0],
      [9, 0.1, 1],
      [9, Number.NaN, 0.05],
    ];
    for (const [nx, psi, xi] of bad) {
      let code: string | undefined;
      try {
        scenarioSampleBound(nx, psi, xi);
      } catch (e) {
        code = isConvexNetError(e) ? e.code : 'other';
      }
      expect(code).toBe('settings/invalid');
    }
    expect(() => scenarioDecisionVariables(0)).toThrow(/at least 1/);
  });
});
