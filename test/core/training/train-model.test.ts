import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { evaluatePredictions } from '../../../src-core/training/evaluate';
import { predictWithHeads } from '../../../src-core/training/predict';
import { isPartialModel, outcomeOfHeads, planHeads, trainModel, trainPlannedHeads } from '../../../src-core/training/train-model';
import { appendOnesColumn } from '../../../src-core/linalg/matrix';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import type { TrainOptions, TrainOutcome } from '../../../src-core/training/train-types';
import { expectConvexNetError } from '../data/expect-error';
import { blobs, curve, moons } from '../fixtures/synthetic';

const base: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 24, beta: 1e-2, bias: true, seed: 7 };
const fixedClock = { now: () => 0 };

function trainAccuracy(data: ReturnType<typeof moons>, options: TrainOptions): number {
  const outcome = trainModel(data, options, defaultContext());
  const p = predictWithHeads(data.task, options.loss, outcome.heads, data.X);
  return evaluatePredictions(data.task, p, data.y).classification!.accuracy!;
}

/** ADMM and the interior-point solver on the same program (same seed, so the same sampled patterns). */
function solveBoth(data: Parameters<typeof trainModel>[0], options: TrainOptions, ipmTolerance: number): { admm: TrainOutcome; ipm: TrainOutcome } {
  const admm = trainModel(data, { ...options, solver: 'admm', solverSettings: { tolerance: 1e-6, maxIterations: 100_000 } }, defaultContext());
  const ipm = trainModel(data, { ...options, solver: 'ipm', solverSettings: { tolerance: ipmTolerance } }, defaultContext());
  return { admm, ipm };
}

