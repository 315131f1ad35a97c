import type { ReluNetwork } from './relu-network';

/**
 * How much each hidden neuron weighs, ||u_j||_2 |alpha_j|. With the product u_j alpha_j fixed,
 * the weight decay (beta/2)(||u_j||^2 + alpha_j^2) is smallest when ||u_j|| = |alpha_j|, where
 * it equals beta ||u_j|| |alpha_j| (paper-spec 1.1): the neuron's term of the convex program's
 * group norm. A pruned neuron has size 0. One value per neuron, in neuron order.
 */
export function neuronSizes(network: ReluNetwork): number[] {
  const { hidden, output } = network;
  const sizes: number[] = [];
  for (let j = 0; j < hidden.rows; j++) {
    let squares = 0;
    for (let k = 0; k < hidden.cols; k++) {
      const w = hidden.data[j * hidden.cols + k]!;
      squares += w * w;
    }
    sizes.push(Math.sqrt(squares) * Math.abs(output[j]!));
  }
  return sizes;
}
