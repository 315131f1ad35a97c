import { describe, expect, it } from 'vitest';
import type { Loss } from '../../../../src-core/losses';
import { bceLoss, squaredLoss } from '../../../../src-core/losses';
import { networkScores, weightDecay } from '../../../../src-core/network/forward';
import { solveScp } from '../../../../src-core/solvers/scp/solve-scp';
import type { ScpProblem } from '../../../../src-core/solvers/scp/solve-scp';
import { toyBeta, toyDirections, toyX, toyY01, toyYRegression } from './scp-fixtures';

/** paper-spec 7.3(F): the six normalized h's as directions, beta = 0.1. */
const references: { loss: Loss; y: Float64Array; objective: number; alpha: number[] }[] = [
  { loss: squaredLoss, y: toyYRegression, objective: 0.6904589429, alpha: [0, 0.984172, -1.034089, 0.950345, 0.416191, 0.003713] },
  { loss: bceLoss, y: toyY01, objective: 2.1311598046, alpha: [0, -0.370534, -0.666393, 0, 0, 2.988699] },
];

function toyProblem(loss: Loss, y: Float64Array): ScpProblem {
  return { X: toyX, y, loss, beta: toyBeta, hasBias: true, directions: toyDirections };
}

describe.each(references)('solveScp on the 7.3(F) reference, $loss.name loss', ({ loss, y, objective, alpha }) => {
  it.each(['fista', 'admm'] as const)('%s reaches the printed optimum and alpha*', (method) => {
    const result = solveScp(toyProblem(loss, y), { tolerance: 1e-12, maxIterations: 20000, method });
    expect(result.status).toBe('solved');
    expect(result.solution.method).toBe(method);
    // The optimum is printed with 10 decimals, alpha* with 6.
    expect(Math.abs(result.info.objective - objective)).toBeLessThan(1e-9);
    for (let j = 0; j < 6; j++) expect(Math.abs(result.solution.alpha[j]! - alpha[j]!)).toBeLessThanOrEqual(1e-6);
    // Exact zeros where alpha*_j = 0 (soft-thresholding), so those neurons are dropped.
    const zeros = alpha.filter((a) => a === 0).length;
    expect(result.solution.neuronCount).toBe(6 - zeros);
    // The certificate brackets the reference optimum and its gap is within the tolerance.
    const { lowerBound, relativeGap } = result.info;
    expect(lowerBound).not.toBeNull();
    expect(lowerBound!).toBeLessThanOrEqual(objective + 5e-11);
    expect(objective - 5e-11).toBeLessThanOrEqual(result.info.objective);
    expect(relativeGap!).toBeLessThanOrEqual(1e-12);
    expect((result.info.objective - lowerBound!) / result.info.objective).toBeCloseTo(relativeGap!, 15);
  });

  it('recovers a ReLU network whose weight-decay objective equals the l1 objective (to 1e-9)', () => {
    const result = solveScp(toyProblem(loss, y), { tolerance: 1e-10 });
    const { network, neuronDirections, alpha: a, trainScores } = result.solution;
    const scores = networkScores(network, toyX);
    const nonConvex = loss.value(scores, y) + weightDecay(network, toyBeta);
    expect(Math.abs(nonConvex - result.solution.objective)).toBeLessThan(1e-9);
    for (let k = 0; k < 8; k++) expect(scores[k]).toBeCloseTo(trainScores[k]!, 12);
    // Neuron m is u_j sqrt|alpha_j| with output sign(alpha_j) sqrt|alpha_j|.
    for (let m = 0; m < network.output.length; m++) {
      const j = neuronDirections[m]!;
      const root = Math.sqrt(Math.abs(a[j]!));
      expect(network.output[m]).toBeCloseTo(Math.sign(a[j]!) * root, 14);
      for (let t = 0; t < 3; t++) expect(network.hidden.data[m * 3 + t]).toBeCloseTo(toyDirections.data[j * 3 + t]! * root, 14);
    }
    expect(network.hasBias).toBe(true);
  });

  it('with default settings stops at a certified gap <= 1e-6 that brackets the reference', () => {
    const result = solveScp(toyProblem(loss, y));
    expect(result.status).toBe('solved');
    expect(result.info.relativeGap!).toBeLessThanOrEqual(1e-6);
    expect(result.info.lowerBound!).toBeLessThanOrEqual(objective + 5e-11);
    expect(result.info.objective).toBeGreaterThanOrEqual(objective - 5e-11);
    for (const point of result.history) {
      if (point.lowerBound !== undefined) expect(point.lowerBound).toBeLessThanOrEqual(objective + 5e-11);
      expect(point.objective).toBeGreaterThanOrEqual(objective - 5e-11);
    }
    expect(result.solution.certificateNote).toMatch(/6 sampled neuron directions/);
    if (loss.name === 'bce') {
      const scores = result.solution.trainScores;
      const correct = Array.from(y).filter((label, k) => (scores[k]! > 0) === (label === 1)).length;
      expect(result.history.at(-1)!.trainAccuracy).toBe(correct / 8);
    } else {
      expect(result.history.at(-1)!.trainAccuracy).toBeUndefined();
    }
  });
});
