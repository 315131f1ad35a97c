import type { Loss } from '../losses/loss';
import { softplus } from '../losses';

/**
 * Worst-case loss of one sample over the threat set (paper-spec 6.3), for a prediction that is
 * linear in the input on the set: yhat(x + delta) = yhat + delta^T g with psi(g) = spread
 * (see threat-model.ts). Monotonicity of each loss in the margin / residual gives closed forms:
 *   hinge   (y in {-1,+1}):  (1 - y yhat + spread)_+
 *   squared (y real):        (1/2) (|yhat - y| + spread)^2
 *   bce     (y in {0,1}):    softplus(-2 ytil yhat + 2 spread),  ytil = 2y - 1
 */
export function robustSampleLoss(loss: Loss, yhat: number, y: number, spread: number): number {
  switch (loss.name) {
    case 'hinge':
      return Math.max(0, 1 - y * yhat + spread);
    case 'squared': {
      const r = Math.abs(yhat - y) + spread;
      return 0.5 * r * r;
    }
    case 'bce':
      return softplus(-2 * (2 * y - 1) * yhat + 2 * spread);
  }
}

/** sum_k w_k * robustSampleLoss(yhat_k, y_k, spread_k). */
export function robustLoss(loss: Loss, yhat: Float64Array, y: Float64Array, spread: Float64Array, weights?: Float64Array): number {
  let s = 0;
  for (let k = 0; k < yhat.length; k++) s += (weights ? weights[k]! : 1) * robustSampleLoss(loss, yhat[k]!, y[k]!, spread[k]!);
  return s;
}
