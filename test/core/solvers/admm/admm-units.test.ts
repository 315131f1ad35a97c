import { describe, expect, it } from 'vitest';
import { appendOnesColumn, createMatrix, type Matrix } from '../../../../src-core/linalg/matrix';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import type { Loss } from '../../../../src-core/losses/loss';
import { networkScores, weightDecay } from '../../../../src-core/network/forward';
import { samplePatterns } from '../../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../../src-core/random/prng';
import { solveAdmmRbcd } from '../../../../src-core/solvers/admm-rbcd/solve-admm-rbcd';
import type { AdmmState } from '../../../../src-core/solvers/admm/admm-engine';
import { AdmmUnits, nearestPowerOfTwo, targetScale } from '../../../../src-core/solvers/admm/admm-units';
import { solveAdmm, type AdmmProblem } from '../../../../src-core/solvers/admm/solve-admm';
import { defaultContext, type SolveResult } from '../../../../src-core/solvers/solver-types';
import type { AdmmSolution } from '../../../../src-core/solvers/admm/admm-problem';
import { toyBeta, toyPatternsFromTable, toyX, toyYRegression } from '../../fixtures/toy-problem';

/** A small seeded problem of unit-size data: n rows, Gaussian features plus a bias column. */
function unitProblem(loss: Loss, n = 40, features = 3, patterns = 8, seed = 5): AdmmProblem {
  const rng = new Prng(seed);
  const raw = createMatrix(n, features);
  for (let i = 0; i < raw.data.length; i++) raw.data[i] = rng.nextGaussian();
  const X = appendOnesColumn(raw);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const f = Math.max(0, raw.data[k * features]! + 0.5 * raw.data[k * features + 1]!) - 0.4 + 0.1 * rng.nextGaussian();
    y[k] = loss.labels === 'real' ? f : loss.labels === 'zero-one' ? (f > 0 ? 1 : 0) : f > 0 ? 1 : -1;
  }
  return { X, y, loss, beta: 0.05 * n, patterns: samplePatterns(X, patterns, new Prng(seed + 1)), hasBias: true };
}

/**
 * The same program in other units: X = c X', y = c_y y' (squared loss only) and
 * beta = c c_y beta'. Its solution is u = (c_y / c) u' and its objective c_y^2 times the unit one.
 * The whole X is scaled, bias column included, so the patterns (signs of X g) stay the same.
 */
