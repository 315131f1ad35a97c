import { describe, expect, it } from 'vitest';
import { defaultContext, type ProgressEvent } from '../../../src-core/solvers/solver-types';
import { logGrid } from '../../../src-core/training/beta-path';
import { combineFoldPaths, crossValidate, crossValidateFoldPath, crossValidatePath, foldDataset, foldDatasets, type CrossValidatedPath } from '../../../src-core/training/cross-validation';
import { selectPathPoint } from '../../../src-core/training/select-path-point';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { blobs, curve, moons } from '../fixtures/synthetic';

/** The beta a sweep with cross-validation chooses (the app's sweep worker and `convexnet sweep` alike). */
const chosenByCv = (path: CrossValidatedPath) => selectPathPoint(path.reports.map((r) => ({ beta: r.beta, score: r.metrics[0]!.mean })), 'cv', path.reports[0]!.folds);

const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 10, beta: 0.05, bias: true, seed: 2, solverSettings: { tolerance: 1e-3 } };

describe('cross-validation', () => {
  it('splits into k stratified folds that cover every row once', () => {
    const data = blobs(60, 3, 0.3, 1);
    const folds = foldDatasets(data, 5, 9);
    expect(folds).toHaveLength(5);
    expect(folds.reduce((s, f) => s + f.test.X.rows, 0)).toBe(60);
    for (const f of folds) {
      expect(f.train.X.rows + f.test.X.rows).toBe(60);
      for (let c = 0; c < 3; c++) expect(f.test.y.filter((v) => v === c).length).toBe(4);
    }
  });

  it('reports mean and spread of every metric over the folds', () => {
    const report = crossValidate(moons(60, 0.1, 3), options, 3, 7, defaultContext());
    expect(report.folds).toBe(3);
    expect(report.stratified).toBe(true);
    expect(report.metrics.map((m) => m.key)).toEqual(['accuracy', 'balancedAccuracy', 'macroF1', 'rocAuc', 'logLoss']);
    const accuracy = report.metrics[0]!;
    expect(accuracy.values).toHaveLength(3);
    const mean = accuracy.values.reduce<number>((s, v) => s + v!, 0) / 3;
    expect(accuracy.mean).toBeCloseTo(mean, 12);
    expect(accuracy.std).not.toBeNull();
  });

  it('uses regression metrics (R² first) and plain folds for regression', () => {
    const report = crossValidate(curve(40, 0.05, 2), { ...options, task: 'regression', beta: 0.01 }, 4, 1, defaultContext());
    expect(report.stratified).toBe(false);
    expect(report.metrics[0]!.key).toBe('r2');
    expect(report.metrics[0]!.mean!).toBeGreaterThan(0.5);
  });

  it('chooses the same beta again with the same seed', () => {
    const data = moons(60, 0.2, 4);
    const betas = logGrid(1e-3, 10, 4);
    const first = crossValidatePath(data, options, betas, 3, 11, defaultContext());
    const second = crossValidatePath(data, options, betas, 3, 11, defaultContext());
    const chosen = chosenByCv(first);
    expect(chosenByCv(second)).toEqual(chosen);
    expect(second.reports.map((r) => r.metrics[0]!.values)).toEqual(first.reports.map((r) => r.metrics[0]!.values));
    const best = first.reports[chosen.index]!.metrics[0]!.mean!;
    for (const r of first.reports) expect(r.metrics[0]!.mean!).toBeLessThanOrEqual(best);
  });

  it('reports progress staged by fold, then beta, over the whole run', () => {
    const events: ProgressEvent[] = [];
    crossValidatePath(moons(60, 0.2, 4), options, logGrid(1e-3, 10, 4), 3, 11, defaultContext({ onProgress: (e) => events.push(e) }));
    const where = events.map((e) => e.stages!.map((s) => `${s.name} ${s.index + 1}/${s.count}`).join(', '));
    // Every fold solves every beta, folds in order and, within a fold, the path's order.
    const visited = where.filter((w, k) => w !== where[k - 1]);
    expect(visited).toEqual([1, 2, 3].flatMap((f) => [1, 2, 3, 4].map((b) => `fold ${f}/3, beta ${b}/4`)));
    for (let k = 1; k < events.length; k++) expect(events[k]!.fraction).toBeGreaterThanOrEqual(events[k - 1]!.fraction);
    expect(events.at(-1)!.fraction).toBeLessThanOrEqual(1);
    expect(events[0]!.fraction).toBeLessThan(1 / 12);
  });

  it('gives the same report from its folds solved one by one, in any order, as in one run', () => {
    const data = moons(60, 0.2, 4);
    const betas = logGrid(1e-3, 10, 3);
    const whole = crossValidatePath(data, options, betas, 3, 11, defaultContext());
    const byFold = [2, 0, 1].map((f) => ({ f, result: crossValidateFoldPath(data, options, betas, 3, 11, f, defaultContext()) }));
    const inOrder = byFold.sort((a, b) => a.f - b.f).map((x) => x.result);
    expect(combineFoldPaths('binary', betas, 3, 11, inOrder)).toEqual(whole);
    expect(() => foldDataset(data, 3, 11, 3)).toThrow(/no fold 3 of 3/);
    expect(foldDataset(data, 3, 11, 1)).toEqual(foldDatasets(data, 3, 11)[1]);
  });

  it('marks a report cancelled when folds are missing or one stopped early, with the values it has', () => {
    const betas = [0.01, 0.1];
    const done = { points: [{ heldOut: { accuracy: 0.9 }, fitted: { accuracy: 1 } }, null], cancelled: true };
    const [first, second] = combineFoldPaths('binary', betas, 3, 1, [done]).reports;
    expect(first!.status).toBe('cancelled');
    expect(first!.metrics[0]!.values).toEqual([0.9]);
    expect(second!.metrics[0]!.values).toEqual([]);
    expect(second!.metrics[0]!.mean).toBeNull();
  });

  it('explains an invalid number of folds', () => {
    expect(() => crossValidate(moons(20, 0.1, 1), options, 1, 1, defaultContext())).toThrow(/from 2 to 20/);
  });

  it('refuses a class with a single row, naming it, before any fold trains (a fold would train without it)', () => {
    const data = moons(20, 0.1, 1);
    const y = Float64Array.from(data.y, () => 0);
    y[7] = 1;
    const lonely = { ...data, y, classNames: ['common', 'rare'] };
    let trained = 0;
    const counting = defaultContext({ onProgress: () => void trained++ });
    expect(() => crossValidate(lonely, options, 3, 1, counting)).toThrow(/at least 2 training rows of every class: .* class "rare" has only 1/);
    expect(trained).toBe(0);
    // Two rows are enough: each fold then trains on both classes.
    y[8] = 1;
    expect(foldDatasets(lonely, 2, 1).every((fold) => new Set(fold.train.y).size === 2)).toBe(true);
  });
});
