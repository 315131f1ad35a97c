import { describe, expect, it } from 'vitest';
import { hingeLoss } from '../../../src-core/losses/hinge-loss';
import { vec } from './loss-cases';

describe('hingeLoss specifics', () => {
  it('value and subgradient on hand-computed points (including the kink)', () => {
    const yhat = vec(0.2, 1, 3, -2, 0.5);
    const y = vec(1, 1, 1, -1, -1);
    // margins 0.2, 1, 3, 2, -0.5 -> losses 0.8, 0, 0, 0, 1.5
    expect(hingeLoss.value(yhat, y)).toBeCloseTo(2.3, 15);
    expect(hingeLoss.value(yhat, y, vec(2, 1, 1, 1, 0.5))).toBeCloseTo(1.6 + 0.75, 15);
    const g = new Float64Array(5);
    hingeLoss.gradient(yhat, y, g, vec(2, 1, 1, 1, 0.5));
    // margin < 1 -> -w y ; margin >= 1 (kink included) -> 0
    expect(Array.from(g)).toEqual([-2, 0, 0, 0, 0.5]);
    const d2 = vec(9, 9, 9, 9, 9);
    hingeLoss.secondDerivative(yhat, y, d2);
    expect(Array.from(d2)).toEqual([0, 0, 0, 0, 0]);
    expect(hingeLoss.smooth).toBe(false);
    expect(hingeLoss.curvatureBound).toBe(Infinity);
  });

  it('Fenchel-Young equality for every z in the subdifferential at the kink', () => {
    const y = vec(1, -1);
    const t = vec(1, -1); // y t = 1 for both
    for (const theta of [0, 0.25, 1]) {
      const z = vec(-theta * y[0], -theta * y[1]);
      const lhs = hingeLoss.value(t, y) - hingeLoss.negConjugate(z, y);
      expect(lhs).toBeCloseTo(z[0] * t[0] + z[1] * t[1], 15);
    }
  });

  it('conjugate domain: a = -z y / w in [0, 1] up to 1e-12', () => {
    expect(hingeLoss.negConjugate(vec(-0.5, 0.5), vec(1, -1))).toBeCloseTo(1, 15); // -sum z y
    expect(hingeLoss.negConjugate(vec(-2), vec(1), vec(2))).toBe(2);
    expect(hingeLoss.negConjugate(vec(-1 - 1e-13), vec(1))).toBeCloseTo(1, 12);
    expect(hingeLoss.negConjugate(vec(1e-13), vec(1))).toBeCloseTo(0, 12);
    expect(hingeLoss.negConjugate(vec(-1.001), vec(1))).toBe(-Infinity);
    expect(hingeLoss.negConjugate(vec(0.001), vec(1))).toBe(-Infinity);
    expect(hingeLoss.negConjugate(vec(-0.001), vec(-1))).toBe(-Infinity);
    expect(hingeLoss.negConjugate(vec(Number.NaN), vec(1))).toBe(-Infinity);
  });

  it('prox: the three closed-form cases', () => {
    const out = new Float64Array(3);
    // y = 1, w = 1, rho = 2 (step w/rho = 0.5):
    //  a = 1.5 (margin >= 1) -> a ; a = 0.2 (0.2 + 0.5 <= 1) -> 0.7 ; a = 0.8 -> kink 1
    hingeLoss.prox(vec(1.5, 0.2, 0.8), vec(1, 1, 1), 2, out);
    expect(Array.from(out)).toEqual([1.5, 0.7, 1]);
    // y = -1 mirrors: a = -1.5 -> -1.5 ; a = -0.2 -> -0.7 ; a = -0.8 -> -1
    hingeLoss.prox(vec(-1.5, -0.2, -0.8), vec(-1, -1, -1), 2, out);
    expect(Array.from(out)).toEqual([-1.5, -0.7, -1]);
  });

  it('is stable at yhat = +-1000', () => {
    const yhat = vec(1000, -1000);
    const y = vec(-1, -1);
    expect(hingeLoss.value(yhat, y)).toBe(1001);
    const g = new Float64Array(2);
    hingeLoss.gradient(yhat, y, g);
    expect(Array.from(g)).toEqual([1, 0]);
  });
});
