import { createMatrix } from '../linalg/matrix';
import type { ReluNetwork } from '../network/relu-network';
import type { ConvexBlocks } from './convex-problem';

/**
 * Convex solution -> ReLU network (paper-spec 1.4): every nonzero v_i gives the neuron
 * (v_i / sqrt(||v_i||), +sqrt(||v_i||)), every nonzero w_i gives (w_i / sqrt(||w_i||), -sqrt(||w_i||)).
 * On the cone of its pattern the neuron reproduces D_i X v_i exactly and its weight decay
 * (beta/2)(||u||^2 + alpha^2) equals beta ||v_i||, so the objectives agree. Zero blocks are pruned.
 */
export function recoverNetwork(blocks: ConvexBlocks, hasBias: boolean): ReluNetwork {
  const { patternCount: P, dim: d, data } = blocks;
  const kept: number[] = [];
  const norms: number[] = [];
  for (let j = 0; j < 2 * P; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += data[j * d + t]! * data[j * d + t]!;
    if (s > 0) {
      kept.push(j);
      norms.push(Math.sqrt(s));
    }
  }
  const hidden = createMatrix(kept.length, d);
  const output = new Float64Array(kept.length);
  kept.forEach((j, m) => {
    const root = Math.sqrt(norms[m]!);
    for (let t = 0; t < d; t++) hidden.data[m * d + t] = data[j * d + t]! / root;
    output[m] = j < P ? root : -root;
  });
  return { hidden, output, hasBias };
}
