import { ConvexNetError } from '../errors';
import { selectRows } from '../linalg/matrix';
import { Prng } from '../random/prng';
import type { Dataset } from './dataset';

/** Row indices of one split, each list ascending. */
export interface SplitIndices {
  readonly trainIndices: Int32Array;
  readonly testIndices: Int32Array;
}

export interface DatasetSplit extends SplitIndices {
  readonly train: Dataset;
  readonly test: Dataset;
}

/**
 * Seeded hold-out split of a prepared dataset; stratified by class for classification (see
 * holdOutIndices). The same dataset, fraction and seed always give the same split.
 */
export function trainTestSplit(dataset: Dataset, testFraction: number, seed: number): DatasetSplit {
  const split = holdOutIndices(dataset.task === 'regression' ? dataset.y.length : dataset.y, testFraction, seed);
  return { ...split, train: subset(dataset, split.trainIndices), test: subset(dataset, split.testIndices) };
}

/**
 * Hold-out indices. Given labels (class indices), the split is stratified: each class sends
 * round(count * fraction) rows to the test part (rounding by largest remainder so the total is
 * round(n * fraction)), but always keeps at least one row of every class for training. Given a
 * row count n, the test part is round(n * fraction) rows drawn uniformly.
 */
export function holdOutIndices(labelsOrCount: ArrayLike<number> | number, testFraction: number, seed: number): SplitIndices {
  if (typeof testFraction !== 'number' || !Number.isFinite(testFraction) || testFraction < 0 || testFraction >= 1) {
    throw new ConvexNetError('data/invalid-split', `The test fraction must be at least 0 and below 1, got ${testFraction}.`);
  }
  const prng = new Prng(checkedSeed(seed));
  const groups = groupRows(labelsOrCount);
  const n = groups.reduce((total, g) => total + g.length, 0);
  const quotas = testQuotas(groups.map((g) => g.length), Math.round(n * testFraction), testFraction, typeof labelsOrCount !== 'number');
  const isTest = new Uint8Array(n);
  groups.forEach((rows, g) => {
    prng.shuffle(rows);
    for (let k = 0; k < quotas[g]!; k++) isTest[rows[k]!] = 1;
  });
  return fromMembership(isTest);
}

/**
 * k folds for cross-validation: fold f tests on testIndices and trains on the rest. Stratified
 * (labels required): every class is spread over the folds as evenly as possible. Fold sizes
 * differ by at most one.
 */
export function kFoldIndices(labelsOrCount: ArrayLike<number> | number, k: number, seed: number, stratified: boolean): SplitIndices[] {
  if (stratified && typeof labelsOrCount === 'number') {
    throw new ConvexNetError('data/invalid-split', 'A stratified k-fold split needs the class labels, not only the row count.');
  }
  const groups = stratified ? groupRows(labelsOrCount) : groupRows(typeof labelsOrCount === 'number' ? labelsOrCount : labelsOrCount.length);
  const n = groups.reduce((total, g) => total + g.length, 0);
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new ConvexNetError('data/invalid-split', `The number of folds must be a whole number from 2 to the number of rows (${n}), got ${k}.`);
  }
  const prng = new Prng(checkedSeed(seed));
  const fold = new Int32Array(n);
  let position = 0;
  for (const rows of groups) {
    prng.shuffle(rows);
    for (const row of rows) fold[row] = position++ % k;
  }
  const folds: SplitIndices[] = [];
  for (let f = 0; f < k; f++) {
    const isTest = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (fold[i] === f) isTest[i] = 1;
    folds.push(fromMembership(isTest));
  }
  return folds;
}

function subset(dataset: Dataset, indices: Int32Array): Dataset {
  return {
    X: selectRows(dataset.X, indices),
    y: Float64Array.from(indices, (i) => dataset.y[i]!),
    task: dataset.task,
    featureNames: dataset.featureNames,
    classNames: dataset.classNames,
  };
}

function checkedSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ConvexNetError('data/invalid-split', `The seed must be a whole number from 0 to 4294967295, got ${seed}.`);
  }
  return seed;
}

/** Row indices per class (ascending within each class), or one group of all rows. */
function groupRows(labelsOrCount: ArrayLike<number> | number): Int32Array[] {
  if (typeof labelsOrCount === 'number') {
    if (!Number.isInteger(labelsOrCount) || labelsOrCount < 0) throw new ConvexNetError('data/invalid-split', `The row count must be a whole number, got ${labelsOrCount}.`);
    return [Int32Array.from({ length: labelsOrCount }, (_, i) => i)];
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labelsOrCount.length; i++) {
    const label = labelsOrCount[i]!;
    if (!Number.isInteger(label) || label < 0) throw new ConvexNetError('data/invalid-split', `Class labels must be class indices (whole numbers >= 0); row ${i + 1} has ${label}.`);
    const rows = byClass.get(label);
    if (rows) rows.push(i);
    else byClass.set(label, [i]);
  }
  return [...byClass.keys()].sort((a, b) => a - b).map((label) => Int32Array.from(byClass.get(label)!));
}

/** Test rows per group: largest-remainder rounding to `total`, keeping one training row per class. */
function testQuotas(sizes: readonly number[], total: number, fraction: number, keepEveryClass: boolean): number[] {
  const cap = sizes.map((s) => (keepEveryClass ? Math.max(0, s - 1) : s));
  const exact = sizes.map((s) => s * fraction);
  const quotas = exact.map((e, g) => Math.min(Math.floor(e), cap[g]!));
  let remaining = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((e, g) => ({ g, remainder: e - Math.floor(e) })).sort((a, b) => b.remainder - a.remainder || a.g - b.g);
  for (const { g } of order) {
    if (remaining <= 0) break;
    if (quotas[g]! < cap[g]!) {
      quotas[g]!++;
      remaining--;
    }
  }
  return quotas;
}

function fromMembership(isTest: Uint8Array): SplitIndices {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < isTest.length; i++) (isTest[i] ? test : train).push(i);
  return { trainIndices: Int32Array.from(train), testIndices: Int32Array.from(test) };
}
