import type { Matrix } from '../../linalg/matrix';
import type { Loss } from '../../losses/loss';
import type { ReluNetwork } from '../../network/relu-network';

/**
 * The sampled convex program of paper-spec.md 5.1 with fixed neuron directions u_j:
 *   min_{alpha in R^N}  L( Phi alpha, y ) + beta * ||alpha||_1,   Phi = [(X u_j)_+]_j.
 */
export interface ScpProblem {
  /** n x d training inputs; carries the constant-1 last column when hasBias. */
  readonly X: Matrix;
  /** Targets in the loss's label convention (real, {0,1} or {-1,+1}). */
  readonly y: Float64Array;
  readonly loss: Loss;
  /** Weight-decay strength beta > 0 (sum-over-samples loss convention). */
  readonly beta: number;
  /** True when the last column of X is the constant 1 (first-layer bias). */
  readonly hasBias: boolean;
  /** N x d unit-length neuron directions u_j, one per row (see scp-features.ts). */
  readonly directions: Matrix;
  /** Optional per-sample loss weights (>= 0); absent means all 1. */
  readonly sampleWeights?: Float64Array;
  /** Optional starting alpha (length N); absent means zero. */
  readonly warmStart?: Float64Array;
}

export type ScpMethod = 'fista' | 'admm' | 'ipm';

export interface ScpSolution {
  /** Output weights alpha of the sampled program (length N, exact zeros for dropped neurons). */
  readonly alpha: Float64Array;
  /** The ReLU network of paper-spec.md 5.1: neuron u_j sqrt|alpha_j|, output sign(alpha_j) sqrt|alpha_j|. */
  readonly network: ReluNetwork;
  /** Number of neurons of `network` (= number of non-zero alpha_j). */
  readonly neuronCount: number;
  /** Index j of the direction behind each neuron of `network`, in order. */
  readonly neuronDirections: Int32Array;
  /** Phi alpha: the network's scores on the training rows. */
  readonly trainScores: Float64Array;
  /** l1 objective L(Phi alpha, y) + beta ||alpha||_1 (= the network's weight-decay objective). */
  readonly objective: number;
  readonly method: ScpMethod;
  /** Plain words on what the certificate covers. */
  readonly certificateNote: string;
}
