import type { Matrix } from '../linalg/matrix';

/**
 * Two-layer scalar-output ReLU network f(x) = sum_j alpha_j (x^T u_j)_+ (paper-spec.md 1.1).
 * The input x already carries the constant-1 bias entry when `hasBias` is set.
 */
export interface ReluNetwork {
  /** m x d first-layer weights, one neuron u_j per row. */
  readonly hidden: Matrix;
  /** m output weights alpha_j. */
  readonly output: Float64Array;
  /** True when the last input coordinate is the constant 1 (first-layer bias). */
  readonly hasBias: boolean;
}
