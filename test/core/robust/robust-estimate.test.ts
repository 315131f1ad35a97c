import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { getLoss } from '../../../src-core/losses';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { buildRobustConicForm } from '../../../src-core/robust/robust-conic-form';
import { calibratedRobustEstimate, PDHG_MS_PER_ENTRY, probeMsPerStep, ROBUST_PROBE_BUDGET_MS, ROBUST_PROBE_MIN_ROWS, ROBUST_PROBE_STEPS, robustEstimate, robustIpmEstimate, robustPdhgEstimate, robustProbeOptions, robustProbeRows } from '../../../src-core/robust/robust-estimate';
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
    for (const [n, features, loss] of [[300, 2, 'squared'], [2000, 10, 'squared'], [300, 60, 'squared'], [300, 2, 'bce'], [2000, 10, 'hinge']] as const) {
      const problem = { ...problemOf(n, features), loss: getLoss(loss) };
      const form = buildRobustConicForm(problem);
      const estimate = robustIpmEstimate({ ...options, loss, task: loss === 'squared' ? 'regression' : 'binary' }, n, features);
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

  it('gives PDHG\'s estimate to a run that names PDHG, whatever its size', () => {
    expect(robustEstimate(options, 300, 2)!.method).toBe('ipm');
    expect(robustEstimate({ ...options, solverSettings: { method: 'pdhg' } }, 300, 2)).toEqual(robustPdhgEstimate(options, 300, 2));
  });

  it('says nothing for standard runs, back-propagation or the exact formulation; caps the steps at the run limit', () => {
    const { adversarial: _unused, ...standard } = options;
    void _unused;
    expect(robustIpmEstimate(standard, 300, 2)).toBeNull();
    expect(robustIpmEstimate({ ...options, solver: 'backprop' }, 300, 2)).toBeNull();
    expect(robustIpmEstimate({ ...options, formulation: 'exact' }, 300, 2)).toBeNull();
    expect(robustIpmEstimate({ ...options, solverSettings: { maxIterations: 50 } }, 300, 2)!.maxSteps).toBe(50);
  });

  it('estimates PDHG iterations from the program\'s entries (programs too large for the interior-point method, or PDHG chosen)', () => {
    for (const [n, features, loss] of [[300, 2, 'bce'], [300, 60, 'squared'], [1000, 5, 'hinge']] as const) {
      const problem = { ...problemOf(n, features), loss: getLoss(loss) };
      const form = buildRobustConicForm(problem);
      const runOptions: TrainOptions = { ...options, loss, task: loss === 'squared' ? 'regression' : 'binary' };
      const estimate = robustEstimate(runOptions, n, features)!;
      expect(estimate.method).toBe(robustMethodFor(problem, form, 'auto'));
      const pdhg = robustPdhgEstimate(runOptions, n, features)!;
      // The modelled entries (patterns active at half the rows) within 25% of the built program's.
      const ratio = pdhg.msPerStep / (PDHG_MS_PER_ENTRY * form.K.values.length);
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.25);
      expect(pdhg.maxSteps).toBe(50000);
    }
    expect(robustPdhgEstimate({ ...options, solverSettings: { maxIterations: 700 } }, 300, 2)!.maxSteps).toBe(700);
    expect(robustPdhgEstimate({ ...options, solver: 'backprop' }, 300, 2)).toBeNull();
  });

  it('calibrates by a probe: all rows when their steps fit the budget, fewer (never below the minimum) when not', () => {
    expect(robustProbeRows(options, 'ipm', 300, 2, 1)).toBe(300);
    const ipmSteps = ROBUST_PROBE_STEPS.ipm + 1;
    for (const [rows, features, heads] of [[20000, 2, 1], [3000, 10, 3]] as const) {
      const sample = robustProbeRows(options, 'ipm', rows, features, heads);
      expect(sample).toBeLessThan(rows);
      expect(sample).toBeGreaterThanOrEqual(ROBUST_PROBE_MIN_ROWS);
      const probeMs = heads * ipmSteps * robustIpmEstimate(options, sample, features)!.msPerStep;
      expect(sample === ROBUST_PROBE_MIN_ROWS || probeMs <= ROBUST_PROBE_BUDGET_MS).toBe(true);
      // twice the rows would not have fitted
      expect(heads * ipmSteps * robustIpmEstimate(options, 2 * sample, features)!.msPerStep).toBeGreaterThan(ROBUST_PROBE_BUDGET_MS);
    }
    // PDHG's probe samples by PDHG's model (300 iterations), whatever the interior-point one says.
    const bce: TrainOptions = { ...options, loss: 'bce', solver: 'admm-rbcd' };
    const pdhgSample = robustProbeRows(bce, 'pdhg', 20000, 2, 1);
    expect(ROBUST_PROBE_STEPS.pdhg * robustPdhgEstimate(bce, pdhgSample, 2)!.msPerStep).toBeLessThanOrEqual(ROBUST_PROBE_BUDGET_MS);
    expect(ROBUST_PROBE_STEPS.pdhg * robustPdhgEstimate(bce, 2 * pdhgSample, 2)!.msPerStep).toBeGreaterThan(ROBUST_PROBE_BUDGET_MS);
    // The probe runs the same adversarial program with the same method for a few steps, without the standard comparison.
    const probe = robustProbeOptions({ ...options, adversarial: { ...options.adversarial!, compareStandard: true } }, 'ipm');
    expect(probe.solverSettings).toMatchObject({ maxIterations: ROBUST_PROBE_STEPS.ipm, method: 'ipm' });
    expect(robustProbeOptions(bce, 'pdhg').solverSettings).toMatchObject({ maxIterations: ROBUST_PROBE_STEPS.pdhg, method: 'pdhg', checkEvery: 50 });
    expect(probe.solverSettings!['tolerance']).toBeLessThanOrEqual(1e-12);
    expect(probe.adversarial).toMatchObject({ epsilon: 0.05, compareStandard: false });
    // A machine twice as slow as the model on the probe doubles the full estimate; no timing leaves it.
    const full = robustIpmEstimate(options, 5000, 2)!;
    const probeModel = robustIpmEstimate(options, 400, 2)!.msPerStep;
    expect(calibratedRobustEstimate(full, options, 400, 2, 2 * probeModel).msPerStep).toBeCloseTo(2 * full.msPerStep, 9);
    expect(calibratedRobustEstimate(full, options, 400, 2, null)).toBe(full);
    // The probe's time per step is its second half's: the first steps run before the JIT warms up.
    const point = (iteration: number, elapsedMs: number) => ({ iteration, elapsedMs, objective: 1 });
    const history = [0, 61, 96, 127, 152, 172, 192, 212, 232].map((ms, i) => point(i, ms));
    expect(probeMsPerStep(history)).toBe(20);
  });
});
