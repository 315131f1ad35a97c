import { formatCount } from '../text/count-text';

/**
 * Zeroing negligible neuron blocks before a solve delivers its model. Iterative solvers leave
 * blocks that belong at zero tiny but nonzero (an interior point is never on the boundary; ADMM's
 * v and PDHG's averaged and over-relaxed iterates keep traces of earlier iterates), and every
 * nonzero block becomes a neuron of the network, of the model file and of the neuron counts the
 * app charts. Measured before pruning, two moons and a regression curve (n = 300, 16 patterns):
 * ADMM delivered 22 and 16 neurons with the smallest at 1e-5 and 4e-7 of the largest block norm;
 * the robust PDHG 27 neurons, 25 of them at 1e-6 or less.
 */

/** Relative block norms (of the largest block) tried as zero, largest first. */
export const PRUNE_THRESHOLDS: readonly number[] = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-12];

/** What pruning may not make worse: the certified relative gap and the solver's violation measure. */
export interface PruneMeasures {
  readonly gap: number;
  readonly violation: number;
}

export interface PrunedBlocks<E extends PruneMeasures> {
  /** The blocks with the pruned ones zeroed (a copy). */
  readonly blocks: Float64Array;
  readonly evaluation: E;
  /** Blocks zeroed (nonzero before). */
  readonly count: number;
  /** The relative norm they were below. */
  readonly threshold: number;
}

/**
 * The limits for pruning a result with measures `current`: a measure within the tolerance must
 * stay within it (a solved result stays solved); one above it may rise by a tenth of the
 * tolerance (an unsolved result sheds negligible neurons at a small, reported price).
 */
export function pruneLimits(current: PruneMeasures, tolerance: number): PruneMeasures {
  const limit = (value: number): number => (value <= tolerance ? tolerance : value + 0.1 * tolerance);
  return { gap: limit(current.gap), violation: limit(current.violation) };
}

/** The run note for a pruning. */
export function prunedNote(pruned: { readonly count: number; readonly threshold: number }): string {
  const blocks = pruned.count === 1 ? '1 negligible neuron block was' : `${formatCount(pruned.count)} negligible neuron blocks were`;
  return `${blocks} set to zero (norms at most ${pruned.threshold} of the largest). The objective and the certificate are those of the pruned network.`;
}

/**
 * `blocks` (blockCount x dim, row-major) with every block whose norm is at most threshold x the
 * largest set to zero, for the largest threshold of PRUNE_THRESHOLDS whose evaluation (by the
 * caller: objective and gap against the same lower bound, violation) stays within `limits`.
 * Null when no threshold zeroes a block within the limits. A block counts as nonzero when an
 * entry is (entries of 1e-200 have a norm that underflows to 0).
 */
export function pruneNegligibleBlocks<E extends PruneMeasures>(
  blocks: Float64Array,
  blockCount: number,
  dim: number,
  limits: PruneMeasures,
  evaluate: (pruned: Float64Array) => E,
): PrunedBlocks<E> | null {
  const norms = new Float64Array(blockCount);
  const nonzero = new Uint8Array(blockCount);
  let largest = 0;
  for (let j = 0; j < blockCount; j++) {
    let s = 0;
    for (let t = j * dim; t < (j + 1) * dim; t++) {
      s += blocks[t]! * blocks[t]!;
      if (blocks[t] !== 0) nonzero[j] = 1;
    }
    norms[j] = Math.sqrt(s);
    largest = Math.max(largest, norms[j]!);
  }
  let previousCount = 0;
  for (const threshold of PRUNE_THRESHOLDS) {
    const pruned = Float64Array.from(blocks.subarray(0, blockCount * dim));
    let count = 0;
    for (let j = 0; j < blockCount; j++) {
      if (nonzero[j] === 0 || norms[j]! > threshold * largest) continue;
      pruned.fill(0, j * dim, (j + 1) * dim);
      count++;
    }
    if (count === 0) break; // smaller thresholds zero no more blocks
    if (count === previousCount) continue; // the same blocks as the threshold before: rejected already
    previousCount = count;
    const evaluation = evaluate(pruned);
    if (evaluation.gap <= limits.gap && evaluation.violation <= limits.violation) return { blocks: pruned, evaluation, count, threshold };
  }
  return null;
}
