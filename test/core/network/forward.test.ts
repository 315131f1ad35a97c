import { describe, expect, it } from 'vitest';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { networkScores } from '../../../src-core/network/forward';
import type { ReluNetwork } from '../../../src-core/network/relu-network';
import { Prng } from '../../../src-core/random/prng';

function gaussianMatrix(rows: number, cols: number, prng: Prng): Matrix {
  return createMatrix(rows, cols, Float64Array.from({ length: rows * cols }, () => prng.nextGaussian()));
}

/** The definition, as a plain triple loop: sum_j alpha_j (x_k^T u_j)_+ with x_k^T u_j summed over t in order. */
function referenceScores(net: ReluNetwork, X: Matrix): Float64Array {
  const { rows: n, cols: d } = X;
  const m = net.hidden.rows;
  const scores = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let j = 0; j < m; j++) {
      let a = 0;
      for (let t = 0; t < d; t++) a += X.data[k * d + t]! * net.hidden.data[j * d + t]!;
      if (a > 0) s += net.output[j]! * a;
    }
    scores[k] = s;
  }
  return scores;
}

describe('networkScores', () => {
  // Shapes around the kernel's 4 x 4 tiles (fewer than 4 rows or neurons, remainders) and past
  // one chunk of rows (4096).
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [3, 2, 3],
    [7, 5, 4],
    [33, 21, 64],
    [200, 3, 9],
    [4099, 6, 5],
  ];
  for (const [n, d, m] of shapes) {
    it(`equals the plain triple loop to the bit (${n} rows, ${d} columns, ${m} neurons)`, () => {
      const prng = new Prng(n * 1000 + d * 10 + m);
      const net: ReluNetwork = { hidden: gaussianMatrix(m, d, prng), output: Float64Array.from({ length: m }, () => prng.nextGaussian()), hasBias: false };
      const X = gaussianMatrix(n, d, prng);
      const expected = referenceScores(net, X);
      expect(Array.from(networkScores(net, X))).toEqual(Array.from(expected));
      const out = new Float64Array(n).fill(Number.NaN);
      expect(networkScores(net, X, out)).toBe(out);
      expect(Array.from(out)).toEqual(Array.from(expected));
    });
  }

  it('scores 0 without neurons and rejects a column count the network does not take', () => {
    const net: ReluNetwork = { hidden: createMatrix(0, 3), output: new Float64Array(0), hasBias: false };
    expect(Array.from(networkScores(net, createMatrix(2, 3, Float64Array.from([1, 2, 3, 4, 5, 6]))))).toEqual([0, 0]);
    expect(() => networkScores(net, createMatrix(2, 2))).toThrow(/expects 3 inputs per row/);
  });
});
