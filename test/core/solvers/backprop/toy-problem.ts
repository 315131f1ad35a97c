import { appendOnesColumn, matrixFromRows } from '../../../../src-core/linalg/matrix';
import type { Loss } from '../../../../src-core/losses/loss';
import type { BackpropProblem } from '../../../../src-core/solvers/backprop/backprop-problem';

/** The 8-point toy data of paper-spec.md 7.3, with the constant-1 bias column appended. */
export const toyX = appendOnesColumn(
  matrixFromRows([
    [1.0, 0.5],
    [-0.5, 1.0],
    [0.3, -1.2],
    [-1.1, -0.4],
    [0.8, 0.9],
    [-0.2, 0.1],
    [1.5, -0.3],
    [-0.9, 0.7],
  ]),
);
export const toyYRegression = Float64Array.from([1.0, -0.5, 0.8, -1.0, 1.5, 0.2, 0.6, -0.8]);
export const toyYPlusMinus = Float64Array.from([1, -1, 1, -1, 1, 1, 1, -1]);
export const toyY01 = Float64Array.from([1, 0, 1, 0, 1, 1, 1, 0]);

/** paper-spec.md 7.3(E): exact global optimum of the squared-loss problem with beta = 0.1. */
export const TOY_SQUARED_GLOBAL_OPTIMUM = 0.3097687223;

export function toyProblem(loss: Loss, y: Float64Array, seed = 1): BackpropProblem {
  return { X: toyX, y, loss, beta: 0.1, hasBias: true, seed };
}
