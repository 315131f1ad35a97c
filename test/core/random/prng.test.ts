import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src-core/random/prng';

describe('Prng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    const sb = Array.from({ length: 20 }, () => b.nextUint32());
    const sc = Array.from({ length: 20 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('rejects seeds that are not unsigned 32-bit integers', () => {
    expect(() => new Prng(-1)).toThrow(/unsigned 32-bit/);
    expect(() => new Prng(2 ** 32)).toThrow(/unsigned 32-bit/);
    expect(() => new Prng(1.5)).toThrow(/unsigned 32-bit/);
  });

  it('produces uniform floats in [0, 1) with the right mean and variance', () => {
    const r = new Prng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('produces standard normal samples (mean 0, variance 1, symmetric tails)', () => {
    const r = new Prng(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const g = r.nextGaussian();
      s += g;
      s2 += g * g;
      if (Math.abs(g) > 1.959964) beyond2++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.015);
    expect(Math.abs(beyond2 / n - 0.05)).toBeLessThan(0.003);
  });

  it('permutes without losing or repeating elements', () => {
    const p = new Prng(3).permutation(1000);
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('clones its state, spare Gaussian included, into an independent generator', () => {
    const a = new Prng(11);
    a.nextUint32();
    a.nextGaussian(); // leaves a spare
    const b = a.clone();
    expect([b.nextGaussian(), b.nextUint32(), b.nextFloat()]).toEqual([a.nextGaussian(), a.nextUint32(), a.nextFloat()]);
    b.nextUint32();
    expect(b.nextUint32()).not.toBe(a.nextUint32());
  });
});
