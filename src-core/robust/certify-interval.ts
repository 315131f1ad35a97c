import type { ReluNetwork } from '../network/relu-network';
import type { AttackModel } from './attack-model';
import { worstCaseShift, type ThreatModel } from './threat-model';

/**
 * Interval bound propagation for a two-layer network. Each pre-activation u_j^T (x + delta)
 * ranges exactly over [u_j^T x - psi(u_j), u_j^T x + psi(u_j)] (psi = worst-case shift, any
 * norm), so the bounds of the hidden layer are tight; the output bounds
 *   f >= sum_{alpha_j > 0} alpha_j (lo_j)_+ + sum_{alpha_j < 0} alpha_j (hi_j)_+   (and symmetric)
 * are sound but ignore that the neurons move together.
 */
export function headInterval(net: ReluNetwork, threat: ThreatModel, x: ArrayLike<number>): { lower: number; upper: number } {
  const d = net.hidden.cols;
  let lower = 0;
  let upper = 0;
  for (let j = 0; j < net.output.length; j++) {
    let c = 0;
    for (let t = 0; t < d; t++) c += net.hidden.data[j * d + t]! * x[t]!;
    const spread = worstCaseShift(threat, net.hidden.data, j * d);
    const lo = Math.max(0, c - spread);
    const hi = Math.max(0, c + spread);
    const alpha = net.output[j]!;
    if (alpha >= 0) {
      lower += alpha * lo;
      upper += alpha * hi;
    } else {
      lower += alpha * hi;
      upper += alpha * lo;
    }
  }
  return { lower, upper };
}

/**
 * True when no admissible perturbation can change the prediction from the true label
 * (classification; one-vs-rest needs the true head's lower bound strictly above every other
 * head's upper bound). Regression: never "certified"; use intervalErrorBound.
 */
export function certifyByIntervals(model: AttackModel, threat: ThreatModel, x: ArrayLike<number>, label: number): boolean {
  if (model.task === 'regression') return false;
  if (model.task === 'binary') {
    const { lower, upper } = headInterval(model.heads[0]!, threat, x);
    return label === 1 ? lower > 0 : upper <= 0;
  }
  const own = headInterval(model.heads[label]!, threat, x).lower;
  return model.heads.every((net, c) => c === label || headInterval(net, threat, x).upper < own);
}

/** Regression: a certified bound on |f(x + delta) - y| over the threat set. */
export function intervalErrorBound(model: AttackModel, threat: ThreatModel, x: ArrayLike<number>, target: number): number {
  const { lower, upper } = headInterval(model.heads[0]!, threat, x);
  return Math.max(Math.abs(lower - target), Math.abs(upper - target));
}
