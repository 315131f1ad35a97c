/**
 * Squared loss (paper-spec.md 1.2), sum-over-samples convention with optional weights w_k >= 0:
 *
 *   L(yhat, y) = (1/2) sum_k w_k (yhat_k - y_k)^2,   dL/dyhat_k = w_k (yhat_k - y_k),   d2L = w_k.
 *
 * Conjugate: L*(z) = sup_t z^T t - L(t) = sum_k [ z_k y_k + z_k^2 / (2 w_k) ] (maximizer
 * t_k = y_k + z_k / w_k), so -L*(z) = -sum_k [ z_k y_k + z_k^2 / (2 w_k) ]. A zero weight makes
 * the k-th term the indicator of {z_k = 0}. Note: paper-spec 2.1 writes the dual in the variable
 * v = -z (residual y - yhat), -(1/2)||v - y||^2 + (1/2)||y||^2 = -L*(-v); here z is the true
 * conjugate argument, whose optimal value is z = grad L(yhat) = yhat - y.
 *
 * Prox: argmin_t (w/2)(t - y)^2 + (rho/2)(t - a)^2 = (w y + rho a) / (w + rho).
 *
 * Weights absent means w_k = 1 (no array is allocated). Weights are assumed finite and >= 0.
 */
import { checkLossSizes, checkProxRho } from './loss-argument-checks';
import type { Loss } from './loss';

function checkSizes(what: string, n: number, y: Float64Array, out?: Float64Array, weights?: Float64Array): void {
  checkLossSizes('squaredLoss', what, n, y, out, weights);
}

function checkRho(rho: number): void {
  checkProxRho('squaredLoss', rho);
}

export const squaredLoss: Loss = {
  name: 'squared',
  labels: 'real',
  smooth: true,
  curvatureBound: 1,

  value(yhat, y, weights) {
    checkSizes('value', yhat.length, y, undefined, weights);
    let s = 0;
    for (let k = 0; k < yhat.length; k++) {
      const r = yhat[k] - y[k];
      s += (weights === undefined ? 1 : weights[k]) * r * r;
    }
    return 0.5 * s;
  },

  gradient(yhat, y, out, weights) {
    checkSizes('gradient', yhat.length, y, out, weights);
    for (let k = 0; k < yhat.length; k++) {
      out[k] = (weights === undefined ? 1 : weights[k]) * (yhat[k] - y[k]);
    }
  },

  secondDerivative(yhat, y, out, weights) {
    checkSizes('secondDerivative', yhat.length, y, out, weights);
    for (let k = 0; k < yhat.length; k++) out[k] = weights === undefined ? 1 : weights[k];
  },

  negConjugate(z, y, weights) {
    checkSizes('negConjugate', z.length, y, undefined, weights);
    let s = 0;
    for (let k = 0; k < z.length; k++) {
      const w = weights === undefined ? 1 : weights[k];
      const zk = z[k];
      if (w > 0) s -= zk * y[k] + (zk * zk) / (2 * w);
      else if (zk !== 0) return -Infinity; // w_k = 0: L*_k is the indicator of {z_k = 0}
    }
    return s; // accumulated with '-=' so that an all-zero z gives +0, not -0
  },

  prox(a, y, rho, out, weights) {
    checkSizes('prox', a.length, y, out, weights);
    checkRho(rho);
    for (let k = 0; k < a.length; k++) {
      const w = weights === undefined ? 1 : weights[k];
      out[k] = (w * y[k] + rho * a[k]) / (w + rho);
    }
  },
};
