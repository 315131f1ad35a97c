// Properties every Loss must satisfy, checked on all three losses with random data:
// calculus (finite differences), Fenchel-Young, brute-force conjugate and prox, weight scaling.
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src-core/random/prng';
import { dot, gridMin, lossCases, randomVec, scalarLoss, vec } from './loss-cases';

const N = 12;

describe.each(lossCases)('$loss.name loss: generic properties', ({ loss, label, domainZ }) => {
  const l1 = scalarLoss(loss);

  function data(seed: number) {
    const r = new Prng(seed);
    const y = randomVec(r, N, label);
    const w = randomVec(r, N, (q) => 0.2 + 2 * q.nextFloat());
    let yhat = randomVec(r, N, (q) => 2 * q.nextGaussian());
    // Keep hinge points away from the kink y yhat = 1 so finite differences are exact there.
    if (loss.name === 'hinge') yhat = yhat.map((t, k) => (Math.abs(1 - y[k] * t) < 0.05 ? t + 0.2 : t));
    return { r, y, w, yhat };
  }

  it('gradient matches central finite differences of value (weighted and unweighted)', () => {
    for (const seed of [1, 2, 3]) {
      const { y, w, yhat } = data(seed);
      for (const weights of [undefined, w]) {
        const g = new Float64Array(N);
        loss.gradient(yhat, y, g, weights);
        const h = 1e-6;
        for (let k = 0; k < N; k++) {
          const p = yhat.slice();
          const m = yhat.slice();
          p[k] += h;
          m[k] -= h;
          const fd = (loss.value(p, y, weights) - loss.value(m, y, weights)) / (2 * h);
          expect(Math.abs(fd - g[k])).toBeLessThan(1e-6 * (1 + Math.abs(g[k])));
        }
      }
    }
  });

  it('second derivative matches central finite differences of the gradient and respects curvatureBound', () => {
    const { y, w, yhat } = data(4);
    for (const weights of [undefined, w]) {
      const d2 = new Float64Array(N);
      loss.secondDerivative(yhat, y, d2, weights);
      const h = 1e-5;
      const gp = new Float64Array(N);
      const gm = new Float64Array(N);
      loss.gradient(yhat.map((t) => t + h), y, gp, weights);
      loss.gradient(yhat.map((t) => t - h), y, gm, weights);
      for (let k = 0; k < N; k++) {
        const fd = (gp[k] - gm[k]) / (2 * h);
        expect(Math.abs(fd - d2[k])).toBeLessThan(1e-7 * (1 + Math.abs(d2[k])));
        expect(d2[k]).toBeLessThanOrEqual(loss.curvatureBound * (weights === undefined ? 1 : weights[k]) + 1e-15);
        expect(d2[k]).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('Fenchel-Young: L(t) + L*(z) >= z^T t for random t and z, with equality at z = grad L(t)', () => {
    for (const seed of [5, 6, 7, 8]) {
      const { r, y, w, yhat } = data(seed);
      for (const weights of [undefined, w]) {
        const z = new Float64Array(N);
        for (let k = 0; k < N; k++) z[k] = domainZ(r, y[k], weights === undefined ? 1 : weights[k]);
        const conj = -loss.negConjugate(z, y, weights);
        expect(Number.isFinite(conj)).toBe(true);
        for (let trial = 0; trial < 20; trial++) {
          const t = randomVec(r, N, (q) => 4 * q.nextGaussian());
          const gap = loss.value(t, y, weights) + conj - dot(z, t);
          expect(gap).toBeGreaterThanOrEqual(-1e-10);
        }
        const g = new Float64Array(N);
        loss.gradient(yhat, y, g, weights);
        const eq = loss.value(yhat, y, weights) - loss.negConjugate(g, y, weights) - dot(g, yhat);
        expect(Math.abs(eq)).toBeLessThan(1e-10);
      }
    }
  });

  it('-L* agrees with a brute-force sup over a fine 1-D grid', () => {
    const r = new Prng(9);
    for (let trial = 0; trial < 6; trial++) {
      const y = label(r);
      const w = 0.5 + r.nextFloat();
      const z = domainZ(r, y, w);
      // sup_t z t - w l(t, y) = -min_t (w l(t, y) - z t); for bce/squared with these draws the
      // maximizer lies well inside [-6, 6]; for hinge it is the kink t = y.
      const coarse = gridMin((t) => l1(t, y, w) - z * t, -6, 6, 12001);
      const fine = gridMin((t) => l1(t, y, w) - z * t, coarse.t - 2e-3, coarse.t + 2e-3, 4001);
      expect(loss.negConjugate(vec(z), vec(y), vec(w))).toBeCloseTo(fine.value, 9);
    }
  });

  it('prox: 0 is in the subdifferential of w l(t) + (rho/2)(t - a)^2 and t beats a brute-force grid', () => {
    const r = new Prng(10);
    for (const rho of [0.1, 1, 25]) {
      const y = randomVec(r, N, label);
      const w = randomVec(r, N, (q) => 0.2 + 2 * q.nextFloat());
      const a = randomVec(r, N, (q) => 3 * q.nextGaussian());
      if (loss.name === 'hinge') a[0] = y[0] * (1 - 0.5 * w[0] / rho); // lands exactly on the kink
      const t = new Float64Array(N);
      loss.prox(a, y, rho, t, w);
      const g = new Float64Array(N);
      loss.gradient(t, y, g, w);
      for (let k = 0; k < N; k++) {
        const residual = -rho * (t[k] - a[k]); // must lie in w_k * subdifferential of l at t_k
        const margin = y[k] * t[k];
        if (loss.name === 'hinge' && Math.abs(margin - 1) < 1e-12) {
          // subdifferential at the kink: -w y [0, 1]
          const theta = -residual / (w[k] * y[k]);
          expect(theta).toBeGreaterThanOrEqual(-1e-12);
          expect(theta).toBeLessThanOrEqual(1 + 1e-12);
        } else {
          expect(Math.abs(residual - g[k])).toBeLessThan(1e-11 * (1 + Math.abs(g[k])));
        }
        const phi = (s: number) => l1(s, y[k], w[k]) + 0.5 * rho * (s - a[k]) ** 2;
        const span = 2 * w[k] / rho + Math.abs(y[k] - a[k]) + 1; // covers all three prox formulas
        const best = gridMin(phi, a[k] - span, a[k] + span, 20001);
        expect(phi(t[k])).toBeLessThanOrEqual(best.value + 1e-12);
        expect(Math.abs(t[k] - best.t)).toBeLessThanOrEqual(best.step * 1.001);
      }
      if (loss.name === 'hinge') expect(t[0]).toBe(y[0]);
    }
  });

  it('weights: omitted = all ones; scaling the weights by c scales L and its gradient by c', () => {
    const { y, w, yhat } = data(11);
    const ones = new Float64Array(N).fill(1);
    expect(loss.value(yhat, y)).toBe(loss.value(yhat, y, ones));
    const c = 3.5;
    const cw = w.map((x) => c * x);
    expect(loss.value(yhat, y, cw)).toBeCloseTo(c * loss.value(yhat, y, w), 11);
    // weighted value = sum of per-sample values times weights
    let s = 0;
    for (let k = 0; k < N; k++) s += w[k] * loss.value(vec(yhat[k]), vec(y[k]));
    expect(loss.value(yhat, y, w)).toBeCloseTo(s, 11);
    const g1 = new Float64Array(N);
    const gc = new Float64Array(N);
    const gOnes = new Float64Array(N);
    loss.gradient(yhat, y, g1);
    loss.gradient(yhat, y, gOnes, ones);
    expect(g1).toEqual(gOnes);
    loss.gradient(yhat, y, g1, w);
    loss.gradient(yhat, y, gc, cw);
    for (let k = 0; k < N; k++) expect(gc[k]).toBeCloseTo(c * g1[k], 12);
    // conjugate of c L at z is c L*(z / c)
    const r = new Prng(12);
    const z = new Float64Array(N);
    for (let k = 0; k < N; k++) z[k] = domainZ(r, y[k], w[k]);
    expect(loss.negConjugate(z.map((x) => c * x), y, cw)).toBeCloseTo(c * loss.negConjugate(z, y, w), 10);
  });

  it('a zero weight removes the sample: L* is the indicator of z_k = 0, prox is the identity', () => {
    const y = vec(label(new Prng(13)), label(new Prng(14)));
    const w = vec(0, 1);
    expect(loss.value(vec(5, 0.3), y, w)).toBe(loss.value(vec(0.3), vec(y[1])));
    expect(loss.negConjugate(vec(0.1, 0), y, w)).toBe(-Infinity);
    expect(loss.negConjugate(vec(0, 0), y, w)).toBe(0);
    const out = new Float64Array(2);
    loss.prox(vec(2.5, 0.5), y, 1, out, w);
    expect(out[0]).toBe(2.5);
  });

  it('rejects mismatched lengths and a non-positive rho', () => {
    const y = vec(label(new Prng(15)), label(new Prng(16)));
    expect(() => loss.value(vec(1), y)).toThrow(/length/);
    expect(() => loss.gradient(vec(1, 2), y, new Float64Array(3))).toThrow(/length/);
    expect(() => loss.negConjugate(vec(0, 0), y, vec(1))).toThrow(/length/);
    expect(() => loss.prox(vec(1, 2), y, 0, new Float64Array(2))).toThrow(/rho/);
    expect(() => loss.prox(vec(1, 2), y, Number.NaN, new Float64Array(2))).toThrow(/rho/);
  });
});
