import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { CouplingCache } from '../../../../src-core/solvers/ipm/coupling-cache';

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
});
