import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { resolveSettings } from '../../../src-core/settings/setting-spec';
import { ipmSettingSpecs } from '../../../src-core/solvers/ipm/ipm-settings';
import { modelCost } from '../../../src-core/training/cost-estimate';
import { costInputsFor, MIN_PROBE_ROWS, PROBE_FLOP_BUDGET, PROBE_ITERATIONS, probeOptions, probeRows, probeSample } from '../../../src-core/training/cost-probe';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { moons } from '../fixtures/synthetic';

const admm: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'exact', patterns: 32, beta: 1, bias: true, seed: 1, solverSettings: { tolerance: 1e-3, exactPatternLimit: 100 } };

describe('the estimate probe', () => {
  it('runs the same settings for a fixed number of iterations that cannot stop early, on sampled patterns', () => {
    const probe = probeOptions(admm);
    expect(probe.formulation).toBe('sampled');
    expect(probe.solverSettings).toMatchObject({ maxIterations: PROBE_ITERATIONS, tolerance: 1e-14, epsAbs: 0, epsRel: 0 });
    expect(probeOptions({ ...admm, solver: 'scp', formulation: 'sampled' }).solverSettings).toMatchObject({ maxIterations: PROBE_ITERATIONS, tolerance: 1e-3 });
    expect(probe.solverSettings).not.toHaveProperty('exactPatternLimit');
    const backprop = probeOptions({ ...admm, solver: 'backprop', formulation: 'sampled', solverSettings: { epochs: 500, restarts: 4 } });
    expect(backprop.solverSettings).toMatchObject({ epochs: PROBE_ITERATIONS, restarts: 1, tolerance: 0 });
    // The interior-point solver gets its own tightest tolerance (it allows nothing below 1e-12), and the settings resolve.
    const ipm = probeOptions({ ...admm, solver: 'ipm', solverSettings: { tolerance: 1e-6 } });
    expect(ipm.solverSettings).toMatchObject({ maxIterations: PROBE_ITERATIONS, tolerance: 1e-12 });
    expect(() => resolveSettings(ipmSettingSpecs, ipm.solverSettings)).not.toThrow();
  });

  it('sizes the interior-point probe like ADMM: the exact program by its pattern count', () => {
    const data = moons(30, 0.1, 1);
    const exact = costInputsFor({ ...admm, solver: 'ipm' }, data);
    expect(exact).toMatchObject({ solver: 'ipm', columns: 3, size: costInputsFor(admm, data).size });
    expect(exact.size).toBeGreaterThan(admm.patterns);
    expect(costInputsFor({ ...admm, solver: 'ipm', formulation: 'sampled' }, data).size).toBe(admm.patterns);
  });

  it('counts the patterns of one back-propagation network per class (ceil(patterns / classes) neurons each) for a multiclass run', () => {
    const data = moons(30, 0.1, 1);
    const tenClasses = { ...data, task: 'multiclass' as const, classNames: Array.from({ length: 10 }, (_, c) => String(c)) };
    const sampled: TrainOptions = { ...admm, task: 'multiclass', solver: 'ipm', formulation: 'sampled', solverSettings: { patternSource: 'backprop' } };
    expect(costInputsFor(sampled, tenClasses)).toMatchObject({ size: 40, heads: 10 });
    expect(costInputsFor({ ...sampled, solverSettings: {} }, tenClasses).size).toBe(32);
    // One network for a single head: its 32 neurons.
    expect(costInputsFor({ ...sampled, task: 'binary' }, data).size).toBe(32);
  });

  it('says when the run weights its samples (class weights on a classification), which the interior-point cost model needs', () => {
    const data = moons(30, 0.1, 1);
    expect(costInputsFor(admm, data).classWeighted).toBeUndefined();
    expect(costInputsFor({ ...admm, classWeights: 'none' }, data).classWeighted).toBeUndefined();
    expect(costInputsFor({ ...admm, classWeights: 'balanced' }, data).classWeighted).toBe(true);
  });

  it('times the standard solve when adversarial training is on (its unresolved radii would make the probe fail)', () => {
    const probe = probeOptions({ ...admm, adversarial: { epsilon: 0.1, norm: 'linf', units: 'raw' } });
    expect(probe).not.toHaveProperty('adversarial');
    expect(probe.solver).toBe('admm');
  });

  it('uses every row when the probe is affordable, and fewer (never below the minimum) when not', () => {
    const small = moons(200, 0.1, 1);
    expect(probeRows({ ...admm, formulation: 'sampled' }, small)).toBe(200);
    // A wide problem: 20,000 rows x 60 columns with 256 patterns is far over budget.
    const wide = { ...small, X: createMatrix(20_000, 60) };
    const rows = probeRows({ ...admm, formulation: 'sampled', patterns: 256 }, wide);
    expect(rows).toBeLessThan(20_000);
    expect(rows).toBeGreaterThanOrEqual(MIN_PROBE_ROWS);
    const cost = modelCost(costInputsFor(probeOptions({ ...admm, formulation: 'sampled', patterns: 256 }), { ...wide, X: { ...wide.X, rows } }));
    if (rows > MIN_PROBE_ROWS) expect(cost.setupFlops + cost.solveOverheadFlops + PROBE_ITERATIONS * cost.flopsPerIteration).toBeLessThanOrEqual(PROBE_FLOP_BUDGET);
  });

  it('samples evenly spaced rows, keeping both classes', () => {
    const data = moons(100, 0.1, 2);
    const sample = probeSample(data, 10);
    expect(sample.X.rows).toBe(10);
    expect(new Set(sample.y).size).toBe(2);
    expect(probeSample(data, 500)).toBe(data);
  });

  it('bounds the exact program by the arrangement cell count (capped at the exact-pattern limit)', () => {
    const data = moons(6, 0.1, 3);
    // n = 6 rows in rank 3 (two features + bias): 2 (1 + 5 + 10) = 32 cells.
    expect(costInputsFor(admm, data).size).toBe(32);
    // ... and by a limit the user lowered (the run would be refused above it).
    expect(costInputsFor({ ...admm, solverSettings: { exactPatternLimit: 20 } }, data).size).toBe(20);
  });
});
