import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { StructureCache, type DrawnStructure } from '../../../src-core/training/structure-cache';

describe('StructureCache', () => {
  const rng = new Prng(1);
  const X = createMatrix(40, 3, Float64Array.from({ length: 120 }, () => rng.nextGaussian()));
  const draw = (prng: Prng): DrawnStructure => ({ patterns: samplePatterns(X, 8, prng), directions: null });

  it('gives the kept draw for the same data and key, and the generator in the state the draw left', () => {
    const cache = new StructureCache();
    const alone = new Prng(7);
    const drawnAlone = draw(alone);
    const first = cache.structure(X, 'k', new Prng(7), draw);
    const second = cache.structure(createMatrix(40, 3, Float64Array.from(X.data)), 'k', new Prng(7), () => {
      throw new Error('drawn again');
    });
    expect(cache.hits).toBe(1);
    expect(second.structure).toBe(first.structure);
    expect(Array.from(second.structure.patterns!.masks)).toEqual(Array.from(drawnAlone.patterns!.masks));
    // What comes after the draw is what a generator that drew alone gives next.
    const next = [alone.nextUint32(), alone.nextUint32()];
    expect([first.prng.nextUint32(), first.prng.nextUint32()]).toEqual(next);
    expect([second.prng.nextUint32(), second.prng.nextUint32()]).toEqual(next);
  });

  it('draws again for other settings or other values of X', () => {
    const cache = new StructureCache();
    cache.structure(X, 'k', new Prng(7), draw);
    cache.structure(X, 'other', new Prng(7), draw);
    const changed = Float64Array.from(X.data);
    changed[17] = -changed[17]!;
    cache.structure(createMatrix(40, 3, changed), 'other', new Prng(7), draw);
    expect(cache.hits).toBe(0);
  });
});
