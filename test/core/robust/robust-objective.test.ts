import { describe, expect, it } from 'vitest';
import { evaluateRobustBlocks } from '../../../src-core/robust/robust-objective';
import { getGoldenProblem } from '../golden/golden-problems';
import { goldenBlocks, robustProblemFromGolden } from './robust-fixtures';

const golden = getGoldenProblem('toy-D-robust-squared');
const problem = robustProblemFromGolden(golden);
const { P, d } = golden;

describe('evaluateRobustBlocks: violation per block', () => {
  it('is zero for blocks in their robust cones and names the block outside, whose share is the total', () => {
    const inside = evaluateRobustBlocks(problem, goldenBlocks(golden));
    expect(inside.blockViolations).toHaveLength(2 * P);
    expect(Math.max(...inside.blockViolations)).toBeLessThan(1e-9);
    // v_1 (pattern 1 holds the rows with x2 > 0) pointing against its generator (0, 1, 0)
    const blocks = goldenBlocks(golden);
    blocks.set([0, -0.01, 0], 1 * d);
    const outside = evaluateRobustBlocks(problem, blocks);
    expect(outside.blockViolations[1]!).toBeGreaterThan(0.1);
    expect(outside.coneViolation).toBe(outside.blockViolations[1]);
    outside.blockViolations.forEach((violation, j) => {
      if (j !== 1) expect(violation).toBeLessThan(1e-9);
    });
  });
});
