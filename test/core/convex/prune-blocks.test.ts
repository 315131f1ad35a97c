import { describe, expect, it } from 'vitest';
import { PRUNE_THRESHOLDS, prunedNote, pruneLimits, pruneNegligibleBlocks } from '../../../src-core/convex/prune-blocks';

/** Four blocks of dimension 2 with norms 1, 5e-4, 1e-7 and one of 1e-200 entries (its norm underflows to 0). */
function blocks(): Float64Array {
  return Float64Array.of(0.6, 0.8, 3e-4, 4e-4, 1e-7, 0, 1e-200, -1e-200);
}

const norm = (b: Float64Array, j: number): number => Math.hypot(b[2 * j]!, b[2 * j + 1]!);

describe('pruneLimits', () => {
  it('keeps a measure within the tolerance there, and lets one above it rise by a tenth of the tolerance', () => {
    expect(pruneLimits({ gap: 5e-4, violation: 1e-3 }, 1e-3)).toEqual({ gap: 1e-3, violation: 1e-3 });
    const above = pruneLimits({ gap: 2e-3, violation: 5e-2 }, 1e-3);
    expect(above.gap).toBeCloseTo(2.1e-3, 15);
    expect(above.violation).toBeCloseTo(5.01e-2, 15);
  });
});

describe('pruneNegligibleBlocks', () => {
  it('zeroes every block at most the largest accepted threshold x the largest norm, counting underflowing blocks, and leaves the input alone', () => {
    const input = blocks();
    const seen: number[] = [];
    const result = pruneNegligibleBlocks(input, 4, 2, { gap: 1, violation: 1 }, (pruned) => {
      seen.push([0, 1, 2, 3].filter((j) => pruned.subarray(2 * j, 2 * j + 2).some((v) => v !== 0)).length);
      return { gap: 0, violation: 0 };
    });
    expect(result).not.toBeNull();
    expect(result!.threshold).toBe(PRUNE_THRESHOLDS[0]);
    expect(result!.count).toBe(3);
    expect(Array.from(result!.blocks)).toEqual([0.6, 0.8, 0, 0, 0, 0, 0, 0]);
    expect(seen).toEqual([1]);
    expect(Array.from(input)).toEqual(Array.from(blocks()));
  });

  it('falls back to smaller thresholds while the evaluation breaks the limits, evaluating each distinct pruning once', () => {
    const input = blocks();
    const evaluated: number[] = [];
    // Pruning the 1e-3 block costs too much; pruning only the 1e-7 and underflowing ones is fine.
    const result = pruneNegligibleBlocks(input, 4, 2, { gap: 1e-3, violation: 1e-3 }, (pruned) => {
      const keepsMiddle = norm(pruned, 1) > 0;
      evaluated.push(keepsMiddle ? 1 : 0);
      return { gap: keepsMiddle ? 5e-4 : 2e-3, violation: 0, marker: keepsMiddle };
    });
    expect(result).not.toBeNull();
    // 1e-2 prunes blocks 1-3 (rejected); 1e-3 prunes the same three (not re-evaluated); 1e-4 prunes 2-3.
    expect(evaluated).toEqual([0, 1]);
    expect(result!.threshold).toBe(1e-4);
    expect(result!.count).toBe(2);
    expect(result!.evaluation.marker).toBe(true);
    expect(norm(result!.blocks, 1)).toBeCloseTo(5e-4, 15);
    expect(Array.from(result!.blocks.subarray(4))).toEqual([0, 0, 0, 0]);
  });

  it('returns null when no pruning keeps the limits, or when no block is negligible', () => {
    expect(pruneNegligibleBlocks(blocks(), 4, 2, { gap: 1e-3, violation: 1e-3 }, () => ({ gap: 0, violation: 2e-3 }))).toBeNull();
    let calls = 0;
    const even = Float64Array.of(1, 0, 0, 0.5, 0, 0);
    expect(pruneNegligibleBlocks(even, 3, 2, { gap: 1, violation: 1 }, () => ({ gap: 0, violation: calls++ }))).toBeNull();
    expect(calls).toBe(0);
  });

  it('says in the run note how many blocks went and below what', () => {
    expect(prunedNote({ count: 3, threshold: 1e-4 })).toBe('3 negligible neuron blocks were set to zero (norms at most 0.0001 of the largest). The objective and the certificate are those of the pruned network.');
    expect(prunedNote({ count: 1, threshold: 1e-6 })).toBe('1 negligible neuron block was set to zero (norms at most 0.000001 of the largest). The objective and the certificate are those of the pruned network.');
    expect(prunedNote({ count: 2500, threshold: 1e-4 })).toMatch(/^2,500 negligible neuron blocks were set to zero/);
  });
});
