import { afterEach, describe, expect, it } from 'vitest';
import { factorBlockSystem } from '../../../src-core/convex/block-system';
import { multiplyXB, multiplyXtR } from '../../../src-core/linalg/kernels';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { setSimdKernelsEnabled, simdKernels } from '../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../src-core/random/prng';

function randomMatrix(rng: Prng, rows: number, cols: number): Matrix {
  const m = createMatrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian();
  return m;
}

function randomArray(rng: Prng, length: number): Float64Array {
  return Float64Array.from({ length }, () => rng.nextGaussian());
}

/** Both kernels on the SIMD path and on the scalar path. */
function bothPaths(X: Matrix, B: Float64Array, R: Float64Array, m: number): { simd: Float64Array[]; scalar: Float64Array[] } {
  const run = (on: boolean): Float64Array[] => {
    setSimdKernelsEnabled(on);
    const xb = new Float64Array(X.rows * m).fill(Number.NaN);
    const xtr = new Float64Array(X.cols * m).fill(Number.NaN);
    multiplyXB(X, B, m, xb);
    multiplyXtR(X, R, m, xtr);
    return [xb, xtr];
  };
  return { simd: run(true), scalar: run(false) };
}

describe('WebAssembly SIMD kernels', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  it('are available in this runtime (Node with WebAssembly SIMD)', () => {
    expect(simdKernels()).not.toBeNull();
  });

  it('give bit-identical results to the scalar kernels, remainders and row chunks included', () => {
    const rng = new Prng(11);
    // n below / at / above 4 and across the 256-row chunks; d and m not multiples of 4; m < 4.
    const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 2], [4, 4, 4], [5, 3, 6], [8, 3, 10], [103, 51, 64], [600, 31, 128], [777, 7, 18], [260, 2, 3]];
    for (const [n, d, m] of shapes) {
      const X = randomMatrix(rng, n, d);
      const { simd, scalar } = bothPaths(X, randomArray(rng, d * m), randomArray(rng, n * m), m);
      expect(Array.from(simd[0]!)).toEqual(Array.from(scalar[0]!));
      expect(Array.from(simd[1]!)).toEqual(Array.from(scalar[1]!));
    }
  });

  it('do not read stale memory: a smaller padded product after a larger one is still exact', () => {
    const rng = new Prng(5);
    const big = randomMatrix(rng, 300, 12);
    bothPaths(big, randomArray(rng, 12 * 16), randomArray(rng, 300 * 16), 16);
    // d = 5 and m = 6 are padded to 8 inside the kernel; the pad must be zero, not old data.
    const small = randomMatrix(rng, 50, 5);
    const { simd, scalar } = bothPaths(small, randomArray(rng, 5 * 6), randomArray(rng, 50 * 6), 6);
    expect(Array.from(simd[1]!)).toEqual(Array.from(scalar[1]!));
    expect(Array.from(simd[0]!)).toEqual(Array.from(scalar[0]!));
  });

  it('form the direct u-update system exactly as the scalar kernels do (bit-identical solves)', () => {
    const rng = new Prng(3);
    for (const [n, d, P] of [[40, 3, 5], [700, 9, 12], [1500, 13, 7]] as const) {
      const X = randomMatrix(rng, n, d);
      const masks = Uint8Array.from({ length: n * P }, () => (rng.nextGaussian() > 0 ? 1 : 0));
      const solveWith = (on: boolean): Float64Array => {
        setSimdKernelsEnabled(on);
        const system = factorBlockSystem(X, { n, count: P, masks }, 0.7, { path: 'direct' });
        const u = new Float64Array(system.size);
        system.solve(Float64Array.from({ length: system.size }, (_, i) => Math.cos(i)), u);
        return u;
      };
      expect(Array.from(solveWith(true))).toEqual(Array.from(solveWith(false)));
    }
  });

  it('fall back to the scalar kernels when turned off', () => {
    expect(setSimdKernelsEnabled(false)).toBe(true);
    expect(simdKernels()).toBeNull();
    expect(setSimdKernelsEnabled(true)).toBe(false);
    expect(simdKernels()).not.toBeNull();
  });
});
