import type { Matrix } from '../linalg/matrix';
import type { Loss } from '../losses/loss';
import type { PatternSet } from '../patterns/pattern-set';

/**
 * The convex program of paper-spec.md 1.4/1.5 for a fixed set of patterns:
 *   min_{v_i, w_i}  L( sum_i D_i X (v_i - w_i), y ) + beta * sum_i (||v_i||_2 + ||w_i||_2)
 *   s.t. (2 D_i - I) X v_i >= 0,  (2 D_i - I) X w_i >= 0.
 * X already carries the bias column when a first-layer bias is used.
 */
export interface ConvexProblem {
  readonly X: Matrix;
  /** Targets in the loss's label convention. */
  readonly y: Float64Array;
  readonly loss: Loss;
  readonly beta: number;
  readonly patterns: PatternSet;
  /** Optional per-sample loss weights (class weights); absent means all 1. */
  readonly sampleWeights?: Float64Array;
}

/**
 * A point of the convex program: 2P blocks of length d, row-major 2P x d. Rows 0..P-1 are the
 * v_i, rows P..2P-1 the w_i (the same order as paper-spec.md 3.1).
 */
export interface ConvexBlocks {
  readonly patternCount: number;
  readonly dim: number;
  readonly data: Float64Array;
}
