import { createMatrix } from '../../linalg/matrix';
import type { Matrix } from '../../linalg/matrix';
import type { ReluNetwork } from '../../network/relu-network';

/**
 * Network of paper-spec.md 5.1 from an SCP solution: for every alpha_j != 0 the neuron
 *   u = u_j sqrt|alpha_j|,  output weight sign(alpha_j) sqrt|alpha_j|.
 * Then alpha_out (x^T u)_+ = alpha_j (x^T u_j)_+ (positive homogeneity of the ReLU), and with
 * ||u_j|| = 1 its weight decay (beta/2)(||u||^2 + alpha_out^2) = beta |alpha_j|, so the network's
 * non-convex objective equals the l1 objective.
 */
export function recoverScpNetwork(
  directions: Matrix,
  alpha: Float64Array,
  hasBias: boolean,
): { network: ReluNetwork; neuronDirections: Int32Array } {
  const d = directions.cols;
  let count = 0;
  for (let j = 0; j < alpha.length; j++) if (alpha[j] !== 0) count++;
  const hidden = createMatrix(count, d);
  const output = new Float64Array(count);
  const neuronDirections = new Int32Array(count);
  let m = 0;
  for (let j = 0; j < alpha.length; j++) {
    const aj = alpha[j]!;
    if (aj === 0) continue;
    const root = Math.sqrt(Math.abs(aj));
    for (let t = 0; t < d; t++) hidden.data[m * d + t] = directions.data[j * d + t]! * root;
    output[m] = aj > 0 ? root : -root;
    neuronDirections[m] = j;
    m++;
  }
  return { network: { hidden, output, hasBias }, neuronDirections };
}
