import type { Task } from '../data/dataset';
import type { Matrix } from '../linalg/matrix';
import { appendOnesColumn } from '../linalg/matrix';
import type { LossName } from '../losses/loss';
import { networkScores } from '../network/forward';
import type { ReluNetwork } from '../network/relu-network';

export interface Predictions {
  readonly task: Task;
  /** Number of classes K (2 for binary, 0 for regression). */
  readonly classCount: number;
  /** Raw network outputs: n values (binary, regression) or n x K row-major (one-vs-rest). */
  readonly scores: Float64Array;
  /** Predicted class index per row (classification), else null. */
  readonly labels: Int32Array | null;
  /** n x K row-major class probabilities (classification), else null. */
  readonly probabilities: Float64Array | null;
  /** Predicted values (regression), else null. */
  readonly values: Float64Array | null;
}

export interface PredictHead {
  readonly classIndex: number | null;
  readonly network: ReluNetwork;
}

/** The probability a classification head assigns to its positive class: sigmoid(2 f) (paper-spec 1.2). */
export function headProbability(score: number): number {
  const t = 2 * score;
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/**
 * Predictions of trained heads on prepared features X (n x features, WITHOUT the bias column:
 * it is appended here when the networks use one). Binary: class 1[f > 0], probability
 * sigmoid(2 f) (the BCE convention; for hinge or squared heads a monotone score, not a
 * calibrated probability). One-vs-rest: the class with the largest score, probabilities
 * sigmoid(2 f_c) normalized to sum to one.
 */
export function predictWithHeads(task: Task, _loss: LossName, heads: readonly PredictHead[], X: Matrix): Predictions {
  if (heads.length === 0) throw new RangeError('a model needs at least one trained head');
  const input = heads[0]!.network.hasBias ? appendOnesColumn(X) : X;
  const n = X.rows;
  if (task === 'regression') {
    const values = networkScores(heads[0]!.network, input);
    return { task, classCount: 0, scores: values, labels: null, probabilities: null, values };
  }
  if (task === 'binary') {
    const scores = networkScores(heads[0]!.network, input);
    const labels = new Int32Array(n);
    const probabilities = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      labels[k] = scores[k]! > 0 ? 1 : 0;
      const p = headProbability(scores[k]!);
      probabilities[2 * k] = 1 - p;
      probabilities[2 * k + 1] = p;
    }
    return { task, classCount: 2, scores, labels, probabilities, values: null };
  }
  const K = heads.length;
  const scores = new Float64Array(n * K);
  const column = new Float64Array(n);
  for (const head of heads) {
    const c = head.classIndex;
    if (c === null || c < 0 || c >= K) throw new RangeError(`one-vs-rest head has class index ${c}, expected 0..${K - 1}`);
    networkScores(head.network, input, column);
    for (let k = 0; k < n; k++) scores[k * K + c] = column[k]!;
  }
  const labels = new Int32Array(n);
  const probabilities = new Float64Array(n * K);
  for (let k = 0; k < n; k++) {
    let best = 0;
    let total = 0;
    for (let c = 0; c < K; c++) {
      if (scores[k * K + c]! > scores[k * K + best]!) best = c;
      const p = headProbability(scores[k * K + c]!);
      probabilities[k * K + c] = p;
      total += p;
    }
    labels[k] = best;
    for (let c = 0; c < K; c++) probabilities[k * K + c] = probabilities[k * K + c]! / total;
  }
  return { task, classCount: K, scores, labels, probabilities, values: null };
}
