import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../../src-core/errors';
import { appendOnesColumn, createMatrix } from '../../../../src-core/linalg/matrix';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import { samplePatterns } from '../../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../../src-core/random/prng';
import { solveAdmmRbcd, type AdmmRbcdProblem } from '../../../../src-core/solvers/admm-rbcd/solve-admm-rbcd';
import { warmStartRho } from '../../../../src-core/solvers/admm/admm-warm-start';
import { solveAdmm, type AdmmProblem } from '../../../../src-core/solvers/admm/solve-admm';
import { defaultContext } from '../../../../src-core/solvers/solver-types';
import { toyBeta, toyPatternsFromTable, toyX, toyY01, toyYPlusMinus, toyYRegression } from '../../fixtures/toy-problem';

/** A small seeded regression problem: n rows, d - 1 Gaussian features plus a bias column. */
function randomProblem(n: number, features: number, patterns: number, seed: number): AdmmProblem {
  const rng = new Prng(seed);
  const raw = createMatrix(n, features);
  for (let i = 0; i < raw.data.length; i++) raw.data[i] = rng.nextGaussian();
  const X = appendOnesColumn(raw);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) y[k] = Math.max(0, raw.data[k * features]! + 0.5 * raw.data[k * features + 1]!) - 0.3 + 0.1 * rng.nextGaussian();
  return { X, y, loss: squaredLoss, beta: 1e-2 * n, patterns: samplePatterns(X, patterns, new Prng(seed + 1)), hasBias: true };
}

const certified = { tolerance: 1e-7, maxIterations: 200000, epsAbs: 0, epsRel: 0 };

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('ADMM warm start (regularization path over beta)', () => {
  it('a warm start from a nearby beta reaches the cold optimum in fewer iterations (toy problem)', () => {
    const base: AdmmProblem = { X: toyX, y: toyYRegression, loss: squaredLoss, beta: toyBeta, patterns: toyPatternsFromTable(), hasBias: true };
    const first = solveAdmm(base, certified, defaultContext());
    const next = { ...base, beta: 1.2 * toyBeta };
    const cold = solveAdmm(next, certified, defaultContext());
    const warm = solveAdmm(next, certified, defaultContext(), first.solution.warmStart);
    expect(cold.status).toBe('solved');
    expect(warm.status).toBe('solved');
    expect(relErr(warm.info.objective, cold.info.objective)).toBeLessThan(1e-6);
    expect(warm.info.iterations).toBeLessThan(cold.info.iterations);
    expect(warm.solution.warmStart.beta).toBe(1.2 * toyBeta);
  });

  it('works for the loss-splitting variant (hinge)', () => {
    const base: AdmmProblem = { X: toyX, y: toyYPlusMinus, loss: hingeLoss, beta: toyBeta, patterns: toyPatternsFromTable(), hasBias: true };
    const settings = { tolerance: 1e-6, maxIterations: 200000, epsAbs: 0, epsRel: 0 };
    const first = solveAdmm(base, settings, defaultContext());
    const next = { ...base, beta: 1.1 * toyBeta };
    const cold = solveAdmm(next, settings, defaultContext());
    const warm = solveAdmm(next, settings, defaultContext(), first.solution.warmStart);
    expect(relErr(warm.info.objective, cold.info.objective)).toBeLessThan(1e-5);
    expect(warm.info.iterations).toBeLessThan(cold.info.iterations);
  });

  it('ADMM-RBCD takes a warm start too and reaches the cold optimum in fewer iterations (BCE, Newton inner solver)', () => {
    const base: AdmmRbcdProblem = { X: toyX, y: toyY01, loss: bceLoss, beta: toyBeta, patterns: toyPatternsFromTable(), hasBias: true, seed: 1 };
    const settings = { tolerance: 1e-7, maxIterations: 50000, epsAbs: 0, epsRel: 0, innerSolver: 'newton' };
    const first = solveAdmmRbcd(base, settings, defaultContext());
    const next = { ...base, beta: 1.2 * toyBeta };
    const cold = solveAdmmRbcd(next, settings, defaultContext());
    const warm = solveAdmmRbcd(next, settings, defaultContext(), first.solution.warmStart);
    expect(cold.status).toBe('solved');
    expect(warm.status).toBe('solved');
    expect(relErr(warm.info.objective, cold.info.objective)).toBeLessThan(1e-6);
    expect(warm.info.iterations).toBeLessThan(cold.info.iterations);
  });

  it('rho follows beta unless a rho is requested, and the duals keep their unscaled values', () => {
    const base: AdmmProblem = { X: toyX, y: toyYRegression, loss: squaredLoss, beta: toyBeta, patterns: toyPatternsFromTable(), hasBias: true };
    const first = solveAdmm(base, { maxIterations: 50, adaptiveRho: false, rho: 0.3 }, defaultContext());
    const warm = first.solution.warmStart;
    expect(warmStartRho(warm, 2 * toyBeta, 0)).toBeCloseTo(0.6, 12);
    expect(warmStartRho(warm, 2 * toyBeta, 5)).toBe(5);
    // One fixed-rho iteration from the warm start at rho 0.6 equals one from the same iterates with
    // the scaled duals halved (same unscaled multipliers).
    const next = { ...base, beta: 2 * toyBeta };
    const viaApi = solveAdmm(next, { maxIterations: 1, adaptiveRho: false }, defaultContext(), warm);
    const halved = { ...warm.state, rho: 0.6, lambda: warm.state.lambda.map((x) => x / 2), nu: warm.state.nu.map((x) => x / 2) };
    const byHand = solveAdmm({ ...next, warmStart: halved }, { maxIterations: 1, adaptiveRho: false }, defaultContext());
    expect(Array.from(viaApi.solution.blocks.data)).toEqual(Array.from(byHand.solution.blocks.data));
    expect(viaApi.info.details!.join(' ')).toMatch(/final rho 0\.600/);
  });

  it('refuses a warm start from other data, patterns or variant with a ConvexNetError', () => {
    const toy: AdmmProblem = { X: toyX, y: toyYRegression, loss: squaredLoss, beta: toyBeta, patterns: toyPatternsFromTable(), hasBias: true };
    const fromToy = solveAdmm(toy, { maxIterations: 20 }, defaultContext()).solution.warmStart;
    const other = randomProblem(30, 2, 4, 3);
    const hinge = { ...toy, y: toyYPlusMinus, loss: hingeLoss };
    const nan = { ...fromToy, state: { ...fromToy.state, v: fromToy.state.v.map(() => Number.NaN) } };
    for (const [problem, warm, message] of [
      [other, fromToy, /same data rows, the same activation patterns/],
      [hinge, fromToy, /same ADMM variant/],
      [toy, nan, /NaN/],
    ] as const) {
      let caught: unknown;
      try {
        solveAdmm(problem, { maxIterations: 5 }, defaultContext(), warm);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ConvexNetError);
      expect((caught as ConvexNetError).code).toBe('solver/invalid-warm-start');
      expect((caught as Error).message).toMatch(message);
    }
  });
});
