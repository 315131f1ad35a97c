/**
 * Binary cross-entropy with the authors' factor 2 (paper-spec.md 1.2, 8.8): y_k in {0, 1},
 * predicted probability p = sigmoid(2 yhat), optional weights w_k >= 0:
 *
 *   L(yhat, y) = sum_k w_k [ softplus(2 yhat_k) - 2 y_k yhat_k ]
 *              = sum_k w_k [ y_k softplus(-2 yhat_k) + (1 - y_k) softplus(2 yhat_k) ]
 * (the second form uses softplus(t) - t = softplus(-t) and has no cancellation for large |yhat|).
 *
 *   dL/dyhat_k   = 2 w_k (sigmoid(2 yhat_k) - y_k) = 2 w_k [ (1 - y_k) s_k - y_k (1 - s_k) ],
 *   d2L/dyhat_k2 = 4 w_k s_k (1 - s_k),  s_k = sigmoid(2 yhat_k);  sup over yhat is w_k.
 *
 * Conjugate: with p_k = (z_k / w_k + 2 y_k) / 2,
 *   L*(z) = sum_k w_k [ p_k log p_k + (1 - p_k) log(1 - p_k) ]  (0 log 0 = 0) if all p_k in [0, 1],
 * +Infinity otherwise (so negConjugate returns -Infinity). p_k within 1e-12 outside [0, 1] is
 * clamped. A zero weight makes the k-th term the indicator of {z_k = 0}.
 *
 * Prox: t = argmin w (softplus(2t) - 2 y t) + (rho/2)(t - a)^2 solves the strictly increasing
 * g(t) = rho (t - a) + 2 w (sigmoid(2t) - y) = 0, g' = rho + 4 w s (1 - s) in [rho, rho + w].
 * Since sigmoid - y lies in (-y, 1 - y), the root lies in [a - 2w(1 - y)/rho, a + 2wy/rho];
 * safeguarded Newton on that bracket (bisection when a Newton step leaves it), stopped when the
 * step is at most 1e-13 max(1, |t|).
 *
 * Weights absent means w_k = 1 (no array is allocated).
 */
import { checkLossSizes, checkProxRho } from './loss-argument-checks';
import type { Loss } from './loss';

/** Slack on p_k outside [0, 1] accepted (and clamped) by negConjugate. */
export const BCE_CONJUGATE_SLACK = 1e-12;
const PROX_TOL = 1e-13;
const PROX_MAX_ITER = 200;

/** sigmoid(t) = 1 / (1 + exp(-t)), never evaluating exp of a positive argument. */
export function stableSigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/** softplus(t) = log(1 + exp(t)) = max(t, 0) + log1p(exp(-|t|)). */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/** x log x with 0 log 0 = 0. */
function xlogx(x: number): number {
  return x > 0 ? x * Math.log(x) : 0;
}

function checkSizes(what: string, n: number, y: Float64Array, out?: Float64Array, weights?: Float64Array): void {
  checkLossSizes('bceLoss', what, n, y, out, weights);
}

/**
 * Scalar prox: the root of g(t) = rho (t - a) + 2 w (sigmoid(2t) - y), w > 0, rho > 0.
 * g is increasing, convex on t < 0 and concave on t > 0 (sigmoid(2t) is). Newton started on the
 * side of the root where g is concave (t = max(lo, 0) when g(0) < 0) or convex (t = min(hi, 0)
 * when g(0) > 0) moves monotonically towards the root without overshoot; the bracket
 * [lo, hi] is still kept and a bisection step is taken if rounding ever pushes Newton out of it.
 */
function proxScalar(a: number, y: number, w: number, rho: number): number {
  let lo = a - (2 * w * (1 - y)) / rho;
  let hi = a + (2 * w * y) / rho;
  const gAtZero = -rho * a + 2 * w * (0.5 - y);
  if (gAtZero === 0) return 0;
  let t = gAtZero < 0 ? Math.max(lo, 0) : Math.min(hi, 0);
  for (let it = 0; it < PROX_MAX_ITER; it++) {
    const s = stableSigmoid(2 * t);
    const sm = stableSigmoid(-2 * t); // 1 - s without cancellation
    const g = rho * (t - a) + 2 * w * ((1 - y) * s - y * sm);
    if (g === 0) return t;
    if (g > 0) hi = Math.min(hi, t);
    else lo = Math.max(lo, t);
    let next = t - g / (rho + 4 * w * s * sm);
    if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi); // safeguard: bisect
    if (Math.abs(next - t) <= PROX_TOL * Math.max(1, Math.abs(next))) return next;
    t = next;
  }
  return t;
}

export const bceLoss: Loss = {
  name: 'bce',
  labels: 'zero-one',
  smooth: true,
  curvatureBound: 1,

  value(yhat, y, weights) {
    checkSizes('value', yhat.length, y, undefined, weights);
    let s = 0;
    for (let k = 0; k < yhat.length; k++) {
      const t2 = 2 * yhat[k];
      const yk = y[k];
      s += (weights === undefined ? 1 : weights[k]) * (yk * softplus(-t2) + (1 - yk) * softplus(t2));
    }
    return s;
  },

  gradient(yhat, y, out, weights) {
    checkSizes('gradient', yhat.length, y, out, weights);
    for (let k = 0; k < yhat.length; k++) {
      const t2 = 2 * yhat[k];
      const yk = y[k];
      const w = weights === undefined ? 1 : weights[k];
      out[k] = 2 * w * ((1 - yk) * stableSigmoid(t2) - yk * stableSigmoid(-t2));
    }
  },

  secondDerivative(yhat, y, out, weights) {
    checkSizes('secondDerivative', yhat.length, y, out, weights);
    for (let k = 0; k < yhat.length; k++) {
      const t2 = 2 * yhat[k];
      const w = weights === undefined ? 1 : weights[k];
      out[k] = 4 * w * stableSigmoid(t2) * stableSigmoid(-t2);
    }
  },

  negConjugate(z, y, weights) {
    checkSizes('negConjugate', z.length, y, undefined, weights);
    let s = 0;
    for (let k = 0; k < z.length; k++) {
      const w = weights === undefined ? 1 : weights[k];
      const zk = z[k];
      if (!(w > 0)) {
        if (zk !== 0) return -Infinity; // w_k = 0: indicator of {z_k = 0}
        continue;
      }
      const u = zk / w;
      let p = 0.5 * u + y[k]; // p = (z/w + 2y)/2
      let q = 1 - y[k] - 0.5 * u; // 1 - p, computed directly for accuracy near p = 1
      if (!(p >= -BCE_CONJUGATE_SLACK && q >= -BCE_CONJUGATE_SLACK)) return -Infinity;
      if (p < 0) p = 0;
      if (q < 0) q = 0;
      if (p > 1) p = 1;
      if (q > 1) q = 1;
      s -= w * (xlogx(p) + xlogx(q));
    }
    return s; // accumulated with '-=' so that an all-zero z gives +0, not -0
  },

  prox(a, y, rho, out, weights) {
    checkSizes('prox', a.length, y, out, weights);
    checkProxRho('bceLoss', rho);
    for (let k = 0; k < a.length; k++) {
      const w = weights === undefined ? 1 : weights[k];
      out[k] = w > 0 ? proxScalar(a[k], y[k], w, rho) : a[k];
    }
  },
};