describe('trainModel', () => {
  const data = moons(120, 0.05, 3);

  // Fitting quality of each path (certification accuracy is tested per solver and on the golden problems).
  const combos: Partial<TrainOptions>[] = [
    { solver: 'admm', loss: 'squared' },
    { solver: 'admm', loss: 'hinge', solverSettings: { tolerance: 1e-2, maxIterations: 3000 } },
    { solver: 'admm', loss: 'bce', solverSettings: { tolerance: 1e-2, maxIterations: 3000 } },
    { solver: 'admm-rbcd', loss: 'bce', solverSettings: { tolerance: 1e-2 } },
    { solver: 'scp', loss: 'squared', patterns: 200 },
    { solver: 'backprop', loss: 'bce', solverSettings: { epochs: 400 } },
  ];
  for (const c of combos) {
    it(`fits two moons with ${c.solver} and the ${c.loss} loss`, () => {
      expect(trainAccuracy(data, { ...base, beta: 1e-3, ...c })).toBeGreaterThan(0.95);
    });
  }

  it('certifies convex heads and says what the certificate covers', () => {
    const outcome = trainModel(data, { ...base, solverSettings: { tolerance: 1e-2 } }, defaultContext());
    const head = outcome.heads[0]!;
    expect(outcome.status).toBe('solved');
    expect(head.info.relativeGap!).toBeLessThanOrEqual(1e-2);
    expect(head.info.lowerBound!).toBeLessThanOrEqual(head.info.objective);
    expect(head.convex!.certificateText).toMatch(/Within .*% of the best possible training objective for the sampled activation patterns/);
    expect(head.convex!.generators.cols).toBe(3);
  });

  it('trains one certified head per class for multi-class data (one-vs-rest)', () => {
    const three = blobs(150, 3, 0.4, 5);
    const outcome = trainModel(three, { ...base, task: 'multiclass', loss: 'bce', solverSettings: { tolerance: 1e-2 } }, defaultContext());
    expect(outcome.heads.map((h) => h.classIndex)).toEqual([0, 1, 2]);
    for (const h of outcome.heads) {
      expect(h.status).toBe('solved');
      expect(h.info.relativeGap!).toBeLessThanOrEqual(1e-2);
    }
    const p = predictWithHeads('multiclass', 'bce', outcome.heads, three.X);
    for (let k = 0; k < three.X.rows; k++) {
      let s = 0;
      for (let c = 0; c < 3; c++) s += p.probabilities![k * 3 + c]!;
      expect(s).toBeCloseTo(1, 12);
    }
    expect(evaluatePredictions('multiclass', p, three.y).classification!.accuracy!).toBeGreaterThan(0.95);
  });

  for (const [name, problem] of [
    ['binary two moons', { data: moons(80, 0.1, 3), task: 'binary' }],
    ['regression curve', { data: curve(80, 0.05, 9), task: 'regression' }],
  ] as const) {
    it(`solves the ${name} with the interior-point solver to ADMM's objective, certified within its tolerance`, () => {
      const tolerance = 1e-7;
      const { admm, ipm } = solveBoth(problem.data, { ...base, task: problem.task, loss: 'squared', patterns: 12 }, tolerance);
      const a = admm.heads[0]!;
      const b = ipm.heads[0]!;
      expect(admm.status).toBe('solved');
      expect(ipm.status).toBe('solved');
      expect(Math.abs(b.info.objective - a.info.objective) / a.info.objective).toBeLessThan(1e-4);
      expect(b.info.relativeGap!).toBeLessThanOrEqual(tolerance);
      expect(b.info.lowerBound!).toBeLessThanOrEqual(b.info.objective);
      // Both certificates bound the same optimum.
      expect(b.info.lowerBound!).toBeLessThanOrEqual(a.info.objective * (1 + 1e-12));
      expect(b.info.iterations).toBeLessThanOrEqual(40);
      expect(b.convex!.patternSource).toBe('sampled');
      expect(Array.from(b.convex!.generators.data)).toEqual(Array.from(a.convex!.generators.data));
      expect(b.convex!.certificateText).toMatch(/Within .*% of the best possible training objective for the sampled activation patterns/);
    });
  }

  it('trains one certified interior-point head per class for multi-class data (one-vs-rest)', () => {
    const three = blobs(90, 3, 0.4, 5);
    const tolerance = 1e-6;
    const { admm, ipm } = solveBoth(three, { ...base, task: 'multiclass', loss: 'squared', patterns: 12 }, tolerance);
    expect(ipm.heads.map((h) => h.classIndex)).toEqual([0, 1, 2]);
    ipm.heads.forEach((h, c) => {
      expect(h.status).toBe('solved');
      expect(h.info.relativeGap!).toBeLessThanOrEqual(tolerance);
      const reference = admm.heads[c]!.info.objective;
      expect(Math.abs(h.info.objective - reference) / reference).toBeLessThan(1e-4);
    });
    const p = predictWithHeads('multiclass', 'squared', ipm.heads, three.X);
    expect(evaluatePredictions('multiclass', p, three.y).classification!.accuracy!).toBeGreaterThan(0.95);
    // The heads share X and the patterns, so the direct Newton system's Q is formed once.
    expect(ipm.heads.map((h) => (h.info.details!.join(' ').includes('Q from an earlier solve on the same data') ? 'shared' : 'formed'))).toEqual(['formed', 'shared', 'shared']);
  });

  it('trains the same one-vs-rest heads when they are planned once and trained one by one (as the app does on several workers)', () => {
    const four = blobs(80, 4, 0.5, 3);
    for (const patternSource of ['random', 'backprop'] as const) {
      const options: TrainOptions = { ...base, task: 'multiclass', solver: 'ipm', patterns: 8, solverSettings: { tolerance: 1e-4, patternSource } };
      const whole = trainModel(four, options, defaultContext(fixedClock));
      const plan = structuredClone(planHeads(four, options, defaultContext(fixedClock)));
      expect(plan.structure.patternNetworks?.length ?? 0, patternSource).toBe(patternSource === 'backprop' ? 4 : 0);
      // Each head from the cloned plan alone, in another order: what a worker receives.
      const apart = [3, 1, 0, 2].map((h) => ({ h, head: trainPlannedHeads(four, options, plan, [h], defaultContext(fixedClock)).heads[0]! }));
      const heads = apart.sort((a, b) => a.h - b.h).map((x) => x.head);
      const combined = outcomeOfHeads('multiclass', options, heads, plan.setupMs);
      expect(combined.status, patternSource).toBe(whole.status);
      expect(combined.heads.map((h) => h.classIndex)).toEqual([0, 1, 2, 3]);
      combined.heads.forEach((head, c) => {
        const reference = whole.heads[c]!;
        expect(Array.from(head.network.hidden.data), `${patternSource} head ${c}`).toEqual(Array.from(reference.network.hidden.data));
        expect(Array.from(head.network.output)).toEqual(Array.from(reference.network.output));
        expect(head.history).toEqual(reference.history);
        expect(head.info.objective).toBe(reference.info.objective);
      });
    }
  });

  it('leaves out the heads after a cancelled one when it combines heads, and reports the least favourable status', () => {
    const three = blobs(60, 3, 0.4, 2);
    const options: TrainOptions = { ...base, task: 'multiclass', solver: 'scp', loss: 'bce', patterns: 8 };
    const plan = planHeads(three, options, defaultContext());
    const [a, b, c] = [0, 1, 2].map((h) => trainPlannedHeads(three, options, plan, [h], defaultContext()).heads[0]!);
    expect(outcomeOfHeads('multiclass', options, [a!, { ...b!, status: 'cancelled' }, c!], plan.setupMs)).toMatchObject({ status: 'cancelled', heads: [a, { status: 'cancelled' }] });
    expect(outcomeOfHeads('multiclass', options, [a!, { ...b!, status: 'max-iterations' }, c!], 0).status).toBe('max-iterations');
    expect(() => trainPlannedHeads(three, options, plan, [3], defaultContext())).toThrow(RangeError);
    // Cut after the cancelled head, the model lacks a class: it is partial, the whole one is not.
    expect(isPartialModel(outcomeOfHeads('multiclass', options, [a!, { ...b!, status: 'cancelled' }, c!], 0), three)).toBe(true);
    expect(isPartialModel(outcomeOfHeads('multiclass', options, [a!, b!, c!], 0), three)).toBe(false);
  });

  it('solves the exact formulation with the interior-point solver, and trains the standard model at epsilon 0', () => {
    const small = moons(14, 0.1, 4);
    const options: TrainOptions = { ...base, solver: 'ipm', formulation: 'exact', solverSettings: { tolerance: 1e-6 } };
    const exact = trainModel(small, options, defaultContext(fixedClock));
    expect(exact.status).toBe('solved');
    expect(exact.heads[0]!.convex!.patternSource).toBe('exact');
    expect(exact.heads[0]!.convex!.certificateText).toMatch(/global optimum/);
    const atZero = trainModel(small, { ...options, adversarial: { epsilon: 0, norm: 'linf', units: 'standardized', featureRadii: [0, 0] } }, defaultContext(fixedClock));
    expect(Array.from(atZero.heads[0]!.network.output)).toEqual(Array.from(exact.heads[0]!.network.output));
  });

  it('refuses the exact formulation above its pattern limit, says what to raise it to, and solves once it is raised', () => {
    const small = moons(14, 0.1, 4);
    // 14 distinct rows of rank 3 (two features + bias): up to 2 (1 + 13 + 78) = 184 patterns.
    const exact = (exactPatternLimit: number): TrainOptions => ({ ...base, solver: 'ipm', formulation: 'exact', solverSettings: { tolerance: 1e-6, exactPatternLimit } });
    expect(expectConvexNetError(() => trainModel(small, exact(183), defaultContext()), 'patterns/too-many')).toMatch(/more than the limit of 183\. Use the sampled formulation: .*; or raise the exact pattern limit to 184/);
    const solved = trainModel(small, exact(184), defaultContext());
    expect(solved.status).toBe('solved');
    expect(solved.heads[0]!.convex!.patternSource).toBe('exact');
    for (const bad of [0, 2.5, 100_001]) {
      expect(expectConvexNetError(() => trainModel(small, exact(bad), defaultContext()), 'settings/invalid')).toMatch(/^Exact pattern limit \(exactPatternLimit\) must be/);
    }
  });

  it('fits a regression curve', () => {
    const data = curve(200, 0.02, 9);
    const outcome = trainModel(data, { ...base, task: 'regression', beta: 1e-3 }, defaultContext());
    const p = predictWithHeads('regression', 'squared', outcome.heads, data.X);
    expect(evaluatePredictions('regression', p, data.y).regression!.r2!).toBeGreaterThan(0.97);
  });

  it('the exact formulation never ends above the sampled one on the same data', () => {
    const small = moons(14, 0.1, 4);
    const exact = trainModel(small, { ...base, formulation: 'exact', solverSettings: { tolerance: 1e-8 } }, defaultContext());
    const sampled = trainModel(small, { ...base, patterns: 6, solverSettings: { tolerance: 1e-8 } }, defaultContext());
    expect(exact.heads[0]!.convex!.patternSource).toBe('exact');
    expect(exact.heads[0]!.info.objective).toBeLessThanOrEqual(sampled.heads[0]!.info.objective * (1 + 1e-6));
    expect(exact.heads[0]!.convex!.certificateText).toMatch(/global optimum/);
  });

  it('is deterministic: same data, options and seed give bit-identical models and histories', () => {
    for (const solver of ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'] as const) {
      const loss = solver === 'admm' ? 'hinge' : solver === 'ipm' ? 'squared' : 'bce';
      const options: TrainOptions = { ...base, solver, loss, solverSettings: solver === 'backprop' ? { epochs: 20 } : { maxIterations: 40 } };
      const a = trainModel(data, options, defaultContext(fixedClock));
      const b = trainModel(data, options, defaultContext(fixedClock));
      expect(Array.from(a.heads[0]!.network.hidden.data), solver).toEqual(Array.from(b.heads[0]!.network.hidden.data));
      expect(Array.from(a.heads[0]!.network.output), solver).toEqual(Array.from(b.heads[0]!.network.output));
      expect(a.heads[0]!.history, solver).toEqual(b.heads[0]!.history);
      const c = trainModel(data, { ...options, seed: 8 }, defaultContext(fixedClock));
      expect(Array.from(c.heads[0]!.network.output), solver).not.toEqual(Array.from(a.heads[0]!.network.output));
    }
  });

  it('trains with the interior-point solver on the logistic and hinge losses and with class weights (the conic form), certified', () => {
    const data = moons(120, 0.05, 3);
    for (const options of [{ loss: 'bce' as const }, { loss: 'hinge' as const }, { loss: 'squared' as const, classWeights: [1, 3] }]) {
      const outcome = trainModel(data, { ...base, solver: 'ipm', ...options, solverSettings: { tolerance: 1e-6 } }, defaultContext());
      const head = outcome.heads[0]!;
      expect(head.status, options.loss).toBe('solved');
      expect(head.info.relativeGap!, options.loss).toBeLessThanOrEqual(1e-6);
      expect(head.info.details![0], options.loss).toMatch(/conic program/);
    }
  });

  it('says why a sampled pattern set came out empty and what to do, instead of asking for patterns the user did ask for', () => {
    // Inputs of size 1e-6 next to the bias: each pattern is all-active or all-inactive with its
    // generator's bias coordinate, and sampling drops the all-inactive one.
    const tiny = { ...data, X: { ...data.X, data: data.X.data.map((v) => v * 1e-6) } };
    const X = appendOnesColumn(tiny.X);
    const seed = Array.from({ length: 64 }, (_, s) => s).find((s) => samplePatterns(X, 2, new Prng(s)).count === 0);
    expect(seed, 'a seed whose two sampled patterns are both all-inactive').toBeDefined();
    const message = expectConvexNetError(() => trainModel(tiny, { ...base, patterns: 2, seed: seed! }, defaultContext()), 'settings/invalid');
    expect(message).toMatch(/every sampled pattern leaves its neuron off on all training rows.*standardize the features, or sample more patterns/);
    expect(message).not.toMatch(/use at least one/);
  });

  it('rejects inconsistent options and unusable data with clear errors', () => {
    const oneClass = { ...data, y: new Float64Array(data.y.length) };
    const cases: [Parameters<typeof trainModel>[0], Partial<TrainOptions>, RegExp][] = [
      [oneClass, {}, /only one class/],
      [data, { task: 'regression' }, /prepared for binary/],
      [data, { solver: 'admm-rbcd', loss: 'hinge' }, /smooth loss/],
      [data, { solver: 'scp', formulation: 'exact' }, /exact formulation/],
      [data, { solver: 'ipm', loss: 'bce', patterns: 1500 }, /conic form \(for the logistic and hinge losses and class weights\) would factor a 9000 x 9000 system every Newton step \(2 x 3 columns x 1500 patterns; the limit is 6000\)/],
      [data, { solver: 'ipm', adversarial: { epsilon: 0.1, norm: 'linf', units: 'standardized', featureRadii: [0.1, 0.1] } }, /does not do adversarial training \(epsilon > 0\): use ADMM or ADMM-RBCD/],
      [data, { beta: 0 }, /beta/],
      [data, { patterns: 0 }, /patterns/],
      [data, { seed: -3 }, /seed/],
      [data, { solverSettings: { rho: -1 } }, /rho/],
      [moons(200, 0.1, 1), { formulation: 'exact', solverSettings: { exactPatternLimit: 50 } }, /limit|too many|sampled/i],
    ];
    for (const [d, o, message] of cases) {
      let caught: unknown;
      try {
        trainModel(d, { ...base, ...o }, defaultContext());
      } catch (e) {
        caught = e;
      }
      expect(caught, message.source).toBeInstanceOf(ConvexNetError);
      expect((caught as Error).message).toMatch(message);
    }
  });
});
