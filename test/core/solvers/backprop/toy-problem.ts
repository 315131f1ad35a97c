import { toyOptima, toyX } from '../../fixtures/toy-problem';
import type { Loss } from '../../../../src-core/losses/loss';
import type { BackpropProblem } from '../../../../src-core/solvers/backprop/backprop-problem';

export { toyX, toyY01, toyYPlusMinus, toyYRegression } from '../../fixtures/toy-problem';

/** paper-spec.md 7.3(E): exact global optimum of the squared-loss problem with beta = 0.1. */
export const TOY_SQUARED_GLOBAL_OPTIMUM = toyOptima.exactSquared;

export function toyProblem(loss: Loss, y: Float64Array, seed = 1): BackpropProblem {
  return { X: toyX, y, loss, beta: 0.1, hasBias: true, seed };
}
