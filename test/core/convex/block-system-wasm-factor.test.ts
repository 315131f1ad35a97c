import { afterEach, describe, expect, it } from 'vitest';
import { factorBlockSystem } from '../../../src-core/convex/block-system';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { setSimdKernelsEnabled } from '../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../src-core/random/prng';

/**
 * The large factor of the block system (K on the direct path, S on the Woodbury path) lives in
 * WebAssembly memory when SIMD is available and its order is >= 64. Its factorization and solves
 * are bit-identical to the JavaScript path, also after a rho change (setCoefficient).
 */
function problem(seed: number, n: number, d: number, P: number) {
  const rng = new Prng(seed);
  const X = createMatrix(n, d);
  for (let i = 0; i < n * d; i++) X.data[i] = rng.nextGaussian();
  const masks = Uint8Array.from({ length: n * P }, () => (rng.nextGaussian() > 0 ? 1 : 0));
  return { X, patterns: { n, count: P, masks } };
}

describe('block system with the WebAssembly Cholesky factor', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  // Direct: dP = 105 with n = 230; Woodbury: n = 90 with dP = 140 (both orders >= 64, not multiples of 4).
  for (const [path, n, d, P] of [['direct', 230, 7, 15], ['woodbury', 90, 7, 20]] as const) {
    it(`${path}: same solutions with SIMD on and off, before and after setCoefficient`, () => {
      const { X, patterns } = problem(n + P, n, d, P);
      const solveAll = (simd: boolean): number[][] => {
        setSimdKernelsEnabled(simd);
        const system = factorBlockSystem(X, patterns, 0.8, { path });
        expect(system.path).toBe(path);
        expect(system.factorBackend).toBe(simd ? 'wasm-simd' : 'javascript');
        const r = Float64Array.from({ length: system.size }, (_, i) => Math.sin(0.37 * i));
        const out: number[][] = [];
        for (const c of [0.8, 3, 0.05]) {
          if (c !== system.c) system.setCoefficient(c);
          const u = new Float64Array(system.size);
          system.solve(r, u);
          out.push(Array.from(u));
        }
        return out;
      };
      const simd = solveAll(true);
      const scalar = solveAll(false);
      expect(simd).toEqual(scalar);
      expect(simd[0]).not.toEqual(simd[1]); // the coefficient change reached the factor
    });
  }
});
