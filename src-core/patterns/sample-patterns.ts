import { ConvexNetError } from '../errors';
import { createMatrix, type Matrix } from '../linalg/matrix';
import type { Prng } from '../random/prng';
import type { PatternSet } from './pattern-set';
import { patternsFromGenerators } from './patterns-from-generators';

export interface SamplePatternsOptions {
  /** Drop the all-zero (dead) pattern; default `true`, as in `patternsFromGenerators`. */
  readonly dropEmpty?: boolean;
}

/**
 * Sampled patterns of paper-spec.md 1.5: draw `count` vectors h ~ N(0, I_d) with d = X.cols (so
 * when X carries the bias column, h gets a random bias coordinate too), form D(h) = 1[X h >= 0]
 * and de-duplicate keep-first. The result has P_s' <= count patterns.
 * Draw order (fixed, for reproducibility): generator 0 coordinates 0..d-1, then generator 1, ...
 * each from `prng.nextGaussian()`. The same seed therefore gives the same pattern set.
 */
export function samplePatterns(
  X: Matrix,
  count: number,
  prng: Prng,
  options: SamplePatternsOptions = {},
): PatternSet {
  if (!Number.isSafeInteger(count) || count <= 0) {
    throw new ConvexNetError(
      'settings/invalid',
      `The number of sampled patterns must be a positive whole number, got ${String(count)}.`,
    );
  }
  const d = X.cols;
  const generators = createMatrix(count, d);
  const g = generators.data;
  for (let t = 0; t < g.length; t++) g[t] = prng.nextGaussian();
  return patternsFromGenerators(X, generators, { dropEmpty: options.dropEmpty ?? true, source: 'sampled' });
}
