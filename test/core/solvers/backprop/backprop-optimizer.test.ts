import { describe, expect, it } from 'vitest';
import { Prng } from '../../../../src-core/random/prng';
import { heUniformInit } from '../../../../src-core/solvers/backprop/backprop-init';
import { createOptimizer } from '../../../../src-core/solvers/backprop/backprop-optimizer';

describe('optimizers', () => {
  it('SGD with momentum: v <- mu v + g, theta <- theta - lr v', () => {
    const opt = createOptimizer('sgd', 2, 0.1, 0.5);
    const theta = Float64Array.from([1, -2]);
    opt.step(theta, Float64Array.from([2, 4]));
    expect(Array.from(theta)).toEqual([1 - 0.2, -2 - 0.4]);
    opt.step(theta, Float64Array.from([2, 4])); // v = 0.5 * g + g = 1.5 g
    expect(theta[0]).toBeCloseTo(0.8 - 0.3, 15);
    expect(theta[1]).toBeCloseTo(-2.4 - 0.6, 15);
    opt.reset();
    const fresh = Float64Array.from([0, 0]);
    opt.step(fresh, Float64Array.from([1, 1]));
    expect(Array.from(fresh)).toEqual([-0.1, -0.1]);
  });

  it('Adam: the bias-corrected first step is lr * g / (|g| + eps), and reset restarts the step count', () => {
    const opt = createOptimizer('adam', 3, 0.01, 0.9);
    const theta = new Float64Array(3);
    const g = Float64Array.from([3, -1e-3, 0]);
    opt.step(theta, g);
    expect(theta[0]).toBeCloseTo(-0.01 * 3 / (3 + 1e-8), 15);
    expect(theta[1]).toBeCloseTo(0.01 * 1e-3 / (1e-3 + 1e-8), 15);
    expect(theta[2]).toBe(0);
    // second step with the same gradient: m_hat = g, v_hat = g^2 again
    opt.step(theta, g);
    expect(theta[0]).toBeCloseTo(-0.02 * 3 / (3 + 1e-8), 14);
    opt.reset();
    const fresh = new Float64Array(3);
    opt.step(fresh, Float64Array.from([-5, 0, 0]));
    expect(fresh[0]).toBeCloseTo(0.01, 9);
  });

  it('He-uniform initialization: seeded, within the bounds sqrt(6/d) and sqrt(3/m), variance about right', () => {
    const m = 200;
    const d = 50;
    const a = new Float64Array(m * d + m);
    const b = new Float64Array(m * d + m);
    heUniformInit(new Prng(3), m, d, a);
    heUniformInit(new Prng(3), m, d, b);
    expect(Array.from(a)).toEqual(Array.from(b));
    const hidden = a.subarray(0, m * d);
    const output = a.subarray(m * d);
    expect(hidden.every((v) => Math.abs(v) <= Math.sqrt(6 / d))).toBe(true);
    expect(output.every((v) => Math.abs(v) <= Math.sqrt(3 / m))).toBe(true);
    const variance = hidden.reduce((s, v) => s + v * v, 0) / hidden.length;
    expect(variance).toBeGreaterThan(0.95 * (2 / d));
    expect(variance).toBeLessThan(1.05 * (2 / d));
    const outVar = output.reduce((s, v) => s + v * v, 0) / m;
    expect(outVar).toBeGreaterThan(0.7 / m);
    expect(outVar).toBeLessThan(1.3 / m);
  });
});
