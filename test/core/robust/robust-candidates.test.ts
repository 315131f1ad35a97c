import { describe, expect, it } from 'vitest';
import { relativeGap } from '../../../src-core/convex/dual-certificate';
import { withoutConeViolatingBlocks, type RobustCandidate } from '../../../src-core/robust/robust-candidates';
import { evaluateRobustBlocks } from '../../../src-core/robust/robust-objective';
import type { RobustProblem } from '../../../src-core/robust/robust-problem';
import { getGoldenProblem } from '../golden/golden-problems';
import { goldenBlocks, robustProblemFromGolden } from './robust-fixtures';

const golden = getGoldenProblem('toy-D-robust-squared');
const problem = robustProblemFromGolden(golden);
const { P, d } = golden;
const layout = { P, d };
const tolerance = 1e-3;

/** A candidate certified against a lower bound just under the golden optimum. */
function candidateOf(robust: RobustProblem, blocks: Float64Array): RobustCandidate {
  const evaluation = evaluateRobustBlocks(robust, blocks);
  const lowerBound = golden.optimum * (1 - 1e-9);
  const gap = relativeGap(evaluation.objective, lowerBound);
  return { z: Float64Array.from(blocks), y: new Float64Array(0), evaluation, lowerBound, gap, merit: gap + evaluation.coneViolation };
}

describe('withoutConeViolatingBlocks', () => {
  it('zeroes a small block outside its cone: the exactly feasible point has a lower merit', () => {
    const blocks = goldenBlocks(golden);
    blocks.set([0, -0.01, 0], 1 * d);
    const candidate = candidateOf(problem, blocks);
    expect(candidate.evaluation.coneViolation).toBeGreaterThan(tolerance);
    const cleaned = withoutConeViolatingBlocks(problem, layout, candidate, tolerance);
    expect(cleaned).not.toBe(candidate);
    expect(Array.from(cleaned.z.subarray(d, 2 * d))).toEqual([0, 0, 0]);
    expect(Array.from(cleaned.z.subarray(0, d))).toEqual(Array.from(blocks.subarray(0, d)));
    expect(cleaned.evaluation.coneViolation).toBeLessThan(1e-9);
    expect(cleaned.lowerBound).toBe(candidate.lowerBound);
    expect(Math.abs(cleaned.evaluation.objective - golden.optimum) / golden.optimum).toBeLessThan(1e-9);
    expect(cleaned.merit).toBeLessThan(candidate.merit);
    // the input is not modified
    expect(candidate.z[d + 1]).toBe(-0.01);
  });

  it('keeps a candidate whose violating block carries the model (zeroing it costs more than the violation)', () => {
    // v_0's cone row of x = (-0.2, 0.1) is tight at the optimum; a larger bias pushes v_0 just outside.
    const blocks = goldenBlocks(golden);
    blocks[2] = blocks[2]! + 0.002;
    const candidate = candidateOf(problem, blocks);
    expect(candidate.evaluation.coneViolation).toBeGreaterThan(tolerance);
    expect(candidate.evaluation.coneViolation).toBeLessThan(10 * tolerance);
    expect(withoutConeViolatingBlocks(problem, layout, candidate, tolerance)).toBe(candidate);
  });

  it('returns the candidate itself when no block is outside its cone by more than the tolerance', () => {
    const candidate = candidateOf(problem, goldenBlocks(golden));
    expect(withoutConeViolatingBlocks(problem, layout, candidate, tolerance)).toBe(candidate);
  });
});
