import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { samplePatterns } from '../../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../../src-core/random/prng';
import { ConeWorkingSet, smallestOf, tightRows } from '../../../../src-core/solvers/ipm/cone-working-set';

function gaussianX(n: number, d: number, seed: number) {
  const rng = new Prng(seed);
  return createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
}

describe('smallestOf', () => {
  it('returns the indices of the smallest values below the limit, ascending, as a full sort would', () => {
    const rng = new Prng(3);
    for (const [length, count] of [[50, 7], [10, 10], [10, 20], [1000, 33], [5, 0]] as const) {
      const values = Float64Array.from({ length }, () => Math.round(rng.nextGaussian() * 4) / 4);
      const limit = 0.5;
      const bySort = Array.from(values.keys()).filter((k) => values[k]! < limit).sort((a, b) => values[a]! - values[b]! || a - b).slice(0, count).sort((a, b) => a - b);
      expect(Array.from(smallestOf(values, count, limit))).toEqual(bySort);
    }
  });
});

describe('ConeWorkingSet', () => {
  const X = gaussianX(200, 4, 1);
  const patterns = samplePatterns(X, 6, new Prng(2));
  const P = patterns.count;
  const m = 2 * P;

  it('starts from the rows nearest in angle to each generator, the same rows in both blocks of a pattern', () => {
    const set = ConeWorkingSet.nearGenerators(X, patterns, 10, undefined);
    expect(set.count).toBe(10 * m);
    for (let i = 0; i < P; i++) {
      const margins = Array.from({ length: 200 }, (_, k) => {
        const x = X.data.subarray(k * 4, k * 4 + 4);
        const h = patterns.generators.data.subarray(i * 4, i * 4 + 4);
        return Math.abs(x.reduce((s, v, a) => s + v * h[a]!, 0)) / Math.hypot(...x);
      });
      const kept = Array.from({ length: 200 }, (_, k) => k).filter((k) => set.active[k * m + i]);
      const worstKept = Math.max(...kept.map((k) => margins[k]!));
      const bestLeft = Math.min(...margins.filter((_, k) => !set.active[k * m + i]));
      expect(worstKept).toBeLessThanOrEqual(bestLeft);
      for (let k = 0; k < 200; k++) expect(set.active[k * m + P + i]).toBe(set.active[k * m + i]);
    }
    expect(set.blockRows().map((rows) => rows.length)).toEqual(new Array(m).fill(10));
  });

  it('keeps a previous set and keeps everything when asked for more rows than there are', () => {
    const previous = new Uint8Array(200 * m);
    previous[5 * m + 3] = 1;
    const set = ConeWorkingSet.nearGenerators(X, patterns, 1, previous);
    expect(set.active[5 * m + 3]).toBe(1);
    expect(ConeWorkingSet.nearGenerators(X, patterns, 500, undefined).isEverything).toBe(true);
  });

  it('takes the kept rows whose multiplier exceeds their slack as tight', () => {
    const kept = Uint8Array.from([1, 1, 1, 0, 0]);
    const s = Float64Array.from([1e-9, 2, 1, 1e-9, 0]);
    const z = Float64Array.from([3, 1e-9, 1, 3, 0]);
    expect(Array.from(tightRows(kept, s, z))).toEqual([1, 0, 0, 0, 0]);
  });

  it('adds the most violated rows of each block first, and none when nothing is violated', () => {
    const set = ConeWorkingSet.nearGenerators(X, patterns, 4, undefined);
    const before = Uint8Array.from(set.active);
    // Block 0 = minus pattern 0's generator: every row of that cone with x^T h > 0 is violated.
    const d = 4;
    const u = new Float64Array(m * d);
    for (let a = 0; a < d; a++) u[a] = -patterns.generators.data[a]!;
    const XU = new Float64Array(200 * m);
    for (let k = 0; k < 200; k++) for (let a = 0; a < d; a++) XU[k * m] += X.data[k * d + a]! * u[a]!;
    // addViolatedBy forms X U^T itself: the same rows.
    const twin = ConeWorkingSet.nearGenerators(X, patterns, 4, undefined);
    expect(twin.addViolatedBy(X, patterns.masks, u, 3)).toBe(3);
    expect(set.addViolated(XU, patterns.masks, u, d, 3)).toBe(3);
    expect(Array.from(twin.active)).toEqual(Array.from(set.active));
    const added = Array.from({ length: 200 }, (_, k) => k).filter((k) => set.active[k * m] && !before[k * m]);
    expect(added).toHaveLength(3);
    const angle = (k: number) => ((2 * patterns.masks[k * P]! - 1) * XU[k * m]!) / (Math.hypot(...X.data.subarray(k * d, k * d + d)) * Math.hypot(...u.subarray(0, d)));
    const worstLeft = Math.min(...Array.from({ length: 200 }, (_, k) => k).filter((k) => !set.active[k * m]).map(angle));
    for (const k of added) expect(angle(k)).toBeLessThan(0);
    expect(Math.max(...added.map(angle))).toBeLessThanOrEqual(worstLeft);
    // A margin below 0 (per block) takes only rows violated by more than it.
    const strict = ConeWorkingSet.nearGenerators(X, patterns, 4, undefined);
    const margins = new Float64Array(m).fill(-0.5);
    const strictAdded = strict.addViolatedBy(X, patterns.masks, u, 200, margins);
    const beyond = Array.from({ length: 200 }, (_, k) => k).filter((k) => !before[k * m] && angle(k) < -0.5);
    expect(beyond.length).toBeGreaterThan(0);
    expect(beyond.length).toBeLessThan(Array.from({ length: 200 }, (_, k) => k).filter((k) => !before[k * m] && angle(k) < 0).length);
    expect(strictAdded).toBe(beyond.length);
    expect(Array.from({ length: 200 }, (_, k) => k).filter((k) => strict.active[k * m] && !before[k * m])).toEqual(beyond);
    // The generator itself is inside its cone: nothing to add.
    const inside = new Float64Array(m * d);
    for (let a = 0; a < d; a++) inside[a] = patterns.generators.data[a]!;
    const XI = new Float64Array(200 * m);
    for (let k = 0; k < 200; k++) for (let a = 0; a < d; a++) XI[k * m] += X.data[k * d + a]! * inside[a]!;
    expect(set.addViolated(XI, patterns.masks, inside, d, 3)).toBe(0);
  });

  it('adds the rows nearest to given blocks, violated or not (a warm start)', () => {
    const set = ConeWorkingSet.nearGenerators(X, patterns, 4, undefined);
    const u = new Float64Array(m * 4);
    for (let a = 0; a < 4; a++) u[a] = patterns.generators.data[a]!;
    expect(set.addNearest(X, patterns.masks, u, 5)).toBe(5);
    expect(set.blockRows()[0]!.length).toBe(9);
    expect(set.blockRows()[1]!.length).toBe(4);
  });
});
