import { cloneMatrix, createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { toyGenerators, toyMaskRows, toyX as sharedToyX } from '../fixtures/toy-problem';
import type { PatternSet } from '../../../src-core/patterns/pattern-set';
import { Prng } from '../../../src-core/random/prng';

/** Toy data of paper-spec.md 7.3 (shared fixture), bias column appended (d = 3); a fresh copy. */
export function toyX(): Matrix {
  return cloneMatrix(sharedToyX);
}

/** Sampling vectors h1..h6 of paper-spec.md 7.3 (last entry multiplies the bias column); a fresh copy. */
export function toyH(): Matrix {
  return cloneMatrix(toyGenerators);
}

/** The 8 x 5 pattern table of paper-spec.md 7.3 (rows k = 1..8, columns i = 1..5). */
export const TOY_TABLE: readonly (readonly number[])[] = toyMaskRows;

export function gaussianMatrix(rows: number, cols: number, seed: number): Matrix {
  const prng = new Prng(seed);
  const m = createMatrix(rows, cols);
  for (let t = 0; t < m.data.length; t++) m.data[t] = prng.nextGaussian();
  return m;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const out = createMatrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++)
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] = out.data[i * b.cols + j]! + a.data[i * a.cols + k]! * b.data[k * b.cols + j]!;
  return out;
}

/** Column i of the masks as a 0/1 string (rows k = 0..n-1). */
export function maskColumn(set: PatternSet, i: number): string {
  let s = '';
  for (let k = 0; k < set.n; k++) s += set.masks[k * set.count + i]!;
  return s;
}

export function patternKeys(set: PatternSet): string[] {
  return Array.from({ length: set.count }, (_, i) => maskColumn(set, i));
}

/** Pattern 1[X h >= 0] of one vector h, computed directly. */
export function patternOf(X: Matrix, h: ArrayLike<number>): string {
  let s = '';
  for (let k = 0; k < X.rows; k++) {
    let v = 0;
    for (let j = 0; j < X.cols; j++) v += X.data[k * X.cols + j]! * h[j]!;
    s += v >= 0 ? '1' : '0';
  }
  return s;
}

/** Distinct patterns of `samples` Gaussian h ~ N(0, I_d), computed directly (no library code). */
export function bruteForcePatterns(X: Matrix, samples: number, seed: number): Set<string> {
  const prng = new Prng(seed);
  const h = new Float64Array(X.cols);
  const out = new Set<string>();
  for (let s = 0; s < samples; s++) {
    for (let j = 0; j < h.length; j++) h[j] = prng.nextGaussian();
    out.add(patternOf(X, h));
  }
  return out;
}
