import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { getLoss } from '../../../../src-core/losses';
import { samplePatterns } from '../../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../../src-core/random/prng';
import { ConeWorkingSet } from '../../../../src-core/solvers/ipm/cone-working-set';
import { IpmEngine } from '../../../../src-core/solvers/ipm/ipm-engine';

describe('IpmEngine.residuals with a sparse working set (row by row)', () => {
  it('gives the primal residual and F^T r - A^T z_lin of the n x 2P form', () => {
    const rng = new Prng(4);
    const n = 400;
    const d = 4;
    const P = 8;
    const X = createMatrix(n, d, Float64Array.from({ length: n * d }, (_, e) => (e % d === d - 1 ? 1 : rng.nextGaussian())));
    const y = Float64Array.from({ length: n }, () => rng.nextGaussian());
    const patterns = samplePatterns(X, P, new Prng(5));
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
