// Shared fixtures for the loss tests: per loss, how to draw labels, points of the domain of L*,
// and scalar helpers for brute-force 1-D checks. Not a test file itself.
import type { Loss } from '../../../src-core/losses/loss';
import { bceLoss } from '../../../src-core/losses/bce-loss';
import { hingeLoss } from '../../../src-core/losses/hinge-loss';
import { squaredLoss } from '../../../src-core/losses/squared-loss';
import type { Prng } from '../../../src-core/random/prng';

export interface LossCase {
  loss: Loss;
  label(r: Prng): number;
  /** A z_k in the domain of L*_k (for label y and weight w), drawn at random. */
  domainZ(r: Prng, y: number, w: number): number;
}

export const lossCases: LossCase[] = [
  {
    loss: squaredLoss,
    label: (r) => 2 * r.nextGaussian(),
    domainZ: (r) => 3 * r.nextGaussian(),
  },
  {
    loss: bceLoss,
    label: (r) => (r.nextFloat() < 0.5 ? 0 : 1),
    // p = (z/w + 2y)/2 uniform in (0, 1)  <=>  z = w (2p - 2y)
    domainZ: (r, y, w) => w * (2 * (0.01 + 0.98 * r.nextFloat()) - 2 * y),
  },
  {
    loss: hingeLoss,
    label: (r) => (r.nextFloat() < 0.5 ? -1 : 1),
    // a = -z y / w uniform in [0, 1]  <=>  z = -a w y
    domainZ: (r, y, w) => -r.nextFloat() * w * y,
  },
];

export function vec(...xs: number[]): Float64Array {
  return Float64Array.from(xs);
}

export function randomVec(r: Prng, n: number, draw: (r: Prng) => number): Float64Array {
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = draw(r);
  return v;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** Scalar loss w * l(t, y) through the vector API (reuses buffers; not reentrant). */
export function scalarLoss(loss: Loss): (t: number, y: number, w: number) => number {
  const tb = new Float64Array(1);
  const yb = new Float64Array(1);
  const wb = new Float64Array(1);
  return (t, y, w) => {
    tb[0] = t;
    yb[0] = y;
    wb[0] = w;
    return loss.value(tb, yb, wb);
  };
}

/** argmin / min of f over an equispaced grid of `count` points on [lo, hi]. */
export function gridMin(f: (t: number) => number, lo: number, hi: number, count: number): { t: number; value: number; step: number } {
  const step = (hi - lo) / (count - 1);
  let best = Infinity;
  let bestT = lo;
  for (let i = 0; i < count; i++) {
    const t = lo + i * step;
    const v = f(t);
    if (v < best) {
      best = v;
      bestT = t;
    }
  }
  return { t: bestT, value: best, step };
}
