import { describe, expect, it } from 'vitest';
import { bceLoss, softplus, stableSigmoid } from '../../../src-core/losses/bce-loss';
import { vec } from './loss-cases';

describe('bceLoss specifics', () => {
  it('matches the direct formula sum w [log(1 + exp(2 yhat)) - 2 y yhat] at moderate yhat', () => {
    const yhat = vec(-1.3, 0, 0.7, 2.1);
    const y = vec(0, 1, 1, 0);
    const w = vec(1, 2, 0.5, 3);
    let direct = 0;
    for (let k = 0; k < 4; k++) direct += w[k] * (Math.log(1 + Math.exp(2 * yhat[k])) - 2 * y[k] * yhat[k]);
    expect(bceLoss.value(yhat, y, w)).toBeCloseTo(direct, 13);
    // yhat = 0: each sample costs log 2 regardless of the label; gradient 2 (1/2 - y)
    expect(bceLoss.value(vec(0, 0), vec(0, 1))).toBeCloseTo(2 * Math.LN2, 15);
    const g = new Float64Array(2);
    bceLoss.gradient(vec(0, 0), vec(0, 1), g);
    expect(Array.from(g)).toEqual([1, -1]);
  });

  it('is stable at yhat = +-1000: finite, correct values, gradients and curvature', () => {
    const yhat = vec(1000, 1000, -1000, -1000);
    const y = vec(1, 0, 1, 0);
    // correct class: ~0 loss; wrong class: 2 |yhat| = 2000
    expect(bceLoss.value(vec(1000), vec(1))).toBe(0);
    expect(bceLoss.value(vec(-1000), vec(0))).toBe(0);
    expect(bceLoss.value(vec(1000), vec(0))).toBe(2000);
    expect(bceLoss.value(vec(-1000), vec(1))).toBe(2000);
    expect(bceLoss.value(yhat, y)).toBe(4000);
    const g = new Float64Array(4);
    bceLoss.gradient(yhat, y, g);
    expect(Array.from(g)).toEqual([0, 2, -2, 0]);
    const d2 = new Float64Array(4);
    bceLoss.secondDerivative(yhat, y, d2);
    for (const v of d2) expect(v).toBe(0);
    // small-loss regime keeps relative accuracy: l(20, 1) = softplus(-40) ~ exp(-40)
    expect(bceLoss.value(vec(20), vec(1)) / Math.exp(-40)).toBeCloseTo(1, 12);
    const out = new Float64Array(4);
    bceLoss.prox(vec(1000, -1000, 1e6, -1e6), vec(1, 1, 0, 0), 0.5, out);
    for (const v of out) expect(Number.isFinite(v)).toBe(true);
    expect(out[0]).toBe(1000); // already fitted: sigmoid(2000) - 1 underflows, prox is a
    expect(out[1]).toBeCloseTo(-1000 + 2 / 0.5, 9); // deep in the linear part: t = a + 2w/rho
    expect(out[2]).toBeCloseTo(1e6 - 4, 6);
  });

  it('stable helpers: sigmoid(+-800) and softplus(+-800) do not overflow', () => {
    expect(stableSigmoid(800)).toBe(1);
    expect(stableSigmoid(-800)).toBe(0);
    expect(stableSigmoid(-30)).toBeCloseTo(Math.exp(-30) / (1 + Math.exp(-30)), 25);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(-40)).toBeCloseTo(Math.exp(-40), 30);
    expect(softplus(0)).toBe(Math.LN2);
  });

  it('conjugate: entropy form, endpoints p = 0 and p = 1, slack and outside the domain', () => {
    // y = 1, w = 1: p = z/2 + 1. z = -1 -> p = 1/2 -> -L* = log 2 (maximum of the entropy)
    expect(bceLoss.negConjugate(vec(-1), vec(1))).toBeCloseTo(Math.LN2, 15);
    // p = 1 (z = 0 with y = 1) and p = 0 (z = 0 with y = 0): -L* = 0
    expect(bceLoss.negConjugate(vec(0, 0), vec(1, 0))).toBe(0);
    // p = 0 with y = 1: z = -2 w
    expect(bceLoss.negConjugate(vec(-6), vec(1), vec(3))).toBe(0);
    // within the 1e-12 slack: clamped, finite
    expect(bceLoss.negConjugate(vec(-2 - 1e-13), vec(1))).toBe(0);
    expect(bceLoss.negConjugate(vec(1e-13), vec(1))).toBe(0);
    // outside: -Infinity
    expect(bceLoss.negConjugate(vec(1e-9), vec(1))).toBe(-Infinity);
    expect(bceLoss.negConjugate(vec(-1e-9), vec(0))).toBe(-Infinity);
    expect(bceLoss.negConjugate(vec(-2.1, 0.5), vec(1, 0))).toBe(-Infinity);
    // weighted: p = (z/w + 2y)/2 ; y = 0, w = 4, z = 2 -> p = 1/4
    const p = 0.25;
    expect(bceLoss.negConjugate(vec(2), vec(0), vec(4))).toBeCloseTo(-4 * (p * Math.log(p) + (1 - p) * Math.log(1 - p)), 14);
  });

  it('prox converges to the root of rho (t - a) + 2 w (sigmoid(2t) - y) over a wide range of rho', () => {
    const a = vec(-3, -0.5, 0, 0.4, 5, 12);
    const y = vec(1, 0, 1, 0, 0, 1);
    const w = vec(1, 2, 0.3, 5, 1, 1);
    for (const rho of [1e-8, 1e-4, 1e-2, 1, 1e2, 1e6]) {
      const t = new Float64Array(6);
      bceLoss.prox(a, y, rho, t, w);
      for (let k = 0; k < 6; k++) {
        const g = rho * (t[k] - a[k]) + 2 * w[k] * (stableSigmoid(2 * t[k]) - y[k]);
        // |g| <= g'_max * tol * max(1, |t|), g'_max = rho + w
        expect(Math.abs(g)).toBeLessThanOrEqual((rho + w[k]) * 2e-13 * Math.max(1, Math.abs(t[k])));
      }
    }
  });
});
