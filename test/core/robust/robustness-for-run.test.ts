import { describe, expect, it } from 'vitest';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { CURVE_TARGET, curve1dTable } from '../../../src-core/data/builtin/synthetic-regression';
import { resolveAdversarial } from '../../../src-core/robust/adversarial-options';
import { robustnessForRun } from '../../../src-core/robust/robustness-for-run';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { expectNested, prepared } from './robust-fixtures';

describe('robustnessForRun on one-vs-rest, back-propagation and regression runs', () => {
  it('iris one-vs-rest and PGD adversarial back-propagation both train and report', () => {
    const data = prepared(irisTable(), 'species');
    const pipeline = data.fitted.pipeline;
    const adversarial = resolveAdversarial({ epsilon: 0.1, norm: 'linf', units: 'standardized' }, pipeline);
    const base: TrainOptions = { task: 'multiclass', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 6, beta: 0.1, bias: true, seed: 2, adversarial, solverSettings: { tolerance: 1e-2, maxIterations: 3000 } };
    const convex = trainModel(data.fitted.dataset, base, defaultContext());
    expect(convex.heads).toHaveLength(3);
    const backprop = trainModel(data.fitted.dataset, { ...base, solver: 'backprop', patterns: 8, solverSettings: { epochs: 8 } }, defaultContext());
    expect(backprop.heads[0]!.info.notes[0]).toMatch(/PGD adversarial training/);
    for (const outcome of [convex, backprop]) {
      const report = robustnessForRun(outcome, data.fitted.dataset, data.test, defaultContext(), { restarts: 1, steps: 10, epsilons: [0, 0.1] })!.robust;
      expectNested(report);
      expect(report.points[0]!.accuracy.clean!).toBeGreaterThan(0.6);
    }
  }, 60000);

  it('regression: robust training and a report of RMSE clean <= FGSM, PGD <= certified bound', () => {
    const data = prepared(curve1dTable({ rows: 60 }), CURVE_TARGET);
    const adversarial = resolveAdversarial({ epsilon: 0.1, norm: 'linf', units: 'raw' }, data.fitted.pipeline);
    const options: TrainOptions = { task: 'regression', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 8, beta: 0.05, bias: true, seed: 5, adversarial, solverSettings: { tolerance: 1e-3, maxIterations: 4000 } };
    const outcome = trainModel(data.fitted.dataset, options, defaultContext());
    const report = robustnessForRun(outcome, data.fitted.dataset, data.test, defaultContext(), { restarts: 2, steps: 20 })!.robust;
    for (const p of report.points) {
      expect(p.accuracy.clean).toBeNull();
      expect(p.error!.clean).toBeLessThanOrEqual(p.error!.fgsm + 1e-12);
      expect(p.error!.fgsm).toBeLessThanOrEqual(p.error!.pgd + 1e-12);
      expect(p.error!.pgd).toBeLessThanOrEqual(p.error!.certifiedBound + 1e-9);
    }
    expect(report.points[0]!.error!.pgd).toBeCloseTo(report.points[0]!.error!.clean, 12);
  }, 30000);

});
