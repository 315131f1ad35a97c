import { Matrix as DenseMatrix, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { GramShiftInverse, gramShiftCost, gramShiftForm } from '../../../src-core/convex/gram-shift-inverse';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { Prng } from '../../../src-core/random/prng';

function randomX(n: number, d: number, seed: number, scale = 1): Matrix {
  const rng = new Prng(seed);
  return createMatrix(n, d, Float64Array.from({ length: n * d }, () => scale * rng.nextGaussian()));
}

/** (I + X^T X)^{-1} by ml-matrix's LU, the independent reference. */
function denseInverseM(X: Matrix): DenseMatrix {
  const x = new DenseMatrix(X.rows, X.cols);
  for (let k = 0; k < X.rows; k++) for (let a = 0; a < X.cols; a++) x.set(k, a, X.data[k * X.cols + a]!);
  return inverse(DenseMatrix.eye(X.cols).add(x.transpose().mmul(x)));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('GramShiftInverse: (I + X^T X)^{-1} in its column or row form', () => {
  it('takes the row form only for data much wider than tall', () => {
    expect(gramShiftForm(40, 801)).toBe('rows');
    expect(gramShiftForm(5000, 21)).toBe('columns');
    expect(gramShiftForm(30, 30)).toBe('columns');
    const wide = gramShiftCost(40, 801);
    expect(wide.solveFlops).toBeLessThan(2 * 801 * 801);
    expect(gramShiftCost(5000, 21).solveFlops).toBe(2 * 21 * 21);
  });

  // Wide (rows is the cheaper form) and tall data, each solved in both forms; blocks not a multiple of 4.
  for (const [n, d, scale] of [[7, 30, 1], [7, 30, 1e-3], [40, 9, 1], [12, 50, 30]] as const) {
    it(`applies M^{-1} to 5 blocks and forms X M^{-1} X^T like the dense inverse (n=${n}, d=${d}, X scaled by ${scale})`, () => {
      const X = randomX(n, d, n * d, scale);
      const Minv = denseInverseM(X);
      const rng = new Prng(3);
      const v = Float64Array.from({ length: 5 * d }, () => rng.nextGaussian());
      const expected = new Float64Array(5 * d);
      for (let i = 0; i < 5; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) expected[i * d + a]! += Minv.get(a, b) * v[i * d + b]!;
      const x = new DenseMatrix(n, d);
      for (let k = 0; k < n; k++) for (let a = 0; a < d; a++) x.set(k, a, X.data[k * d + a]!);
      const H = x.mmul(Minv).mmul(x.transpose());
      for (const form of ['columns', 'rows'] as const) {
        const inv = new GramShiftInverse(X, form);
        const got = Float64Array.from(v);
        inv.solveBlocks(got, 5);
        expect(maxAbsDiff(got, expected)).toBeLessThan(1e-11 * Math.max(...expected.map(Math.abs)));
        const projection = inv.rowProjection();
        let worst = 0;
        let size = 0;
        // The lower triangle is what is filled (and what the Woodbury matrix reads).
        for (let k = 0; k < n; k++) {
          for (let l = 0; l <= k; l++) {
            worst = Math.max(worst, Math.abs(projection[k * n + l]! - H.get(k, l)));
            size = Math.max(size, Math.abs(H.get(k, l)));
          }
        }
        // Relative to H's largest entry; with X scaled by 1e-3, H ~ X X^T is 1e-6 and computed
        // without the cancellation of I - N^{-1}.
        expect(worst).toBeLessThan(1e-11 * size);
        expect(Array.from(inv.featureGram())).toEqual(Array.from(new GramShiftInverse(X, 'columns').featureGram()));
      }
    });
  }
});
