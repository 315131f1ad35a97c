/**
 * Regression metrics (scikit-learn definitions) for targets y and predictions yhat of length n:
 *   mse = (1/n) sum (yhat - y)^2,  rmse = sqrt(mse),  mae = (1/n) sum |yhat - y|,
 *   r2 = 1 - sum (yhat - y)^2 / sum (y - mean y)^2.
 * Undefined values are null, never NaN: every metric on empty input, and r2 when y is constant
 * (checked exactly, not via a rounded variance; scikit-learn would return 1 or 0 there).
 * Mismatched lengths or NaN entries throw ConvexNetError (`data/...`).
 */
import { ConvexNetError } from '../errors';

export interface RegressionReport {
  n: number;
  mse: number | null;
  rmse: number | null;
  mae: number | null;
  r2: number | null;
}

function check(what: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  if (yTrue.length !== yPred.length) {
    throw new ConvexNetError('data/length-mismatch', `${what}: yTrue has ${yTrue.length} entries but yPred has ${yPred.length}.`);
  }
  for (let k = 0; k < yTrue.length; k++) {
    if (Number.isNaN(yTrue[k]) || Number.isNaN(yPred[k])) {
      throw new ConvexNetError('data/nan', `${what}: entry ${k} is NaN (yTrue ${yTrue[k]}, yPred ${yPred[k]}).`);
    }
  }
}

function sumSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < yTrue.length; k++) {
    const r = yPred[k] - yTrue[k];
    s += r * r;
  }
  return s;
}

export function mse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  check('mse', yTrue, yPred);
  return yTrue.length === 0 ? null : sumSquaredError(yTrue, yPred) / yTrue.length;
}

export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  const m = mse(yTrue, yPred);
  return m === null ? null : Math.sqrt(m);
}

export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  check('mae', yTrue, yPred);
  if (yTrue.length === 0) return null;
  let s = 0;
  for (let k = 0; k < yTrue.length; k++) s += Math.abs(yPred[k] - yTrue[k]);
  return s / yTrue.length;
}

export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | null {
  check('r2', yTrue, yPred);
  const n = yTrue.length;
  if (n === 0) return null;
  let constant = true;
  let mean = 0;
  for (let k = 0; k < n; k++) {
    if (yTrue[k] !== yTrue[0]) constant = false;
    mean += yTrue[k];
  }
  if (constant) return null;
  mean /= n;
  let ssTot = 0;
  for (let k = 0; k < n; k++) ssTot += (yTrue[k] - mean) ** 2;
  return 1 - sumSquaredError(yTrue, yPred) / ssTot;
}

export function regressionReport(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionReport {
  const m = mse(yTrue, yPred);
  return { n: yTrue.length, mse: m, rmse: m === null ? null : Math.sqrt(m), mae: mae(yTrue, yPred), r2: r2(yTrue, yPred) };
}
