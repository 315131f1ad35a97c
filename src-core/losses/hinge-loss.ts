/**
 * Hinge loss (paper-spec.md 1.2): y_k in {-1, +1}, optional weights w_k >= 0:
 *
 *   L(yhat, y) = sum_k w_k (1 - y_k yhat_k)_+ .
 *
 * Subgradient used: -w_k y_k where y_k yhat_k < 1, else 0 (at the kink the whole segment
 * -w_k y_k [0, 1] is the subdifferential). Second derivative: 0 (almost everywhere);
 * curvatureBound = Infinity because the loss is not smooth.
 *
 * Conjugate (per sample, margin m = y t): sup_m (z y) m - w (1 - m)_+ is finite iff
 * a = -z y / w lies in [0, 1], and then equals z y (attained at m = 1). Hence
 *   -L*(z) = -sum_k z_k y_k   if a_k in [0, 1] for all k,   -Infinity otherwise,
 * with a slack of 1e-12 on a_k. A zero weight makes the k-th term the indicator of {z_k = 0}.
 *
 * Prox: t = argmin w (1 - y t)_+ + (rho/2)(t - a)^2 = a + (w y / rho) theta with theta in [0, 1]:
 *   y a >= 1              -> t = a                 (theta = 0, flat part)
 *   y a + w y^2/rho <= 1  -> t = a + w y / rho     (theta = 1, linear part)
 *   otherwise             -> t = 1 / y (= y)       (at the kink y t = 1)
 *
 * Weights absent means w_k = 1 (no array is allocated).
 */
import { checkLossSizes, checkProxRho } from './loss-argument-checks';
import type { Loss } from './loss';

/** Slack on a_k = -z_k y_k / w_k outside [0, 1] accepted by negConjugate. */
export const HINGE_CONJUGATE_SLACK = 1e-12;

function checkSizes(what: string, n: number, y: Float64Array, out?: Float64Array, weights?: Float64Array): void {
  checkLossSizes('hingeLoss', what, n, y, out, weights);
}

export const hingeLoss: Loss = {
  name: 'hinge',
  labels: 'plus-minus-one',
  smooth: false,
  curvatureBound: Infinity,

  value(yhat, y, weights) {
    checkSizes('value', yhat.length, y, undefined, weights);
    let s = 0;
    for (let k = 0; k < yhat.length; k++) {
      const slack = 1 - y[k] * yhat[k];
      if (slack > 0) s += (weights === undefined ? 1 : weights[k]) * slack;
    }
    return s;
  },

  gradient(yhat, y, out, weights) {
    checkSizes('gradient', yhat.length, y, out, weights);
    for (let k = 0; k < yhat.length; k++) {
      const yk = y[k];
      out[k] = yk * yhat[k] < 1 ? -(weights === undefined ? 1 : weights[k]) * yk : 0;
    }
  },

  secondDerivative(yhat, y, out, weights) {
    checkSizes('secondDerivative', yhat.length, y, out, weights);
    out.fill(0);
  },

  negConjugate(z, y, weights) {
    checkSizes('negConjugate', z.length, y, undefined, weights);
    let s = 0;
    for (let k = 0; k < z.length; k++) {
      const w = weights === undefined ? 1 : weights[k];
      const zy = z[k] * y[k];
      if (!(w > 0)) {
        if (z[k] !== 0) return -Infinity; // w_k = 0: indicator of {z_k = 0}
        continue;
      }
      const a = -zy / w;
      if (!(a >= -HINGE_CONJUGATE_SLACK && a <= 1 + HINGE_CONJUGATE_SLACK)) return -Infinity;
      s -= zy;
    }
    return s; // accumulated with '-=' so that an all-zero z gives +0, not -0
  },

  prox(a, y, rho, out, weights) {
    checkSizes('prox', a.length, y, out, weights);
    checkProxRho('hingeLoss', rho);
    for (let k = 0; k < a.length; k++) {
      const w = weights === undefined ? 1 : weights[k];
      const yk = y[k];
      const ak = a[k];
      const margin = yk * ak;
      const step = (w * yk) / rho;
      if (margin >= 1) out[k] = ak;
      else if (margin + yk * step <= 1) out[k] = ak + step;
      else out[k] = 1 / yk;
    }
  },
};
