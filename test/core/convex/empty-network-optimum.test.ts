import { describe, expect, it } from 'vitest';
import { emptyNetworkBeta, emptyNetworkThreshold } from '../../../src-core/convex/empty-network-optimum';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { getLoss } from '../../../src-core/losses';
import type { LossName } from '../../../src-core/losses/loss';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { solveAdmm } from '../../../src-core/solvers/admm/solve-admm';
import { solveIpm, type IpmProblem } from '../../../src-core/solvers/ipm/solve-ipm';
import { defaultContext } from '../../../src-core/solvers/solver-types';

/** 40 rows, 3 features and a bias column, targets in `loss`'s label convention. */
function smallProblem(lossName: LossName, beta: number): IpmProblem {
  const rng = new Prng(7);
  const n = 40;
  const d = 4;
  const X = createMatrix(n, d);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < 3; j++) X.data[k * d + j] = rng.nextGaussian();
    X.data[k * d + 3] = 1;
    const signal = Math.max(0, X.data[k * d]! - 0.2) - 0.5 * X.data[k * d + 1]! + 0.1 * rng.nextGaussian();
    y[k] = lossName === 'squared' ? signal + 2 : lossName === 'bce' ? Number(signal > 0) : signal > 0 ? 1 : -1;
  }
  return { X, y, loss: getLoss(lossName), beta, patterns: samplePatterns(X, 8, new Prng(8)), hasBias: true };
}

/** max_i ||X^T D_i g|| written out row by row, g = dL/dyhat at 0, as the test's own reference. */
function referenceThreshold(problem: IpmProblem): number {
  const { X, patterns } = problem;
  const g = new Float64Array(X.rows);
  problem.loss.gradient(new Float64Array(X.rows), problem.y, g);
  let largest = 0;
  for (let i = 0; i < patterns.count; i++) {
    const column = Array.from({ length: X.cols }, (_, j) => {
      let s = 0;
      for (let k = 0; k < X.rows; k++) if (patterns.masks[k * patterns.count + i]) s += X.data[k * X.cols + j]! * g[k]!;
      return s;
    });
    largest = Math.max(largest, Math.hypot(...column));
  }
  return largest;
}

describe('the empty network optimum', () => {
  for (const lossName of ['squared', 'bce', 'hinge'] as const) {
    it(`${lossName}: the threshold is max_i ||X^T D_i g||, g the loss gradient at 0`, () => {
      const problem = smallProblem(lossName, 1);
      expect(emptyNetworkBeta(problem)).toBeCloseTo(referenceThreshold(problem), 10);
      expect(emptyNetworkThreshold({ ...problem, beta: 1.01 * referenceThreshold(problem) })).toBeCloseTo(referenceThreshold(problem), 10);
      expect(emptyNetworkThreshold({ ...problem, beta: 0.99 * referenceThreshold(problem) })).toBeNull();
    });
  }

  it('above the threshold no network beats the empty one (ADMM, another solver, finds none); well below it one does', () => {
    const base = smallProblem('squared', 1);
    const threshold = emptyNetworkBeta(base);
    const emptyLoss = base.loss.value(new Float64Array(base.X.rows), base.y);
    const settings = { tolerance: 1e-7, maxIterations: 20_000 };
    const above = solveAdmm({ ...base, beta: 1.01 * threshold }, settings, defaultContext());
    expect(above.info.objective).toBeGreaterThanOrEqual(emptyLoss * (1 - 1e-9));
    const below = solveAdmm({ ...base, beta: 0.5 * threshold }, settings, defaultContext());
    expect(below.info.objective).toBeLessThan(emptyLoss * (1 - 1e-3));
  });

  it('the interior-point method answers a huge beta with the empty network and an exact certificate (it threw at 1e16)', () => {
    for (const lossName of ['squared', 'bce'] as const) {
      for (const beta of [1e16, 1e20, 1e300]) {
        const problem = smallProblem(lossName, beta);
        const result = solveIpm(problem, {}, defaultContext());
        const emptyLoss = problem.loss.value(new Float64Array(problem.X.rows), problem.y);
        expect(result.status).toBe('solved');
        expect(result.solution.neuronCount).toBe(0);
        expect(result.info.objective).toBe(emptyLoss);
        expect(result.info.lowerBound).toBe(emptyLoss);
        expect(result.info.relativeGap).toBe(0);
        expect(result.info.notes.join(' ')).toContain('the best network is the empty one');
      }
    }
  });

  it('leaves a beta below the threshold to the Newton steps', () => {
    const problem = smallProblem('squared', 1);
    const result = solveIpm({ ...problem, beta: 0.5 * emptyNetworkBeta(problem) }, {}, defaultContext());
    expect(result.info.iterations).toBeGreaterThan(0);
    expect(result.solution.neuronCount).toBeGreaterThan(0);
  });
});
