import { describe, expect, it } from 'vitest';
import { squaredLoss } from '../../../src-core/losses/squared-loss';
import { vec } from './loss-cases';

describe('squaredLoss specifics', () => {
  it('value, gradient, curvature on a hand-computed example', () => {
    const yhat = vec(1, -2, 0.5);
    const y = vec(0, 1, 0.5);
    // residuals 1, -3, 0 -> (1/2)(1 + 9) = 5 ; weighted (2, 1, 7): (1/2)(2 + 9) = 5.5
    expect(squaredLoss.value(yhat, y)).toBe(5);
    expect(squaredLoss.value(yhat, y, vec(2, 1, 7))).toBe(5.5);
    const g = new Float64Array(3);
    squaredLoss.gradient(yhat, y, g, vec(2, 1, 7));
    expect(Array.from(g)).toEqual([2, -3, 0]);
    const d2 = new Float64Array(3);
    squaredLoss.secondDerivative(yhat, y, d2);
    expect(Array.from(d2)).toEqual([1, 1, 1]);
  });

  it('conjugate equals the spec 2.1 form under z = -v: -L*(-v) = -(1/2)||v - y||^2 + (1/2)||y||^2', () => {
    const y = vec(0.3, -1.2, 2);
    const v = vec(1, 0.5, -0.25);
    const spec = -0.5 * ((1 - 0.3) ** 2 + (0.5 + 1.2) ** 2 + (-0.25 - 2) ** 2) + 0.5 * (0.09 + 1.44 + 4);
    expect(squaredLoss.negConjugate(v.map((x) => -x), y)).toBeCloseTo(spec, 14);
    // weighted: -(z y + z^2/(2w)) with z = 2, y = 1, w = 4 -> -(2 + 0.5)
    expect(squaredLoss.negConjugate(vec(2), vec(1), vec(4))).toBe(-2.5);
  });

  it('prox closed form (w y + rho a) / (w + rho)', () => {
    const out = new Float64Array(2);
    squaredLoss.prox(vec(3, -1), vec(1, 1), 1, out, vec(1, 3));
    expect(Array.from(out)).toEqual([2, 0.5]);
  });

  it('is finite at yhat = +-1000', () => {
    expect(squaredLoss.value(vec(1000, -1000), vec(0, 0))).toBe(1e6);
    const g = new Float64Array(2);
    squaredLoss.gradient(vec(1000, -1000), vec(0, 0), g);
    expect(Array.from(g)).toEqual([1000, -1000]);
  });
});
