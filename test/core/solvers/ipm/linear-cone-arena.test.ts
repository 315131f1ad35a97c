import { describe, expect, it } from 'vitest';
import { setSimdKernelsEnabled } from '../../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../../src-core/random/prng';
import { ARENA_ARRAYS, LinearConeArena } from '../../../../src-core/solvers/ipm/linear-cone-arena';

/** Every pass once, on the same random state, with SIMD on or off; returns every array and scalar result. */
function runPasses(simd: boolean, entries: number, seed: number): { wasm: boolean; arrays: number[][]; scalars: number[] } {
  const before = setSimdKernelsEnabled(simd);
  try {
    const rng = new Prng(seed);
    const arena = new LinearConeArena(entries);
    const a = arena.arrays;
    for (const name of ARENA_ARRAYS) for (let e = 0; e < entries; e++) a[name][e] = rng.nextGaussian();
    // Positive where the method keeps them positive.
    for (let e = 0; e < entries; e++) {
      a.dLin[e] = 0.1 + Math.abs(a.dLin[e]!);
      a.lambdaLin[e] = 0.1 + Math.abs(a.lambdaLin[e]!);
    }
    const keptList: number[] = [];
    for (let e = 0; e < entries; e++) if (rng.nextFloat() < 0.6) keptList.push(e);
    const kept = Int32Array.from(keptList);
    arena.setKept(kept, Float64Array.from(kept, () => (rng.nextFloat() < 0.5 ? 1 : -1)));
    const scalars: number[] = [];
    arena.refresh();
    arena.predictor();
    scalars.push(arena.gapAffine(0.37));
    arena.corrector(0.02);
    arena.kktSigned(1);
    arena.kktSigned(0);
    arena.kktSlack(1);
    scalars.push(arena.boundary(Infinity), arena.boundary(1e-9));
    // A step short of the boundary keeps every square root real.
    arena.takeStep(0.5 * Math.min(1, arena.boundary(Infinity)));
    return { wasm: arena.wasm, arrays: ARENA_ARRAYS.map((name) => Array.from(a[name])), scalars };
  } finally {
    setSimdKernelsEnabled(before);
  }
}

describe('LinearConeArena', () => {
  for (const entries of [1, 7, 1000]) {
    it(`runs every pass over the kept entries with the same bits in WebAssembly and JavaScript (${entries} entries)`, () => {
      const wasm = runPasses(true, entries, entries);
      const js = runPasses(false, entries, entries);
      expect(wasm.wasm).toBe(true);
      expect(js.wasm).toBe(false);
      expect(wasm.scalars).toEqual(js.scalars);
      wasm.arrays.forEach((array, k) => expect(array, ARENA_ARRAYS[k]).toEqual(js.arrays[k]));
    });
  }

  it('touches only the kept entries, and computes what each pass says', () => {
    const arena = new LinearConeArena(4);
    const a = arena.arrays;
    a.dLin.set([2, 4, 1, 1]);
    a.lambdaLin.set([1, 3, 5, 7]);
    a.rzLin.set([1, 1, 1, 1]);
    a.qLin.set([0, 0, 0, 0]);
    arena.setKept(Int32Array.from([1, 3]), Float64Array.from([-1, 1]));
    arena.refresh();
    expect(Array.from(a.cLin)).toEqual([0, 1 / 16, 0, 1]);
    arena.predictor();
    expect(Array.from(a.qLin)).toEqual([0, -3, 0, -7]);
    arena.kktSigned(2);
    // Entry 1: -1 * ((-2 / 4 + 3) / 4); entry 3: 1 * ((-2 / 1 + 7) / 1).
    expect(Array.from(a.signed)).toEqual([0, -((-2 / 4 + 3) / 4), 0, 5]);
    a.dsLin.set([0, -1, 0, 2]);
    a.dzLin.set([0, 0.5, 0, -7]);
    // Entry 1 reaches 0 at 3, entry 3 at 1.
    expect(arena.boundary(Infinity)).toBe(1);
    expect(arena.boundary(0.5)).toBe(0.5);
  });
});
