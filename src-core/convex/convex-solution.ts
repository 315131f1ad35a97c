import type { ReluNetwork } from '../network/relu-network';
import type { ConvexBlocks } from './convex-problem';

/** What a convex solver returns besides status and history. */
export interface ConvexSolution {
  /** The group-sparse iterate v (paper-spec pitfall 3: recovery uses v, not u). */
  readonly blocks: ConvexBlocks;
  /** The recovered ReLU network (zero blocks pruned). */
  readonly network: ReluNetwork;
  readonly neuronCount: number;
  /** The network's outputs on the training rows. */
  readonly trainPredictions: Float64Array;
}
