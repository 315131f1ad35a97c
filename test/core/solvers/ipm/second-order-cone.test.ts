import { describe, expect, it } from 'vitest';
import { applyW, applyWInverse, jNorm2, jordanDivide, jordanProduct, maxConeStep, ntScaling, updateScaling, wInverseMatrix } from '../../../../src-core/solvers/ipm/second-order-cone';
import { Prng } from '../../../../src-core/random/prng';

const m = 5;

/** A random point strictly inside the cone: x0 = ||x1|| (1 + margin) scaled by 10^[-3, 3]. */
function interiorPoint(rng: Prng): Float64Array {
  const x = new Float64Array(m);
  let tail = 0;
  for (let p = 1; p < m; p++) {
    x[p] = rng.nextGaussian();
    tail += x[p]! ** 2;
  }
  x[0] = Math.sqrt(tail) * (1 + 0.01 + rng.nextFloat());
  const scale = 10 ** (6 * rng.nextFloat() - 3);
  return x.map((v) => v * scale);
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let diff = 0;
  let size = 0;
  for (let p = 0; p < a.length; p++) {
    diff = Math.max(diff, Math.abs(a[p]! - b[p]!));
    size = Math.max(size, Math.abs(b[p]!));
  }
  return diff / size;
}

describe('second-order cone algebra', () => {
  it('the Nesterov-Todd scaling satisfies W z = W^{-1} s, W^2 z = s and W^{-2} s = z', () => {
    const rng = new Prng(7);
    for (let trial = 0; trial < 50; trial++) {
      const s = interiorPoint(rng);
      const z = interiorPoint(rng);
      const v = new Float64Array(m);
      const eta = ntScaling(s, 0, z, 0, m, v, 0);
      expect(jNorm2(v, 0, m)).toBeCloseTo(1, 10);
      const wz = new Float64Array(m);
      const wis = new Float64Array(m);
      const w2z = new Float64Array(m);
      applyW(eta, v, 0, z, 0, wz, 0, m);
      applyWInverse(eta, v, 0, s, 0, wis, 0, m);
      applyW(eta, v, 0, wz, 0, w2z, 0, m);
      expect(maxRelDiff(wz, wis)).toBeLessThan(1e-10);
      expect(maxRelDiff(w2z, s)).toBeLessThan(1e-10);
      // The matrix form of W^{-1}: it maps s to lambda, and W^{-2} = (W^{-1})^2 maps s to z.
      const R = new Float64Array(m * m);
      wInverseMatrix(eta, v, 0, m, R, 0);
      const rs = new Float64Array(m);
      for (let p = 0; p < m; p++) for (let q = 0; q < m; q++) rs[p]! += R[p * m + q]! * s[q]!;
      expect(maxRelDiff(rs, wz)).toBeLessThan(1e-10);
      const os = new Float64Array(m);
      for (let p = 0; p < m; p++) for (let q = 0; q < m; q++) os[p]! += R[p * m + q]! * rs[q]!;
      expect(maxRelDiff(os, z)).toBeLessThan(1e-9);
    }
  });

  it('updating the scaling from the scaled new iterates gives the scaling of the new pair', () => {
    const rng = new Prng(11);
    for (let trial = 0; trial < 50; trial++) {
      const v = new Float64Array(m);
      const eta = ntScaling(interiorPoint(rng), 0, interiorPoint(rng), 0, m, v, 0);
      const s1 = interiorPoint(rng);
      const z1 = interiorPoint(rng);
      // The new pair in the current scaling: st = W^{-T} s1 = W^{-1} s1, zt = W z1.
      const st = new Float64Array(m);
      const zt = new Float64Array(m);
      applyWInverse(eta, v, 0, s1, 0, st, 0, m);
      applyW(eta, v, 0, z1, 0, zt, 0, m);
      const lambda = new Float64Array(m);
      const next = updateScaling(eta, v, 0, st, zt, 0, m, lambda, 0);
      const wz = new Float64Array(m);
      const wis = new Float64Array(m);
      applyW(next, v, 0, z1, 0, wz, 0, m);
      applyWInverse(next, v, 0, s1, 0, wis, 0, m);
      expect(maxRelDiff(wz, lambda)).toBeLessThan(1e-9);
      expect(maxRelDiff(wis, lambda)).toBeLessThan(1e-9);
      // And it is THE Nesterov-Todd scaling of (s1, z1).
      const direct = new Float64Array(m);
      expect(next).toBeCloseTo(ntScaling(s1, 0, z1, 0, m, direct, 0), 8);
      expect(maxRelDiff(v, direct)).toBeLessThan(1e-8);
    }
  });

  it('Jordan division inverts the Jordan product', () => {
    const rng = new Prng(3);
    const lambda = interiorPoint(rng);
    const b = Float64Array.from([1, -2, 3, 0.5, 4]);
    const x = new Float64Array(m);
    jordanDivide(lambda, 0, b, 0, x, 0, m);
    const back = new Float64Array(m);
    jordanProduct(lambda, 0, x, 0, back, 0, m);
    expect(maxRelDiff(back, b)).toBeLessThan(1e-12);
  });

  it('the largest step ends exactly on the boundary, or is unbounded along the cone', () => {
    const rng = new Prng(5);
    for (let trial = 0; trial < 50; trial++) {
      const x = interiorPoint(rng);
      const dx = Float64Array.from({ length: m }, () => rng.nextGaussian() * Math.abs(x[0]!));
      const alpha = maxConeStep(x, 0, dx, 0, m);
      if (!Number.isFinite(alpha)) {
        // Then every step stays inside.
        const far = x.map((v, p) => v + 1e6 * dx[p]!);
        expect(jNorm2(far, 0, m)).toBeGreaterThanOrEqual(-1e-6 * far[0]! ** 2);
        continue;
      }
      const edge = x.map((v, p) => v + alpha * dx[p]!);
      expect(Math.abs(jNorm2(edge, 0, m))).toBeLessThan(1e-9 * (edge[0]! ** 2 + 1e-300) + 1e-12 * x[0]! ** 2);
      const inside = x.map((v, p) => v + 0.999 * alpha * dx[p]!);
      expect(jNorm2(inside, 0, m)).toBeGreaterThan(0);
      expect(inside[0]!).toBeGreaterThan(0);
    }
    const e = Float64Array.from([1, 0, 0, 0, 0]);
    expect(maxConeStep(interiorPoint(rng), 0, e, 0, m)).toBe(Infinity);
  });
});
