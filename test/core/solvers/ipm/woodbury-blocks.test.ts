import { describe, expect, it } from 'vitest';
import { choleskyFactor, choleskySolve } from '../../../../src-core/linalg/cholesky';
import { setSimdKernelsEnabled } from '../../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../../src-core/random/prng';
import { WoodburyBlocks } from '../../../../src-core/solvers/ipm/woodbury-blocks';
import { positiveDefiniteBlocks } from '../../fixtures/positive-definite';

/** Runs factorBlocks, factorK for every pattern, and one solve's block work (g given), with SIMD on or off. */
function run(d: number, P: number, B: Float64Array, r: Float64Array, g: Float64Array, simd: boolean): { simd: boolean; arrays: number[][]; regularizations: number } {
  const before = setSimdKernelsEnabled(simd);
  try {
    const blocks = new WoodburyBlocks(d, P);
    const count = { regularizations: 0 };
    blocks.factorBlocks(B, count);
    const kFactors: number[] = [];
    for (let i = 0; i < P; i++) {
      blocks.factorK(i, count);
      for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) kFactors.push(blocks.square[a * d + b]!);
    }
    blocks.before(r);
    blocks.g.set(g);
    const du = new Float64Array(2 * P * d);
    blocks.after(du);
    const lower = (array: Float64Array, count: number): number[] => {
      const out: number[] = [];
      for (let j = 0; j < count; j++) for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) out.push(array[j * d * d + a * d + b]!);
      return out;
    };
    return { simd: blocks.simd, arrays: [lower(blocks.bFactors, 2 * P), lower(blocks.sums, P), Array.from(blocks.kBlocks), kFactors, Array.from(blocks.q), Array.from(blocks.a), Array.from(du)], regularizations: count.regularizations };
  } finally {
    setSimdKernelsEnabled(before);
  }
}

describe('WoodburyBlocks', () => {
  for (const [d, P] of [[1, 2], [5, 3], [31, 4]] as const) {
    it(`factors, inverts and solves with the same bits in WebAssembly and in JavaScript (d = ${d}, P = ${P})`, () => {
      const rng = new Prng(7 * d + P);
      const B = positiveDefiniteBlocks(2 * P, d, 0.5, rng);
      const r = Float64Array.from({ length: 2 * P * d }, () => rng.nextGaussian());
      const g = Float64Array.from({ length: P * d }, () => rng.nextGaussian());
      const wasm = run(d, P, B, r, g, true);
      const js = run(d, P, B, r, g, false);
      expect(wasm.simd).toBe(true);
      expect(js.simd).toBe(false);
      wasm.arrays.forEach((array, k) => expect(array).toEqual(js.arrays[k]));
      // And the solve is what it says: dw = (Bv + Bw)^{-1} (rv + rw - Bv a), dv = dw + a, a = q - K g.
      const du = wasm.arrays[6]!;
      const a = wasm.arrays[5]!;
      for (let i = 0; i < P; i++) {
        const rhs = new Float64Array(d);
        const sum = new Float64Array(d * d);
        for (let row = 0; row < d; row++) {
          rhs[row] = r[i * d + row]! + r[(P + i) * d + row]!;
          for (let c = 0; c < d; c++) {
            rhs[row]! -= B[i * d * d + row * d + c]! * a[i * d + c]!;
            sum[row * d + c] = B[i * d * d + row * d + c]! + B[(P + i) * d * d + row * d + c]!;
          }
        }
        // sum x = rhs, checked by the residual.
        for (let row = 0; row < d; row++) {
          let product = 0;
          for (let c = 0; c < d; c++) product += sum[row * d + c]! * du[(P + i) * d + c]!;
          expect(Math.abs(product - rhs[row]!)).toBeLessThan(1e-9 * (1 + Math.abs(rhs[row]!)));
          expect(du[i * d + row]).toBe(du[(P + i) * d + row]! + a[i * d + row]!);
        }
      }
    });
  }

  it('y = B^{-1} r block by block before the n x n part, and q = y_v - y_w', () => {
    const d = 4;
    const P = 2;
    const rng = new Prng(5);
    const B = positiveDefiniteBlocks(2 * P, d, 0.5, rng);
    const r = Float64Array.from({ length: 2 * P * d }, () => rng.nextGaussian());
    const blocks = new WoodburyBlocks(d, P);
    blocks.factorBlocks(B, { regularizations: 0 });
    blocks.before(r);
    for (let j = 0; j < 2 * P; j++) {
      const L = Float64Array.from(B.subarray(j * d * d, (j + 1) * d * d));
      const x = Float64Array.from(r.subarray(j * d, (j + 1) * d));
      // The reference factor from cholesky.ts (B is well conditioned: no shift changes it here
      // beyond the 1e-14 relative one the reduction always adds, applied to L's input too).
      let scale = 0;
      for (let c = 0; c < d; c++) scale = Math.max(scale, Math.abs(L[c * d + c]!));
      for (let c = 0; c < d; c++) L[c * d + c]! += 1e-14 * scale;
      choleskyFactor(L, d);
      choleskySolve(L, d, x, 0);
      for (let t = 0; t < d; t++) expect(blocks.y[j * d + t]).toBe(x[t]);
    }
    for (let t = 0; t < P * d; t++) expect(blocks.q[t]).toBe(blocks.y[t]! - blocks.y[P * d + t]!);
  });

  it('raises the diagonal of a block that is not positive definite, counting each raise, the same way in both', () => {
    const d = 3;
    const P = 1;
    // Bv singular (rank 1), Bw indefinite: each needs shifts; their sum is fine.
    const B = Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0, 0, -1e-13, 0, 0, 0, 2]);
    const r = Float64Array.from({ length: 2 * d }, (_, k) => k + 1);
    const g = Float64Array.from({ length: d }, () => 0.5);
    const wasm = run(d, P, B, r, g, true);
    const js = run(d, P, B, r, g, false);
    expect(wasm.regularizations).toBeGreaterThan(0);
    expect(wasm.regularizations).toBe(js.regularizations);
    wasm.arrays.forEach((array, k) => expect(array).toEqual(js.arrays[k]));
  });
});
