import { createMatrix, matrixFromRows, matrixToRows } from '../../../../src-core/linalg/matrix';
import { toyGenerators } from '../../fixtures/toy-problem';
import type { Matrix } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
import { sampleScpDirections, scpDirectionsFromVectors } from '../../../../src-core/solvers/scp/scp-features';

/** Toy data and directions of paper-spec.md 7.3 (shared fixture; bias column appended), beta = 0.1. */
export { toyBeta, toyX, toyY01, toyYRegression, toyRawRows as toyRaw, toyYPlusMinus as toyYSign } from '../../fixtures/toy-problem';
export const toyH: readonly (readonly number[])[] = matrixToRows(toyGenerators);
export const toyDirections: Matrix = scpDirectionsFromVectors(matrixFromRows(toyH));

/** Printed Phi of 7.3(F), rows k = 1..8, columns j = 1..6. */
export const toyPhiPrinted: readonly (readonly number[])[] = [
  [1, 0.5, 0, 0.666667, 0, 1.094541],
  [0, 1, 1.333333, 0, 0, 0],
  [0.3, 0, 0, 0, 1.372813, 0.398015],
  [0, 0, 0.8, 0, 0.588348, 0],
  [0.8, 0.9, 0.4, 0.8, 0, 0.895533],
  [0, 0.1, 0.533333, 0, 0.098058, 0],
  [1.5, 0, 0, 0.466667, 0.49029, 1.59206],
  [0, 0.7, 1.4, 0, 0, 0],
];

/**
 * A seeded synthetic problem (independent of the spec data): n rows of d0 Gaussian features plus
 * the bias column, a quadratic regression target, +-1 and 0/1 labels from its noisy sign, and N
 * sampled directions. Everything comes from one Prng, so the same seed gives the same problem.
 */
export interface Synthetic {
  X: Matrix;
  yReal: Float64Array;
  ySign: Float64Array;
  y01: Float64Array;
  directions: Matrix;
}

export function synthetic(seed: number, n: number, d0: number, N: number): Synthetic {
  const prng = new Prng(seed);
  const d = d0 + 1;
  const X = createMatrix(n, d);
  const yReal = new Float64Array(n);
  const ySign = new Float64Array(n);
  const y01 = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let t = 0; t < d0; t++) {
      const v = prng.nextGaussian();
      X.data[k * d + t] = v;
      s += (t % 2 === 0 ? 1 : -1) * v * v;
    }
    X.data[k * d + d0] = 1;
    yReal[k] = s;
    const label = s + 0.5 * prng.nextGaussian() > 0 ? 1 : -1;
    ySign[k] = label;
    y01[k] = label > 0 ? 1 : 0;
  }
  return { X, yReal, ySign, y01, directions: sampleScpDirections(prng, N, d) };
}

/** Hinge SCP objective computed here, independently of the loss module. */
export function hingeObjective(phi: Matrix, alpha: Float64Array, y: Float64Array, beta: number, weights?: Float64Array): number {
  let s = 0;
  for (let k = 0; k < phi.rows; k++) {
    let p = 0;
    for (let j = 0; j < phi.cols; j++) p += phi.data[k * phi.cols + j]! * alpha[j]!;
    s += (weights ? weights[k]! : 1) * Math.max(0, 1 - y[k]! * p);
  }
  for (let j = 0; j < alpha.length; j++) s += beta * Math.abs(alpha[j]!);
  return s;
}
