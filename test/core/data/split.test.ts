import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src-core/data/dataset';
import { holdOutIndices, kFoldIndices, trainTestSplit } from '../../../src-core/data/split';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { expectConvexNetError } from './expect-error';

/** Labels with class sizes 50, 30 and 7 (interleaved). */
function unevenLabels(): Float64Array {
  const labels: number[] = [];
  for (let i = 0; i < 50; i++) labels.push(0);
  for (let i = 0; i < 30; i++) labels.push(1);
  for (let i = 0; i < 7; i++) labels.push(2);
  return Float64Array.from(labels.map((_, i) => labels[(i * 37) % labels.length]!));
}

function count(labels: ArrayLike<number>, indices: Int32Array, c: number): number {
  return Array.from(indices).filter((i) => labels[i] === c).length;
}

function dataset(y: Float64Array, task: Dataset['task']): Dataset {
  const X = createMatrix(y.length, 2);
  for (let i = 0; i < y.length; i++) X.data.set([i, -i], 2 * i);
  return { X, y, task, featureNames: ['a', 'b'], classNames: task === 'regression' ? [] : ['p', 'q', 'r'] };
}

describe('holdOutIndices', () => {
  it('stratifies: each class sends its rounded share to the test part and the total is round(n * f)', () => {
    const labels = unevenLabels();
    const { trainIndices, testIndices } = holdOutIndices(labels, 0.2, 7);
    expect(testIndices.length).toBe(Math.round(labels.length * 0.2));
    expect(count(labels, testIndices, 0)).toBe(10);
    expect(count(labels, testIndices, 1)).toBe(6);
    expect([1, 2]).toContain(count(labels, testIndices, 2));
    expect(trainIndices.length + testIndices.length).toBe(labels.length);
    expect(new Set([...trainIndices, ...testIndices]).size).toBe(labels.length);
    expect(Array.from(testIndices)).toEqual(Array.from(testIndices).sort((a, b) => a - b));
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const labels = unevenLabels();
    expect(holdOutIndices(labels, 0.3, 5)).toEqual(holdOutIndices(labels, 0.3, 5));
    expect(holdOutIndices(labels, 0.3, 5).testIndices).not.toEqual(holdOutIndices(labels, 0.3, 6).testIndices);
    expect(holdOutIndices(100, 0.25, 5)).toEqual(holdOutIndices(100, 0.25, 5));
    expect(holdOutIndices(100, 0.25, 5).testIndices.length).toBe(25);
  });

  it('keeps at least one training row of every class', () => {
    const labels = Float64Array.from([0, 0, 0, 0, 1]);
    for (let seed = 0; seed < 10; seed++) {
      const { trainIndices } = holdOutIndices(labels, 0.9, seed);
      expect(count(labels, trainIndices, 1)).toBe(1);
      expect(count(labels, trainIndices, 0)).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives an empty test part for fraction 0 and refuses fractions outside [0, 1) and bad seeds', () => {
    expect(holdOutIndices(10, 0, 1).testIndices.length).toBe(0);
    expectConvexNetError(() => holdOutIndices(10, 1, 1), 'data/invalid-split');
    expectConvexNetError(() => holdOutIndices(10, -0.1, 1), 'data/invalid-split');
    expectConvexNetError(() => holdOutIndices(10, Number.NaN, 1), 'data/invalid-split');
    expectConvexNetError(() => holdOutIndices(10, 0.2, -1), 'data/invalid-split');
  });
});

describe('trainTestSplit', () => {
  it('splits the rows and targets of a dataset consistently, stratified for classification', () => {
    const y = unevenLabels();
    const split = trainTestSplit(dataset(y, 'multiclass'), 0.2, 3);
    expect(split).toMatchObject(holdOutIndices(y, 0.2, 3));
    split.testIndices.forEach((row, k) => {
      expect(split.test.y[k]).toBe(y[row]);
      expect(split.test.X.data[2 * k]).toBe(row);
    });
    expect(split.train.X.rows).toBe(split.trainIndices.length);
    expect(split.train.classNames).toEqual(['p', 'q', 'r']);
  });

  it('splits regression data without stratification', () => {
    const y = Float64Array.from({ length: 40 }, (_, i) => i / 3);
    const split = trainTestSplit(dataset(y, 'regression'), 0.25, 3);
    expect(split).toMatchObject(holdOutIndices(40, 0.25, 3));
    expect(split.test.y.length).toBe(10);
  });
});

describe('kFoldIndices', () => {
  it('partitions the rows into k test folds of nearly equal size, each class spread evenly', () => {
    const labels = unevenLabels();
    const folds = kFoldIndices(labels, 5, 11, true);
    const seen = folds.flatMap((f) => Array.from(f.testIndices)).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: labels.length }, (_, i) => i));
    const sizes = folds.map((f) => f.testIndices.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const fold of folds) {
      expect(count(labels, fold.testIndices, 0)).toBe(10);
      expect(count(labels, fold.testIndices, 1)).toBe(6);
      expect([1, 2]).toContain(count(labels, fold.testIndices, 2));
      expect(fold.trainIndices.length + fold.testIndices.length).toBe(labels.length);
      expect(Array.from(fold.trainIndices).some((i) => Array.from(fold.testIndices).includes(i))).toBe(false);
    }
  });

  it('is deterministic, works from a row count, and refuses bad k', () => {
    expect(kFoldIndices(20, 4, 2, false)).toEqual(kFoldIndices(20, 4, 2, false));
    expect(kFoldIndices(20, 4, 2, false)).not.toEqual(kFoldIndices(20, 4, 3, false));
    expect(kFoldIndices(20, 4, 2, false).map((f) => f.testIndices.length)).toEqual([5, 5, 5, 5]);
    expectConvexNetError(() => kFoldIndices(20, 1, 2, false), 'data/invalid-split');
    expectConvexNetError(() => kFoldIndices(3, 4, 2, false), 'data/invalid-split');
    expectConvexNetError(() => kFoldIndices(20, 4, 2, true), 'data/invalid-split');
  });
});
