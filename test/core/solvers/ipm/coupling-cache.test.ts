import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
import { CouplingCache } from '../../../../src-core/solvers/ipm/coupling-cache';
import { DirectReduction } from '../../../../src-core/solvers/ipm/direct-reduction';
import type { USystemReduction } from '../../../../src-core/solvers/ipm/u-system-reduction';
import { WoodburyReduction } from '../../../../src-core/solvers/ipm/woodbury-reduction';
import { positiveDefiniteBlocks } from '../../fixtures/positive-definite';

describe('CouplingCache', () => {
  const X = createMatrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6]));
  const masks = Uint8Array.from([1, 0, 0, 1, 1, 1]);
  let formed = 0;
  const form = (): Float64Array => {
    formed++;
    return new Float64Array(16).fill(formed);
  };

  it('gives the kept Q for the same values in other arrays, and forms a new one for other data', () => {
    formed = 0;
    const cache = new CouplingCache();
    const first = cache.coupling(X, masks, 2, form);
    // Each path point prepares its own copies of X and the masks: equal values are a hit.
    const again = cache.coupling(createMatrix(3, 2, Float64Array.from(X.data)), Uint8Array.from(masks), 2, form);
    expect(again).toBe(first);
    expect([formed, cache.hits]).toEqual([1, 1]);
    // One value of X, one mask, or the pattern count differs: formed afresh, and kept instead.
    const otherX = createMatrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 7]));
    expect(cache.coupling(otherX, masks, 2, form)).not.toBe(first);
    expect(cache.coupling(otherX, Uint8Array.from([1, 0, 0, 1, 1, 0]), 2, form)[0]).toBe(3);
    expect(cache.coupling(otherX, Uint8Array.from([1, 0, 0, 1, 1, 0]), 3, form)[0]).toBe(4);
    expect([formed, cache.hits]).toEqual([4, 1]);
  });

  it('compares against copies: writing into the caller arrays afterwards does not make a stale hit', () => {
    formed = 0;
    const cache = new CouplingCache();
    const data = Float64Array.from(X.data);
    const mine = createMatrix(3, 2, data);
    cache.coupling(mine, masks, 2, form);
    data[0] = 100; // the caller reuses its array for other data
    cache.coupling(mine, masks, 2, form);
    expect([formed, cache.hits]).toEqual([2, 0]);
  });

  // n = 70 rows, d P = 72 unknowns: factors of order 72 (direct) and 70 (Woodbury), the
  // WebAssembly ones where SIMD is on.
  const n = 70;
  const d = 6;
  const P = 12;
  const reductions: [string, number, (X: ReturnType<typeof createMatrix>, masks: Uint8Array, cache: CouplingCache | null) => USystemReduction][] = [
    ['direct', d * P, (X, m, cache) => new DirectReduction(X, m, P, { regularizations: 0 }, () => 0, cache)],
    ['Woodbury', n, (X, m, cache) => new WoodburyReduction(X, m, P, { regularizations: 0 }, cache)],
  ];
  it.each(reductions)('passes the %s path\'s large factor to the next solve, which refactors it with the same solutions as a factor of its own', (_, order, make) => {
    const rng = new Prng(17);
    const data = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
    const patternMasks = Uint8Array.from({ length: n * P }, () => (rng.nextFloat() < 0.5 ? 1 : 0));
    const cache = new CouplingCache();
    const first = make(data, patternMasks, cache);
    expect(cache.factorOfOrder(order)).toBeNull();
    first.factor(positiveDefiniteBlocks(2 * P, d, 1, rng));
    const kept = cache.factorOfOrder(order);
    expect(kept).not.toBeNull();
    expect(cache.factorOfOrder(order + 1)).toBeNull();

    const B = positiveDefiniteBlocks(2 * P, d, 0.5, rng);
    const r = Float64Array.from({ length: 2 * d * P }, () => rng.nextGaussian());
    const second = make(data, patternMasks, cache);
    second.factor(B);
    expect(cache.factorOfOrder(order)).toBe(kept);
    const shared = new Float64Array(2 * d * P);
    second.solve(r, shared);
    const alone = make(data, patternMasks, null);
    alone.factor(B);
    const own = new Float64Array(2 * d * P);
    alone.solve(r, own);
    expect(Array.from(shared)).toEqual(Array.from(own));
  });
});
