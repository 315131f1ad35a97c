import { describe, expect, it } from 'vitest';
import { evaluateNetworkBlocks, evaluateRobustBlocks } from '../../../src-core/robust/robust-objective';
import { recoverNetwork } from '../../../src-core/convex/recover-network';
import { getGoldenProblem } from '../golden/golden-problems';
import { uniformThreat } from '../../../src-core/robust/threat-model';
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

describe('evaluateRobustBlocks without an adversary (through X U^T)', () => {
  it('gives the predictions, objective and violations of the sums over rows and patterns', () => {
    const nominal = robustProblemFromGolden(golden, uniformThreat('linf', 0, d));
    const { X, patterns, beta, y } = nominal;
    const n = X.rows;
    // Blocks partly outside their cones (some rows violated), deterministic.
    const blocks = Float64Array.from({ length: 2 * P * d }, (_, e) => Math.sin(1.7 * e + 0.3));
    const evaluation = evaluateRobustBlocks(nominal, blocks);
    let loss = 0;
    const maxRow = Math.max(...Array.from({ length: n }, (_, k) => Math.hypot(...X.data.subarray(k * d, (k + 1) * d))));
    for (let k = 0; k < n; k++) {
      let yhat = 0;
      for (let i = 0; i < P; i++) {
        if (patterns.masks[k * P + i] !== 1) continue;
        for (let t = 0; t < d; t++) yhat += X.data[k * d + t]! * (blocks[i * d + t]! - blocks[(P + i) * d + t]!);
      }
      expect(evaluation.predictions[k]).toBeCloseTo(yhat, 12);
      expect(evaluation.spreads[k]).toBe(0);
      loss += 0.5 * (yhat - y[k]!) ** 2;
    }
    const norms = Array.from({ length: 2 * P }, (_, j) => Math.hypot(...blocks.subarray(j * d, (j + 1) * d)));
    expect(evaluation.objective).toBeCloseTo(loss + beta * norms.reduce((a, b) => a + b, 0), 10);
    const largest = Math.max(...norms);
    for (let j = 0; j < 2 * P; j++) {
      let worst = 0;
      for (let k = 0; k < n; k++) {
        const a = X.data.subarray(k * d, (k + 1) * d).reduce((sum, v, t) => sum + v * blocks[j * d + t]!, 0);
        worst = Math.max(worst, (patterns.masks[k * P + (j % P)] === 1 ? -a : a));
      }
      expect(evaluation.blockViolations[j]).toBeCloseTo(worst / Math.max(norms[j]!, 1e-2 * largest) / maxRow, 12);
    }
    expect(evaluation.coneViolation).toBeGreaterThan(0);
  });
});

describe('evaluateNetworkBlocks: the recovered ReLU network at radius 0', () => {
  const nominal = robustProblemFromGolden(golden, uniformThreat('linf', 0, d));
  const { X, beta, y } = nominal;
  const n = X.rows;

  it('scores the network the blocks recover, not the convex model, when blocks leave their cones', () => {
    const blocks = Float64Array.from({ length: 2 * P * d }, (_, e) => Math.sin(1.7 * e + 0.3));
    const network = recoverNetwork({ patternCount: P, dim: d, data: blocks }, false);
    const evaluation = evaluateNetworkBlocks(nominal, blocks);
    const convex = evaluateRobustBlocks(nominal, blocks);
    let loss = 0;
    let differs = 0;
    for (let k = 0; k < n; k++) {
      let yhat = 0;
      for (let j = 0; j < network.output.length; j++) {
        let pre = 0;
        for (let t = 0; t < d; t++) pre += X.data[k * d + t]! * network.hidden.data[j * d + t]!;
        yhat += network.output[j]! * Math.max(pre, 0);
      }
      expect(evaluation.predictions[k]).toBeCloseTo(yhat, 12);
      differs = Math.max(differs, Math.abs(yhat - convex.predictions[k]!));
      loss += 0.5 * (yhat - y[k]!) ** 2;
    }
    const norms = Array.from({ length: 2 * P }, (_, j) => Math.hypot(...blocks.subarray(j * d, (j + 1) * d)));
    expect(evaluation.objective).toBeCloseTo(loss + beta * norms.reduce((a, b) => a + b, 0), 10);
    // The same violations; the convex model's outputs are another function here.
    expect(evaluation.coneViolation).toBe(convex.coneViolation);
    expect(differs).toBeGreaterThan(0.1);
  });

  it('agrees with the convex model on blocks inside their cones, and refuses an adversary', () => {
    const inside = goldenBlocks(golden);
    const network = evaluateNetworkBlocks(nominal, inside);
    expect(network.objective).toBeCloseTo(evaluateRobustBlocks(nominal, inside).objective, 9);
    expect(() => evaluateNetworkBlocks(problem, inside)).toThrow(RangeError);
  });
});
