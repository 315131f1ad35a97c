import type { ReluNetwork } from '../network/relu-network';

/**
 * What an attack or a certificate needs to know about a trained model, in the network's input
 * coordinates (prepared features plus the constant-1 entry when the networks have a bias):
 * binary and regression models have one head; one-vs-rest models one head per class, in
 * class-index order (the predicted class is the first index with the largest score).
 */
export interface AttackModel {
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly heads: readonly ReluNetwork[];
}

/** f(x) = sum_j alpha_j (u_j^T x)_+ and, when `grad` is given, grad_x f = sum_j alpha_j 1[u_j^T x > 0] u_j. */
export function headValue(net: ReluNetwork, x: ArrayLike<number>, grad?: Float64Array): number {
  const d = net.hidden.cols;
  const u = net.hidden.data;
  grad?.fill(0);
  let f = 0;
  for (let j = 0; j < net.output.length; j++) {
    let a = 0;
    for (let t = 0; t < d; t++) a += u[j * d + t]! * x[t]!;
    if (a > 0) {
      const alpha = net.output[j]!;
      f += alpha * a;
      if (grad) for (let t = 0; t < d; t++) grad[t] = grad[t]! + alpha * u[j * d + t]!;
    }
  }
  return f;
}

/** Scores of every head at x. */
export function modelScores(model: AttackModel, x: ArrayLike<number>): Float64Array {
  return Float64Array.from(model.heads, (net) => headValue(net, x));
}

/** The predicted class (binary 1[f > 0]; one-vs-rest the first largest score). Regression: -1. */
export function predictedClassAt(model: AttackModel, x: ArrayLike<number>): number {
  if (model.task === 'regression') return -1;
  const scores = modelScores(model, x);
  if (model.task === 'binary') return scores[0]! > 0 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}

/**
 * The quantity an attacker maximizes (paper-spec 6.7): binary -ytil f(x) (the margin, not the
 * hinge, so that correctly classified points still get a gradient); one-vs-rest
 * max_{c != y} f_c(x) - f_y(x); regression (f(x) - y)^2. `grad` receives its gradient in x.
 */
export function attackObjective(model: AttackModel, x: ArrayLike<number>, label: number, grad: Float64Array, scratch: Float64Array): number {
  if (model.task === 'binary') {
    const sign = label === 1 ? -1 : 1;
    const f = headValue(model.heads[0]!, x, grad);
    for (let t = 0; t < grad.length; t++) grad[t] = sign * grad[t]!;
    return sign * f;
  }
  if (model.task === 'regression') {
    const f = headValue(model.heads[0]!, x, grad);
    const r = f - label;
    for (let t = 0; t < grad.length; t++) grad[t] = 2 * r * grad[t]!;
    return r * r;
  }
  const scores = modelScores(model, x);
  let rival = -1;
  for (let c = 0; c < scores.length; c++) if (c !== label && (rival < 0 || scores[c]! > scores[rival]!)) rival = c;
  headValue(model.heads[rival]!, x, grad);
  headValue(model.heads[label]!, x, scratch);
  for (let t = 0; t < grad.length; t++) grad[t] = grad[t]! - scratch[t]!;
  return scores[rival]! - scores[label]!;
}
