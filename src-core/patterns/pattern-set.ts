import type { Matrix } from '../linalg/matrix';

/**
 * Hyperplane-arrangement patterns D_i = diag(1[X h_i >= 0]) (ties count as active), stored as
 * masks, never as n x n matrices (paper-spec.md 1.3).
 */
export interface PatternSet {
  /** Number of training rows. */
  readonly n: number;
  /** Number of distinct patterns P. */
  readonly count: number;
  /** Row-major n x P 0/1 masks: masks[k * count + i] = 1 iff x_k^T h_i >= 0. */
  readonly masks: Uint8Array;
  /** P x d generator vectors h_i, one row each, that produce the patterns on X. */
  readonly generators: Matrix;
  /** 'sampled' (Gaussian h, de-duplicated keep-first) or 'exact' (all patterns of the arrangement). */
  readonly source: 'sampled' | 'exact';
}
