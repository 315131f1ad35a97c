import { describe, expect, it } from 'vitest';
import { softplus, stableSigmoid } from '../../../src-core/losses';
import { projectSoc, proxSoftplusMargin } from '../../../src-core/robust/robust-pdhg';

describe('PDHG building blocks', () => {
  it('proxSoftplusMargin solves q - q0 - 2 step sigmoid(-2 q) = 0, also where plain Newton cycles', () => {
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const q0 = 5 * Math.sin(i);
      const step = 0.01 + (i % 7);
      const q = proxSoftplusMargin(q0, step);
      worst = Math.max(worst, Math.abs(q - q0 - 2 * step * stableSigmoid(-2 * q)) / (1 + Math.abs(q0) + step));
    }
    expect(worst).toBeLessThan(1e-13);
    // a case where undamped Newton oscillates between about -1.61 and 4.52
    const q = proxSoftplusMargin(-1.6334397157851148, 6.01);
    expect(q - -1.6334397157851148 - 12.02 * stableSigmoid(-2 * q)).toBeCloseTo(0, 12);
    // and it is the minimizer: nearby points have a larger prox objective
    const objective = (t: number): number => softplus(-2 * t) + (t - 0.3) ** 2 / (2 * 0.7);
    const best = proxSoftplusMargin(0.3, 0.7);
    expect(objective(best)).toBeLessThan(objective(best + 1e-4));
    expect(objective(best)).toBeLessThan(objective(best - 1e-4));
  });

  it('projectSoc projects onto {(s, v) : ||v|| <= s}', () => {
    const inside = Float64Array.of(2, 1, 1);
    projectSoc(inside, 0, 3);
    expect(Array.from(inside)).toEqual([2, 1, 1]);
    const polar = Float64Array.of(-3, 1, 1);
    projectSoc(polar, 0, 3);
    expect(Array.from(polar)).toEqual([0, 0, 0]);
    const outside = Float64Array.of(0, 3, 4);
    projectSoc(outside, 0, 3);
    expect(outside[0]).toBeCloseTo(2.5, 14);
    expect(Math.hypot(outside[1]!, outside[2]!)).toBeCloseTo(2.5, 14);
    expect(outside[1]! / outside[2]!).toBeCloseTo(0.75, 14);
  });
});
