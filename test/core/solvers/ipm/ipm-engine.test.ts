import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { getLoss } from '../../../../src-core/losses';
import { samplePatterns } from '../../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../../src-core/random/prng';
import { ConeWorkingSet } from '../../../../src-core/solvers/ipm/cone-working-set';
import { IpmEngine, type IpmIterate } from '../../../../src-core/solvers/ipm/ipm-engine';
import { solveIpm } from '../../../../src-core/solvers/ipm/solve-ipm';
import { defaultContext } from '../../../../src-core/solvers/solver-types';

/** Gaussian X with a bias column (the last), Gaussian targets, P patterns sampled with their own seed. */
function regressionProblem(n: number, d: number, P: number, seed: number, patternSeed: number) {
  const rng = new Prng(seed);
  const X = createMatrix(n, d, Float64Array.from({ length: n * d }, (_, e) => (e % d === d - 1 ? 1 : rng.nextGaussian())));
  const y = Float64Array.from({ length: n }, () => rng.nextGaussian());
  return { X, y, patterns: samplePatterns(X, P, new Prng(patternSeed)) };
}

describe('IpmEngine.residuals with a sparse working set (row by row)', () => {
  it('gives the primal residual and F^T r - A^T z_lin of the n x 2P form', () => {
    const n = 400;
    const d = 4;
    const P = 8;
    const { X, y, patterns } = regressionProblem(n, d, P, 4, 5);
    // 6 rows per pattern of 400: 1.5% kept, taken row by row.
    const workingSet = ConeWorkingSet.nearGenerators(X, patterns, 6);
    const engine = new IpmEngine({ X, y, loss: getLoss('squared'), beta: 0.4, patterns }, 'direct', () => 0, workingSet);
    engine.step(engine.residuals().mu); // an iterate with every part nonzero
    const { primal } = engine.residuals();

    const m = 2 * P;
    const negZ = engine.zLin.map((z) => -z);
    const R = new Float64Array(n * m);
    engine.ops.combineForAdjoint(engine.residual, negZ, R);
    const expected = new Float64Array(m * d);
    engine.ops.adjointBlocks(R, expected);
    const scale = Math.max(...expected.map(Math.abs));
    for (let e = 0; e < expected.length; e++) expect(Math.abs(engine.residualAdjoint[e]! - expected[e]!)).toBeLessThan(1e-12 * scale);

    let linear = 0;
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < m; j++) {
        const entry = k * m + j;
        if (!workingSet.active[entry]) continue;
        const sign = patterns.masks[k * P + (j % P)] ? 1 : -1;
        linear += (engine.sLin[entry]! - sign * engine.XU[entry]!) ** 2;
      }
    }
    let cones = 0;
    const side = d + 1;
    for (let j = 0; j < m; j++) {
      cones += (engine.sSoc[j * side]! - engine.t[j]!) ** 2;
      for (let a = 0; a < d; a++) cones += (engine.sSoc[j * side + 1 + a]! - engine.u[j * d + a]!) ** 2;
    }
    expect(linear).toBeGreaterThan(0);
    expect(Math.abs(primal - Math.sqrt(linear + cones))).toBeLessThan(1e-12 * primal);
  });
});

describe('IpmEngine warm start', () => {
  it('starts every kept row at no less than its margin at the previous solution, raised pairs keeping their product', () => {
    const n = 300;
    const d = 4;
    const P = 8;
    const { X, y, patterns } = regressionProblem(n, d, P, 9, 10);
    const problem = { X, y, loss: getLoss('squared'), beta: 0.5, patterns, hasBias: true };
    let previous: IpmIterate | null = null;
    solveIpm(problem, { tolerance: 1e-4, coneRows: 'working-set' }, defaultContext(), { keep: (final) => (previous = final) });
    expect(previous).not.toBeNull();
    const from = previous!;

    // Every row now: most were left out by the previous solve's working set (s = z = 0 there).
    const engine = new IpmEngine({ ...problem, beta: 1 }, 'direct', () => 0, null, null, from);
    expect(engine.warmStarted).toBe(true);
    const m = 2 * P;
    const XU = new Float64Array(n * m);
    engine.ops.applyBlocks(from.u, XU);
    let raised = 0;
    for (let e = 0; e < n * m; e++) {
      const k = Math.floor(e / m);
      const margin = (patterns.masks[k * P + (e % m) % P] ? 1 : -1) * XU[e]!;
      const s = engine.sLin[e]!;
      const z = engine.zLin[e]!;
      expect(s).toBeGreaterThan(0);
      expect(z).toBeGreaterThan(0);
      expect(s).toBeGreaterThanOrEqual(margin - 1e-12 * Math.abs(margin));
      // The blend with the centred point s = z = c, which a raised row's product keeps.
      const blendS = 0.95 * from.sLin[e]! + (1 - 0.95) * from.coldScale;
      const blendZ = 0.95 * from.zLin[e]! + (1 - 0.95) * from.coldScale;
      if (margin > blendS) {
        raised++;
        expect(Math.abs(s * z - blendS * blendZ)).toBeLessThan(1e-12 * blendS * blendZ);
      } else {
        expect(s).toBe(blendS);
        expect(z).toBe(blendZ);
      }
    }
    // Rows the previous solve did not keep, or left slack, are among them.
    expect(raised).toBeGreaterThan(n);
  });
});