function inUnits(problem: AdmmProblem, c: number, cy: number): AdmmProblem {
  const X: Matrix = { rows: problem.X.rows, cols: problem.X.cols, data: problem.X.data.map((x) => x * c) };
  const targets = problem.loss.labels === 'real' ? cy : 1;
  return { ...problem, X, y: problem.y.map((v) => v * targets), beta: problem.beta * c * targets };
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

const settings = { tolerance: 1e-6, maxIterations: 100_000 };

/** Same predictions (times c_y) and objective (times c_y^2), a bound that holds, a network that has the reported objective. */
function expectSameSolution(scaled: SolveResult<AdmmSolution>, unit: SolveResult<AdmmSolution>, problem: AdmmProblem, cy: number): void {
  expect(scaled.status).toBe('solved');
  expect(unit.status).toBe('solved');
  expect(relErr(scaled.info.objective, cy * cy * unit.info.objective)).toBeLessThan(1e-5);
  // Sampled patterns: the network may use patterns outside the program and sit a little below its
  // optimum, so the bound can exceed the objective by the tolerance, and no more.
  expect(scaled.info.lowerBound!).toBeLessThanOrEqual(scaled.info.objective * (1 + settings.tolerance));
  expect(relErr(scaled.info.lowerBound!, cy * cy * unit.info.lowerBound!)).toBeLessThan(1e-5);
  const size = Math.max(...Array.from(unit.solution.trainPredictions, Math.abs));
  scaled.solution.trainPredictions.forEach((p, k) => expect(Math.abs(p / cy - unit.solution.trainPredictions[k]!)).toBeLessThan(1e-3 * size));
  // The reported objective is the original program's: the recovered network on the original data.
  const net = scaled.solution.network;
  const direct = problem.loss.value(networkScores(net, problem.X), problem.y) + weightDecay(net, problem.beta);
  expect(relErr(direct, scaled.info.objective)).toBeLessThan(1e-9);
  const scores = networkScores(net, problem.X);
  scaled.solution.trainPredictions.forEach((p, k) => expect(Math.abs(p - scores[k]!)).toBeLessThan(1e-9 * cy * size));
  // The history is in the original units too: it ends at the reported numbers' scale.
  const last = scaled.history[scaled.history.length - 1]!;
  expect(relErr(last.objective, cy * cy * unit.history[unit.history.length - 1]!.objective)).toBeLessThan(1e-4);
}

describe('AdmmUnits: the rescaling ADMM solves in', () => {
  it('leaves targets of size 2^-2..2^2 as they are (the benchmark\'s 1.1-3.3 among them) and rescales larger or smaller ones', () => {
    for (const rms of [0.18, 0.9, 1.1, 3.3, 5.6]) expect(targetScale(rms)).toBe(1);
    expect(targetScale(6)).toBe(8);
    expect(targetScale(0.17)).toBe(0.125);
    expect(targetScale(1e3)).toBe(1024);
    // Standardized features and targets of size ~3, like the benchmark's: solved as given.
    expect(AdmmUnits.of(inUnits(unitProblem(squaredLoss), 1, 5)).identity).toBe(true);
  });

  it('picks the power of 2 nearest (in ratio) to the root-mean-square entry of X and of y (squared loss only)', () => {
    expect(nearestPowerOfTwo(1)).toBe(1);
    expect(nearestPowerOfTwo(1.4)).toBe(1);
    expect(nearestPowerOfTwo(1.5)).toBe(2);
    expect(nearestPowerOfTwo(1e6)).toBe(2 ** 20);
    expect(nearestPowerOfTwo(1e-6)).toBe(2 ** -20);
    expect(nearestPowerOfTwo(0)).toBe(1);
    const squaredProblem = inUnits(unitProblem(squaredLoss), 1e6, 1e3);
    const squared = AdmmUnits.of(squaredProblem);
    expect(squared.features).toBe(2 ** 20);
    const rmsY = Math.sqrt(squaredProblem.y.reduce((s, v) => s + v * v, 0) / squaredProblem.y.length);
    expect(Math.abs(Math.log2(squared.targets / rmsY))).toBeLessThanOrEqual(0.5);
    expect(Number.isInteger(Math.log2(squared.targets))).toBe(true);
    const hinge = AdmmUnits.of(inUnits(unitProblem(hingeLoss), 1e-6, 1e3));
    expect([hinge.features, hinge.targets]).toEqual([2 ** -20, 1]);
    // The reference problem (entries of size about 1) is solved as given.
    expect(AdmmUnits.of({ X: toyX, y: toyYRegression, loss: squaredLoss, beta: toyBeta, patterns: toyPatternsFromTable() }).identity).toBe(true);
  });

  it('maps iterates to the original units and back exactly', () => {
    const units = new AdmmUnits(2 ** 20, 2 ** -7);
    const rng = new Prng(3);
    const arr = (length: number): Float64Array => Float64Array.from({ length }, () => rng.nextGaussian());
    const state: AdmmState = { rho: 0.37, u: arr(6), v: arr(6), lambda: arr(6), s: arr(8), nu: arr(8), yhat: arr(4), omega: arr(4) };
    const back = units.stateToUnits(units.stateFromUnits(state));
    expect(back).toEqual(state);
    const original = units.stateFromUnits(state);
    expect(original.u[0]).toBe(state.u[0]! * 2 ** -27);
    expect(original.rho).toBe(0.37 * 2 ** 13);
    // rho times the scaled duals is the multiplier: of u = v times c c_y, of G u = s times c_y.
    expect(original.rho * original.lambda[0]!).toBe(state.rho * state.lambda[0]! * 2 ** 13);
    expect(original.rho * original.nu[0]!).toBe(state.rho * state.nu[0]! * 2 ** -7);
  });
});

describe('ADMM does not depend on the units of the data', () => {
  for (const [c, cy] of [[1e6, 1e3], [1e-6, 1e3]] as const) {
    it(`ADMM (Algorithm 3.1, squared loss): features x ${c}, targets x ${cy} solve to the same network`, () => {
      const unit = unitProblem(squaredLoss);
      const problem = inUnits(unit, c, cy);
      expectSameSolution(solveAdmm(problem, settings, defaultContext()), solveAdmm(unit, settings, defaultContext()), problem, cy);
    });

    it(`ADMM with loss splitting (hinge): features x ${c} solve to the same network`, () => {
      const unit = unitProblem(hingeLoss);
      const problem = inUnits(unit, c, cy);
      expectSameSolution(solveAdmm(problem, settings, defaultContext()), solveAdmm(unit, settings, defaultContext()), problem, 1);
    });

    it(`ADMM-RBCD (exact Newton, BCE; block coordinate descent, squared): features x ${c} solve to the same network`, () => {
      const bce = { ...unitProblem(bceLoss), seed: 1 };
      const scaledBce = { ...inUnits(bce, c, cy), seed: 1 };
      expectSameSolution(solveAdmmRbcd(scaledBce, settings, defaultContext()), solveAdmmRbcd(bce, settings, defaultContext()), scaledBce, 1);
      const squared = { ...unitProblem(squaredLoss), seed: 1 };
      const scaledSquared = { ...inUnits(squared, c, cy), seed: 1 };
      const rbcd = { tolerance: 1e-4, maxIterations: 20_000, innerSolver: 'rbcd' };
      const scaled = solveAdmmRbcd(scaledSquared, rbcd, defaultContext());
      expect(scaled.status).toBe('solved');
      expect(relErr(scaled.info.objective, cy * cy * solveAdmm(squared, settings, defaultContext()).info.objective)).toBeLessThan(2e-4);
    });
  }

  it('an explicit rho is in the units of beta: scaled with the data by powers of 2, the solve is the same to the bit', () => {
    // Targets outside the band on both sides (x 2^10 and x 2^15), so both runs rescale them to the same size.
    const unit = inUnits(unitProblem(squaredLoss), 1, 2 ** 10);
    const a = solveAdmm(unit, { ...settings, rho: 0.3 }, defaultContext());
    const b = solveAdmm(inUnits(unit, 2 ** 10, 2 ** 5), { ...settings, rho: 0.3 * 2 ** 15 }, defaultContext());
    expect(b.info.iterations).toBe(a.info.iterations);
    expect(b.info.objective).toBe(a.info.objective * 2 ** 10);
    expect(b.info.lowerBound).toBe(a.info.lowerBound! * 2 ** 10);
    expect(Array.from(b.solution.blocks.data)).toEqual(Array.from(a.solution.blocks.data, (x) => x * 2 ** -5));
    expect(b.info.notes.join(' ')).toMatch(/rescaled copy of the data, for accuracy\. Every number shown is in your data's own units\./);
    expect(b.info.details!.join(' ')).toMatch(/rescaled data \(features \/ 1024, targets \/ \d+, beta \/ \d+\); every number reported is in the original units/);
  });

  it('a beta path with warm starts solves on data in other units, as it does on unit data', () => {
    const unit = unitProblem(squaredLoss);
    const cy = 1e3;
    for (const c of [1e-6, 1e6]) {
      const problem = inUnits(unit, c, cy);
      let warm: AdmmSolution['warmStart'] | undefined;
      let unitWarm: AdmmSolution['warmStart'] | undefined;
      for (const factor of [1, 1.2, 1.44]) {
        const result = solveAdmm({ ...problem, beta: factor * problem.beta }, settings, defaultContext(), warm);
        const onUnit = solveAdmm({ ...unit, beta: factor * unit.beta }, settings, defaultContext(), unitWarm);
        expect(result.status).toBe('solved');
        expect(relErr(result.info.objective, cy * cy * onUnit.info.objective)).toBeLessThan(1e-5);
        // The warm start is in the original units: its blocks are the reported solution's scale.
        expect(result.solution.warmStart.beta).toBe(factor * problem.beta);
        const blockSize = (a: Float64Array): number => Math.max(...Array.from(a, Math.abs));
        expect(relErr(blockSize(result.solution.state.v), (cy / c) * blockSize(onUnit.solution.state.v))).toBeLessThan(1e-2);
        warm = result.solution.warmStart;
        unitWarm = onUnit.solution.warmStart;
      }
    }
  });
});
