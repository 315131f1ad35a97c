/**
 * Seeded synthetic data of the benchmarks. X is Gaussian, standardized column by column (mean 0,
 * sample standard deviation 1, as the app's preprocessing does). Both targets come from one
 * random "teacher" two-layer ReLU network plus a smooth term, so they are nonlinear in X:
 *   f(x) = sum_{j<8} a_j (w_j^T x + b_j)_+ + 0.5 sin(2 x_0)
 *   regression: y = f(x) + 0.1 noise;   binary: y = 1[f(x) > median f], 5% of labels flipped.
 * Everything is drawn from the core's Prng, so the same (n, features, seed) gives the same data
 * on every machine.
 */
import type { Dataset } from '../src-core/data/dataset';
import { appendOnesColumn, createMatrix, type Matrix } from '../src-core/linalg/matrix';
import { Prng } from '../src-core/random/prng';

export interface SyntheticData {
  /** n x features, standardized; no bias column. */
  readonly X: Matrix;
  readonly yRegression: Float64Array;
  /** Class labels 0/1. */
  readonly yBinary: Float64Array;
}

const TEACHER_UNITS = 8;
const LABEL_FLIP = 0.05;

export function makeSyntheticData(n: number, features: number, seed: number): SyntheticData {
  const rng = new Prng(seed >>> 0);
  const X = createMatrix(n, features);
  const x = X.data;
  for (let i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
  standardizeColumns(X);

  const W = new Float64Array(TEACHER_UNITS * features);
  const scale = 1 / Math.sqrt(features);
  for (let i = 0; i < W.length; i++) W[i] = scale * rng.nextGaussian();
  const b = Float64Array.from({ length: TEACHER_UNITS }, () => 0.5 * rng.nextGaussian());
  const a = Float64Array.from({ length: TEACHER_UNITS }, () => rng.nextGaussian());

  const f = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const row = k * features;
    let s = 0.5 * Math.sin(2 * x[row]!);
    for (let j = 0; j < TEACHER_UNITS; j++) {
      let z = b[j]!;
      const w = j * features;
      for (let l = 0; l < features; l++) z += W[w + l]! * x[row + l]!;
      if (z > 0) s += a[j]! * z;
    }
    f[k] = s;
  }
  const yRegression = new Float64Array(n);
  for (let k = 0; k < n; k++) yRegression[k] = f[k]! + 0.1 * rng.nextGaussian();
  const threshold = medianOf(f);
  const yBinary = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const label = f[k]! > threshold ? 1 : 0;
    yBinary[k] = rng.nextFloat() < LABEL_FLIP ? 1 - label : label;
  }
  return { X, yRegression, yBinary };
}

/** X with the constant-1 column appended, as trainModel does with the default bias option. */
export function withBias(X: Matrix): Matrix {
  return appendOnesColumn(X);
}

/** The binary data as a Dataset for trainModel (which appends the bias column itself). */
export function binaryDataset(data: SyntheticData): Dataset {
  return {
    X: data.X,
    y: data.yBinary,
    task: 'binary',
    featureNames: Array.from({ length: data.X.cols }, (_, j) => `x${j}`),
    classNames: ['0', '1'],
  };
}

function standardizeColumns(X: Matrix): void {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let k = 0; k < n; k++) for (let l = 0; l < d; l++) mean[l] += data[k * d + l]!;
  for (let l = 0; l < d; l++) mean[l] /= n;
  for (let k = 0; k < n; k++) {
    for (let l = 0; l < d; l++) {
      const c = data[k * d + l]! - mean[l]!;
      data[k * d + l] = c;
      sq[l] += c * c;
    }
  }
  for (let l = 0; l < d; l++) {
    const sd = Math.sqrt(sq[l]! / Math.max(1, n - 1));
    const inv = sd > 0 ? 1 / sd : 1;
    for (let k = 0; k < n; k++) data[k * d + l] *= inv;
  }
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}
