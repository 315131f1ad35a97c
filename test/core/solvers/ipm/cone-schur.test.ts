import { describe, expect, it } from 'vitest';
import { setSimdKernelsEnabled } from '../../../../src-core/linalg/simd-kernels';
import { coneSchurBlock, coneSchurLength } from '../../../../src-core/solvers/ipm/cone-schur';
import { ConeSchurKernel } from '../../../../src-core/solvers/ipm/cone-schur-kernel';
import { ntScaling, wInverseMatrix } from '../../../../src-core/solvers/ipm/second-order-cone';
import { Prng } from '../../../../src-core/random/prng';

/** A point strictly inside the cone of dimension d + 1, `depth` above its boundary (relative). */
function interior(d: number, depth: number, rng: Prng): Float64Array {
  const x = Float64Array.from({ length: d + 1 }, () => rng.nextGaussian());
  let tail = 0;
  for (let p = 1; p <= d; p++) tail += x[p]! * x[p]!;
  x[0] = Math.sqrt(tail) * (1 + depth);
  return x;
}

/** An NT scaling (eta, v) of a random pair, near the boundary for a small depth. */
function scaling(d: number, depth: number, seed: number): { eta: number; v: Float64Array } {
  const rng = new Prng(seed);
  const s = interior(d, depth, rng);
  const z = interior(d, depth, rng);
  const v = new Float64Array(d + 1);
  const eta = ntScaling(s, 0, z, 0, d + 1, v, 0);
  return { eta, v };
}

describe('coneSchurBlock', () => {
  it('is the Schur complement of Omega = W^{-2} on u and its t row, against the dense W^{-1}', () => {
    for (const depth of [1, 1e-3]) {
      const d = 5;
      const side = d + 1;
      const { eta, v } = scaling(d, depth, 3);
      const Rinv = new Float64Array(side * side);
      wInverseMatrix(eta, v, 0, side, Rinv, 0);
      const omega = (p: number, q: number): number => {
        let sum = 0;
        for (let k = 0; k < side; k++) sum += Rinv[p * side + k]! * Rinv[k * side + q]!;
        return sum;
      };
      const out = new Float64Array(coneSchurLength(d));
      coneSchurBlock(eta, v, 0, d, new Float64Array(side * side), new Float64Array(d * side), out, 0);
      const scale = omega(0, 0);
      expect(Math.abs(out[0]! - scale) / scale).toBeLessThan(1e-12);
      for (let a = 0; a < d; a++) {
        expect(Math.abs(out[1 + a]! - omega(0, 1 + a)) / scale).toBeLessThan(1e-12);
        for (let b = 0; b <= a; b++) {
          const expected = omega(1 + a, 1 + b) - (omega(1 + a, 0) * omega(0, 1 + b)) / omega(0, 0);
          expect(Math.abs(out[1 + d + a * d + b]! - expected) / scale).toBeLessThan(1e-10);
        }
      }
    }
  });
});

describe('ConeSchurKernel', () => {
  it('gives the bits of coneSchurBlock with and without WebAssembly, for odd and even d, deep and near the boundary', () => {
    for (const d of [1, 2, 3, 8, 31]) {
      for (const depth of [1, 1e-6]) {
        const { eta, v } = scaling(d, depth, 10 * d + (depth < 1 ? 1 : 0));
        // The cone's entries at an offset in a longer array, as the Newton system passes them.
        const at = 3;
        const vs = new Float64Array(at + d + 1 + 2);
        vs.set(v, at);
        const side = d + 1;
        const expected = new Float64Array(coneSchurLength(d));
        coneSchurBlock(eta, vs, at, d, new Float64Array(side * side), new Float64Array(d * side), expected, 0);
        for (const simd of [true, false]) {
          const before = setSimdKernelsEnabled(simd);
          try {
            const kernel = new ConeSchurKernel(d);
            expect(kernel.simd).toBe(simd);
            const got = kernel.compute(eta, vs, at);
            for (let a = 0; a < d; a++) {
              expect(got[0]).toBe(expected[0]);
              expect(got[1 + a]).toBe(expected[1 + a]);
              for (let b = 0; b <= a; b++) expect(got[1 + d + a * d + b]).toBe(expected[1 + d + a * d + b]);
            }
          } finally {
            setSimdKernelsEnabled(before);
          }
        }
      }
    }
  });
});
