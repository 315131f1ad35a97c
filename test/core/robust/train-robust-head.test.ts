import { describe, expect, it } from 'vitest';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import { appendOnesColumn, matrixFromRows } from '../../../src-core/linalg/matrix';
import { getLoss } from '../../../src-core/losses';
import { buildModelFile } from '../../../src-core/model/model-file';
import { parseModelFile } from '../../../src-core/model/parse-model-file';
import { patternsFromGenerators } from '../../../src-core/patterns/patterns-from-generators';
import { resolveAdversarial, type AdversarialTraining } from '../../../src-core/robust/adversarial-options';
import { robustnessForRun } from '../../../src-core/robust/robustness-for-run';
import { suggestRobustRadius } from '../../../src-core/robust/suggested-radius';
import { trainRobustHead, withLinearPattern } from '../../../src-core/robust/train-robust-head';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { expectNested, prepared } from './robust-fixtures';

describe('trainModel with adversarial training', () => {
  it('two moons: robust convex training, its report and the standard model side by side', () => {
    const data = prepared(twoMoonsTable({ rows: 120 }), 'moon');
    const adversarial: AdversarialTraining = resolveAdversarial({ epsilon: 0.08, norm: 'linf', units: 'raw', compareStandard: true }, data.fitted.pipeline);
    const options: TrainOptions = { task: 'binary', loss: 'hinge', solver: 'admm', formulation: 'sampled', patterns: 12, beta: 0.05, bias: true, seed: 4, adversarial, solverSettings: { tolerance: 1e-3 } };
    const outcome = trainModel(data.fitted.dataset, options, defaultContext());
    expect(outcome.heads[0]!.info.relativeGap!).toBeLessThan(1e-3);
    expect(outcome.heads[0]!.convex!.certificateText).toMatch(/worst-case/);
    const comparison = robustnessForRun(outcome, data.fitted.dataset, data.test, defaultContext(), { restarts: 3 })!;
    expect(comparison.robust.testPoints).toBe(data.test!.X.rows);
    // the raw radius is also stated in standardized units (1 / standard deviation per column)
    const scales = data.fitted.pipeline.steps.map((step) => (step.kind === 'numeric' ? Number((1 / step.scale).toPrecision(3)) : 0));
    expect(comparison.robust.unitsText).toContain(`epsilon = 1 is ${scales[0]} (x1), ${scales[1]} (x2) in prepared (standardized) units`);
    expect(comparison.robust.points.map((p) => p.epsilon)).toEqual([0, 0.02, 0.04, 0.08, 0.12, 0.16].map((v) => expect.closeTo(v, 12) as unknown as number));
    expectNested(comparison.robust);
    expectNested(comparison.standard!);
    // the all-ones (linear) pattern keeps the robust model from collapsing to zero
    expect(comparison.robust.warnings).toEqual([]);
    expect(comparison.robust.points[0]!.accuracy.clean!).toBeGreaterThan(0.75);
    expect(outcome.heads[0]!.network.output.length).toBeGreaterThan(0);
    // same test points and radii for both models
    expect(comparison.standard!.points.map((p) => p.epsilon)).toEqual(comparison.robust.points.map((p) => p.epsilon));
    // epsilon 0: no attack can do anything
    expect(comparison.robust.points[0]!.accuracy.pgd).toBe(comparison.robust.points[0]!.accuracy.clean);
    // the radius suggested for these rows, threat, patterns and seed, below the trained 0.08
    const unit = adversarial.featureRadii!.map((r) => r / 0.08);
    const suggested = suggestRobustRadius(data.fitted.dataset.X, unit, { norm: 'linf', hasBias: true, patternCount: 12, seed: 4 })!.value;
    expect(suggested).toBeLessThan(0.08);
    expect(comparison.suggestedRadius).toBe(suggested);
    // the model file records the threat and the report, and reads back unchanged
    const file = buildModelFile(outcome, data.fitted.pipeline, { robustness: comparison });
    expect(file.adversarial!.epsilon).toBe(0.08);
    expect(file.adversarial!.norm).toBe('linf');
    expect(file.adversarial!.featureRadii).toEqual(adversarial.featureRadii);
    const reread = parseModelFile(JSON.parse(JSON.stringify(file)));
    expect(reread.robustness).toEqual(JSON.parse(JSON.stringify(comparison)));
    expect(() => parseModelFile({ ...JSON.parse(JSON.stringify(file)), adversarial: { ...file.adversarial, norm: 'l7' } })).toThrow(/adversarial.norm/);
    expect(() => parseModelFile({ ...JSON.parse(JSON.stringify(file)), robustness: { ...JSON.parse(JSON.stringify(comparison)), suggestedRadius: -1 } })).toThrow(/robustness.suggestedRadius/);
  }, 60000);

  it('raw units go through the preprocessing: radius / standard deviation per column, immutable columns 0', () => {
    const data = prepared(irisTable(), 'species');
    const pipeline = data.fitted.pipeline;
    const resolved = resolveAdversarial({ epsilon: 0.5, norm: 'l2', units: 'raw', immutable: ['petal_width'], columnRadii: { sepal_length: 0.2 } }, pipeline);
    pipeline.steps.forEach((step, t) => {
      if (step.kind !== 'numeric') return;
      const expected = step.column === 'petal_width' ? 0 : (step.column === 'sepal_length' ? 0.2 : 0.5) / step.scale;
      expect(resolved.featureRadii![t]).toBeCloseTo(expected, 14);
    });
    expect(() => resolveAdversarial({ epsilon: 0.5, norm: 'linf', units: 'raw', immutable: ['nope'] }, pipeline)).toThrow(/"nope"/);
    expect(() => resolveAdversarial({ epsilon: -1, norm: 'linf', units: 'raw' }, pipeline)).toThrow(/epsilon/);
  });

  it('withLinearPattern adds the all-ones pattern once, generated by the bias direction', () => {
    const X = appendOnesColumn(matrixFromRows([[1, 2], [-1, 0.5], [0.3, -2]]));
    const sampled = patternsFromGenerators(X, matrixFromRows([[1, 0, 0], [0, 1, 0]]));
    const withLinear = withLinearPattern(X, sampled);
    expect(withLinear.count).toBe(sampled.count + 1);
    for (let k = 0; k < 3; k++) expect(withLinear.masks[k * withLinear.count + sampled.count]).toBe(1);
    expect(Array.from(withLinear.generators.data.slice(-3))).toEqual([0, 0, 1]);
    expect(withLinearPattern(X, withLinear)).toBe(withLinear);
  });

  it('rejects adversarial training with SCP, naming the solvers that support it', () => {
    const data = prepared(twoMoonsTable({ rows: 40 }), 'moon');
    const adversarial = resolveAdversarial({ epsilon: 0.1, norm: 'linf', units: 'raw' }, data.fitted.pipeline);
    const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'scp', formulation: 'sampled', patterns: 8, beta: 0.1, bias: true, seed: 1, adversarial };
    expect(() => trainModel(data.fitted.dataset, options, defaultContext())).toThrow(/admm and admm-rbcd/);
  });

  it('rejects adversarial training with the interior-point solver, naming the fix', () => {
    const data = prepared(twoMoonsTable({ rows: 40 }), 'moon');
    const adversarial = resolveAdversarial({ epsilon: 0.1, norm: 'linf', units: 'raw' }, data.fitted.pipeline);
    const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 8, beta: 0.1, bias: true, seed: 1, adversarial };
    expect(() => trainModel(data.fitted.dataset, options, defaultContext())).toThrow(/interior-point solver \(ipm\) does not do adversarial training \(epsilon > 0\): use ADMM or ADMM-RBCD/);
    const X = appendOnesColumn(data.fitted.dataset.X);
    const head = { X, y: data.fitted.dataset.y, loss: getLoss('squared'), sampleWeights: undefined, options, solverSettings: {}, patterns: null, seed: 1, classIndex: null };
    expect(() => trainRobustHead(head, defaultContext())).toThrow(/does not do adversarial training/);
  });
});
