import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { getLoss } from '../../../src-core/losses';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { buildRobustConicForm } from '../../../src-core/robust/robust-conic-form';
import { robustIpmEstimate } from '../../../src-core/robust/robust-estimate';
import { robustIpmStepMs, robustMethodFor } from '../../../src-core/robust/robust-method';
import type { RobustProblem } from '../../../src-core/robust/robust-problem';
import { withLinearPattern } from '../../../src-core/robust/train-robust-head';
import { uniformThreat } from '../../../src-core/robust/threat-model';
import type { TrainOptions } from '../../../src-core/training/train-types';

/** n rows of `features` Gaussian features plus the bias column, with 32 sampled patterns and the all-ones one. */
function problemOf(n: number, features: number): RobustProblem {
  const prng = new Prng(9);
  const d = features + 1;
  const X = createMatrix(n, d);
  for (let k = 0; k < n; k++) for (let t = 0; t < d; t++) X.data[k * d + t] = t === features ? 1 : prng.nextGaussian();
  return {
    X, y: Float64Array.from({ length: n }, () => prng.nextGaussian()), loss: getLoss('squared'), beta: 1e-4 * n,
    patterns: withLinearPattern(X, samplePatterns(X, 32, prng)), hasBias: true, threat: uniformThreat('linf', 0.05, d, [features]),
  };
}

const options: TrainOptions = {
  task: 'regression', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 32, beta: 0.03, bias: true, seed: 1,
  solverSettings: { tolerance: 1e-3 }, adversarial: { epsilon: 0.05, norm: 'linf', units: 'standardized' },
};

describe('robustIpmEstimate', () => {
  it('estimates from the sizes what the solver computes from the patterns, and picks the same method', () => {
    for (const [n, features] of [[300, 2], [2000, 10], [300, 30]] as const) {
      const problem = problemOf(n, features);
      const form = buildRobustConicForm(problem);
      const estimate = robustIpmEstimate(options, n, features);
      const method = robustMethodFor(problem, form, 'auto');
      expect(estimate === null ? 'pdhg' : 'ipm').toBe(method);
      if (estimate) {
        // Patterns active at half the rows: within 2x of the model at the actual masks.
        const ratio = estimate.msPerStep / robustIpmStepMs(problem, form);
        expect(ratio).toBeGreaterThan(0.5);
        expect(ratio).toBeLessThan(2);
        expect(estimate.maxSteps).toBe(200);
      }
    }
  });

  it('says nothing for standard runs, BCE, back-propagation or the exact formulation; caps the steps at the run limit', () => {
    const { adversarial: _unused, ...standard } = options;
    void _unused;
    expect(robustIpmEstimate(standard, 300, 2)).toBeNull();
    expect(robustIpmEstimate({ ...options, loss: 'bce', solver: 'admm-rbcd' }, 300, 2)).toBeNull();
    expect(robustIpmEstimate({ ...options, solver: 'backprop' }, 300, 2)).toBeNull();
    expect(robustIpmEstimate({ ...options, formulation: 'exact' }, 300, 2)).toBeNull();
    expect(robustIpmEstimate({ ...options, solverSettings: { maxIterations: 50 } }, 300, 2)!.maxSteps).toBe(50);
  });
});
