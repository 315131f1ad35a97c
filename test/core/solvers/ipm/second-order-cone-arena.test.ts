import { describe, expect, it } from 'vitest';
import { setSimdKernelsEnabled } from '../../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../../src-core/random/prng';
import { CONE_ARRAYS, SecondOrderConeArena } from '../../../../src-core/solvers/ipm/second-order-cone-arena';
import { maxConeStep, ntScaling } from '../../../../src-core/solvers/ipm/second-order-cone';

/** A point strictly inside the cone of dimension m at `at`, `depth` above its boundary (relative). */
function interior(x: Float64Array, at: number, m: number, depth: number, rng: Prng): void {
  let tail = 0;
  for (let p = 1; p < m; p++) {
    x[at + p] = rng.nextGaussian();
    tail += x[at + p]! ** 2;
  }
  x[at] = Math.sqrt(tail) * (1 + depth);
}

/** Every pass once on the same random state, SIMD on or off; every array and scalar afterwards. */
function runPasses(simd: boolean, count: number, d: number, depth: number, seed: number): { wasm: boolean; arrays: number[][]; scalars: number[] } {
  const before = setSimdKernelsEnabled(simd);
  try {
    const rng = new Prng(seed);
    const arena = new SecondOrderConeArena(count, d);
    const a = arena.arrays;
    const side = d + 1;
    for (const name of ['dsSoc', 'dzSoc', 'qSoc', 'rzSoc', 'dxT', 'bxT', 'dxU', 'coneWork', 'coneWork2'] as const) for (let k = 0; k < a[name].length; k++) a[name][k] = rng.nextGaussian();
    const s = new Float64Array(side);
    const z = new Float64Array(side);
    for (let j = 0; j < count; j++) {
      interior(a.lambdaSoc, j * side, side, depth, rng);
      interior(s, 0, side, depth, rng);
      interior(z, 0, side, depth, rng);
      a.eta[j] = ntScaling(s, 0, z, 0, side, a.v, j * side);
    }
    const scalars: number[] = [];
    arena.rightHandSide(1);
    arena.rightHandSide(0);
    arena.slackDirection(0.5);
    scalars.push(arena.gapAffine(0.3, 1.25));
    arena.corrector(0.01);
    const reach = arena.boundary(Infinity);
    scalars.push(reach, arena.boundary(1e-9));
    // A step inside every cone keeps the scaling update's square roots real.
    let safe = Infinity;
    for (let j = 0; j < count; j++) safe = Math.min(safe, maxConeStep(a.lambdaSoc, j * side, a.dsSoc, j * side, side), maxConeStep(a.lambdaSoc, j * side, a.dzSoc, j * side, side));
    arena.takeStep(0.5 * Math.min(1, safe));
    return { wasm: arena.wasm, arrays: CONE_ARRAYS.map((name) => Array.from(a[name])), scalars };
  } finally {
    setSimdKernelsEnabled(before);
  }
}

describe('SecondOrderConeArena', () => {
  for (const [count, d, depth] of [[1, 1, 1], [4, 3, 0.5], [64, 31, 1e-3], [16, 8, 1e-7]] as const) {
    it(`runs every cone pass with the same bits in WebAssembly and JavaScript (${count} cones of ${d + 1}, depth ${depth})`, () => {
      const wasm = runPasses(true, count, d, depth, 7 * count + d);
      const js = runPasses(false, count, d, depth, 7 * count + d);
      expect(wasm.wasm).toBe(true);
      expect(js.wasm).toBe(false);
      expect(wasm.scalars).toEqual(js.scalars);
      wasm.arrays.forEach((array, k) => expect(array, CONE_ARRAYS[k]).toEqual(js.arrays[k]));
    });
  }

  it('finds the largest step to a cone\'s boundary, and steps inside keep lambda in the cone', () => {
    // One cone of dimension 2: lambda = (2, 1), ds = (-1, 0) reaches the boundary at t = 1
    // ((2 - t)^2 = 1), dz = (0, 1) at t = 1 (2^2 = (1 + t)^2).
    const arena = new SecondOrderConeArena(1, 1);
    const a = arena.arrays;
    a.lambdaSoc.set([2, 1]);
    a.dsSoc.set([-1, 0]);
    a.dzSoc.set([0, 1]);
    expect(arena.boundary(Infinity)).toBeCloseTo(1, 14);
    expect(arena.boundary(0.25)).toBe(0.25);
  });
});
