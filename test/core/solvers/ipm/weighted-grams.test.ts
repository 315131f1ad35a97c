import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { setSimdKernelsEnabled } from '../../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../../src-core/random/prng';
import { packedIndex, WeightedGrams } from '../../../../src-core/solvers/ipm/weighted-grams';

/** X^T diag(c_j) X entry by entry. */
function naiveGram(x: Float64Array, n: number, d: number, c: Float64Array, m: number, j: number, a: number, b: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += c[k * m + j]! * x[k * d + a]! * x[k * d + b]!;
  return sum;
}

function check(n: number, d: number, m: number, seed: number): void {
  const rng = new Prng(seed);
  const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
  const c = Float64Array.from({ length: n * m }, () => 10 ** (4 * rng.nextFloat() - 2));
  const grams = new WeightedGrams(X, m);
  grams.compute(c);
  expect(grams.packedSize).toBe((d * (d + 1)) / 2);
  let worst = 0;
  for (let j = 0; j < m; j++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const expected = naiveGram(X.data, n, d, c, m, j, a, b);
        const scale = Math.sqrt(naiveGram(X.data, n, d, c, m, j, a, a) * naiveGram(X.data, n, d, c, m, j, b, b));
        worst = Math.max(worst, Math.abs(grams.packed[packedIndex(a, b) * m + j]! - expected) / scale);
      }
    }
  }
  expect(worst).toBeLessThan(1e-12);
  // A second call with other weights overwrites, never accumulates.
  const c2 = Float64Array.from({ length: n * m }, () => rng.nextFloat());
  grams.compute(c2);
  expect(grams.packed[packedIndex(d - 1, 0) * m + m - 1]).toBeCloseTo(naiveGram(X.data, n, d, c2, m, m - 1, d - 1, 0), 10);
}

describe('WeightedGrams', () => {
  it('packs the lower triangle row by row', () => {
    expect([packedIndex(0, 0), packedIndex(1, 0), packedIndex(1, 1), packedIndex(2, 0), packedIndex(3, 3)]).toEqual([0, 1, 2, 3, 9]);
  });

  it('equals X^T diag(c_j) X for every block, on the SIMD and the JavaScript kernels', () => {
    for (const simd of [true, false]) {
      const before = setSimdKernelsEnabled(simd);
      try {
        check(37, 5, 6, 3);
        // More rows than one chunk of outer products holds (1 << 20 doubles / 1326 = 790 rows).
        check(2000, 51, 4, 4);
      } finally {
        setSimdKernelsEnabled(before);
      }
    }
  });

  it('gives the same bits with the outer products pinned in WebAssembly, rebuilt in JavaScript, and chunk by chunk', () => {
    const rng = new Prng(12);
    for (const [n, d, m] of [[600, 31, 128], [900, 51, 8]] as const) {
      const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
      const c = Float64Array.from({ length: n * m }, () => 10 ** (4 * rng.nextFloat() - 2));
      const results = [true, false].map((simd) => {
        const before = setSimdKernelsEnabled(simd);
        try {
          const grams = new WeightedGrams(X, m);
          grams.compute(c);
          // Twice: the outer products built once serve every call.
          grams.compute(c);
          return Array.from(grams.packed);
        } finally {
          setSimdKernelsEnabled(before);
        }
      });
      expect(results[0]).toEqual(results[1]);
    }
  });

  it('sums over the rows kept for each block only (computeRows), whatever their count modulo four', () => {
    const rng = new Prng(9);
    const n = 40;
    const d = 6;
    const m = 8;
    const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
    const c = Float64Array.from({ length: n * m }, () => 10 ** (4 * rng.nextFloat() - 2));
    // Block j keeps j + (j > 3 ? 6 : 0) rows: 0 to 3 and 10 to 13 (groups of four and remainders).
    const rows = Array.from({ length: m }, (_, j) => Int32Array.from({ length: j + (j > 3 ? 6 : 0) }, (_, q) => (3 * q + j) % n).sort());
    const grams = new WeightedGrams(X, m);
    grams.computeRows(c, rows);
    for (let j = 0; j < m; j++) {
      for (let a = 0; a < d; a++) {
        for (let b = 0; b <= a; b++) {
          let expected = 0;
          for (const k of rows[j]!) expected += c[k * m + j]! * X.data[k * d + a]! * X.data[k * d + b]!;
          expect(grams.packed[packedIndex(a, b) * m + j]).toBeCloseTo(expected, 11);
        }
      }
    }
  });
});
