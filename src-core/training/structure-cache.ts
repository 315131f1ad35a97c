import type { Matrix } from '../linalg/matrix';
import { MatrixSnapshot } from '../linalg/matrix-snapshot';
import type { PatternNetworkSummary } from './backprop-patterns';
import type { PatternSet } from '../patterns/pattern-set';
import type { Prng } from '../random/prng';

/** What trainModel draws before its heads: the convex programs' patterns or SCP's directions. */
export interface DrawnStructure {
  readonly patterns: PatternSet | null;
  readonly directions: Matrix | null;
  /**
   * With patterns from back-propagation (pattern-source.ts): the networks they came from, one per
   * head. Those networks are trained at the chain's first beta (or epsilon) and their patterns kept
   * for every point, as random ones are: the points' warm starts need the same patterns.
   */
  readonly patternNetworks?: readonly PatternNetworkSummary[];
  /** Those networks gave no pattern (every neuron inactive on every row): `patterns` are random. */
  readonly patternFallback?: true;
}

/**
 * The patterns (or SCP directions) of a chain of solves on the same data: the points of a beta
 * or epsilon sweep. They depend on X, the seed and the pattern settings, never on beta or
 * epsilon, yet every point drew them again (n = 5000, d = 21, P = 32: ~11 ms a point; an exact
 * enumeration costs far more). One entry, keyed by those settings and a copy of X compared in
 * full (MatrixSnapshot); the generator's state after the draw is kept too, so what a point draws
 * next (the heads' seeds) is what it would draw alone, and the models stay bit-identical.
 * Whoever creates the cache decides how long it lives.
 */
export class StructureCache {
  private entry: { readonly key: string; readonly X: MatrixSnapshot; readonly structure: DrawnStructure; readonly after: Prng } | null = null;
  /** How many draws came from the cache (for tests). */
  hits = 0;

  /**
   * The structure for X and `key` (the settings it was drawn with): the kept one, with a
   * generator in the state the draw left, or `draw(prng)`'s, kept. Returns the generator to go on
   * with (prng itself after a fresh draw).
   */
  structure(X: Matrix, key: string, prng: Prng, draw: (prng: Prng) => DrawnStructure): { structure: DrawnStructure; prng: Prng } {
    const entry = this.entry;
    if (entry && entry.key === key && entry.X.matches(X)) {
      this.hits++;
      return { structure: entry.structure, prng: entry.after.clone() };
    }
    const structure = draw(prng);
    this.entry = { key, X: new MatrixSnapshot(X), structure, after: prng.clone() };
    return { structure, prng };
  }
}
