import { describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../src-core/errors';
import {
  accuracy, balancedAccuracy, binaryScores, classificationReport, confusionMatrix, logLoss, macroScores, oneVsRestRocAuc, perClassScores, rocAuc, rocCurve,
} from '../../../src-core/metrics/classification-metrics';
import { Prng } from '../../../src-core/random/prng';

// Imbalanced binary example (8 negatives, 2 positives):
//   yTrue = 0 0 0 0 0 0 0 0 1 1
//   yPred = 0 0 0 0 0 0 1 1 1 0
// TN = 6, FP = 2, FN = 1, TP = 1.
// accuracy = 7/10; recall_0 = 6/8, recall_1 = 1/2 -> balanced accuracy = (0.75 + 0.5)/2 = 0.625
// (what sklearn.metrics.balanced_accuracy_score returns; plain accuracy 0.7 hides the weak class).
// precision_1 = 1/3, precision_0 = 6/7; F1_1 = 2TP/(2TP+FP+FN) = 2/5, F1_0 = 12/15 = 0.8.
// macro: P = (6/7 + 1/3)/2 = 25/42, R = 0.625, F1 = (0.8 + 0.4)/2 = 0.6.
const bTrue = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
const bPred = [0, 0, 0, 0, 0, 0, 1, 1, 1, 0];

// Multi-class example with K = 4: class 2 is never predicted, class 3 appears nowhere.
//   yTrue = 0 0 1 1 1 2 ; yPred = 0 1 1 1 0 0
// C = [[1,1,0,0],[1,2,0,0],[1,0,0,0],[0,0,0,0]]
// precision = [1/3, 2/3, null, null]; recall = [1/2, 2/3, 0, null]; F1 = [2/5, 2/3, 0, null]
// macro over classes {0,1,2} (present in yTrue or yPred), undefined counted as 0:
//   P = (1/3 + 2/3 + 0)/3 = 1/3, R = (1/2 + 2/3 + 0)/3 = 7/18, F1 = (2/5 + 2/3 + 0)/3 = 16/45
// balanced accuracy = mean recall over classes in yTrue {0,1,2} = 7/18; accuracy = 3/6.
const mTrue = [0, 0, 1, 1, 1, 2];
const mPred = [0, 1, 1, 1, 0, 0];

function closeArray(actual: (number | null)[], expected: (number | null)[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null) expect(a).toBeNull();
    else expect(a).toBeCloseTo(e, 14);
  });
}

/** AUC by counting all (positive, negative) pairs: wins + ties / 2, over P N. */
function bruteForceAuc(y: number[], s: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      pairs++;
      if (s[i] > s[j]) wins += 1;
      else if (s[i] === s[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('classification metrics', () => {
  it('confusion matrix, accuracy and balanced accuracy on the imbalanced binary example', () => {
    expect(confusionMatrix(bTrue, bPred, 2)).toEqual([[6, 2], [1, 1]]);
    expect(accuracy(bTrue, bPred)).toBeCloseTo(0.7, 15);
    expect(balancedAccuracy(bTrue, bPred)).toBeCloseTo(0.625, 15);
    const bin = binaryScores(bTrue, bPred);
    expect(bin.precision).toBeCloseTo(1 / 3, 15);
    expect(bin.recall).toBeCloseTo(0.5, 15);
    expect(bin.f1).toBeCloseTo(0.4, 15);
    const macro = macroScores(bTrue, bPred, 2);
    expect(macro.precision).toBeCloseTo(25 / 42, 15);
    expect(macro.recall).toBeCloseTo(0.625, 15);
    expect(macro.f1).toBeCloseTo(0.6, 15);
  });

  it('per-class and macro scores with a never-predicted and an absent class (nulls, not NaN)', () => {
    expect(confusionMatrix(mTrue, mPred, 4)).toEqual([[1, 1, 0, 0], [1, 2, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]);
    const per = perClassScores(mTrue, mPred, 4);
    closeArray(per.precision, [1 / 3, 2 / 3, null, null]);
    closeArray(per.recall, [1 / 2, 2 / 3, 0, null]);
    closeArray(per.f1, [2 / 5, 2 / 3, 0, null]);
    expect(per.support).toEqual([2, 3, 1, 0]);
    const macro = macroScores(mTrue, mPred, 4);
    expect(macro.precision).toBeCloseTo(1 / 3, 15);
    expect(macro.recall).toBeCloseTo(7 / 18, 15);
    expect(macro.f1).toBeCloseTo(16 / 45, 15);
    expect(balancedAccuracy(mTrue, mPred, 4)).toBeCloseTo(7 / 18, 15);
    expect(accuracy(mTrue, mPred)).toBe(0.5);
  });

  it('binary precision is null when nothing is predicted positive; empty input gives nulls', () => {
    const s = binaryScores([0, 1, 1], [0, 0, 0]);
    expect(s.precision).toBeNull();
    expect(s.recall).toBe(0);
    expect(s.f1).toBe(0);
    expect(binaryScores([0, 0], [0, 0])).toEqual({ precision: null, recall: null, f1: null });
    expect(accuracy([], [])).toBeNull();
    expect(balancedAccuracy([], [])).toBeNull();
    expect(macroScores([], [], 2)).toEqual({ precision: null, recall: null, f1: null });
  });

  it('ROC AUC: classic example, ties, one-class null, and brute-force pair counting on random data', () => {
    // sklearn docs example: y = [0,0,1,1], scores = [0.1,0.4,0.35,0.8] -> 0.75
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 15);
    // pairs (pos, neg): (0.5,0.5) tie 1/2, (0.5,0.2) 1, (0.9,0.5) 1, (0.9,0.2) 1 -> 3.5/4
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 15);
    expect(rocAuc([1, 1, 1], [0.1, 0.2, 0.3])).toBeNull();
    expect(rocAuc([0, 1], [-Infinity, Infinity])).toBe(1);
    const r = new Prng(2024);
    for (let trial = 0; trial < 5; trial++) {
      const n = 60 + r.nextInt(40);
      const y: number[] = [];
      const s: number[] = [];
      for (let k = 0; k < n; k++) {
        const c = r.nextFloat() < 0.3 ? 1 : 0;
        y.push(c);
        s.push(Math.round((r.nextGaussian() + c) * 4) / 4); // coarse rounding -> many ties
      }
      expect(rocAuc(y, s)).toBeCloseTo(bruteForceAuc(y, s), 12);
    }
  });

  it('ROC curve: points at every distinct threshold and trapezoidal area equal to the AUC', () => {
    expect(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toEqual({
      fpr: [0, 0, 0.5, 0.5, 1],
      tpr: [0, 0.5, 0.5, 1, 1],
      thresholds: [Number.MAX_VALUE, 0.8, 0.4, 0.35, 0.1],
    });
    expect(rocCurve([0, 0], [0.1, 0.2])).toBeNull();
    const r = new Prng(7);
    const y: number[] = [];
    const s: number[] = [];
    for (let k = 0; k < 80; k++) {
      y.push(k % 3 === 0 ? 1 : 0);
      s.push(Math.round(r.nextGaussian() * 3) / 3 + (k % 3 === 0 ? 0.5 : 0));
    }
    const curve = rocCurve(y, s);
    expect(curve).not.toBeNull();
    if (curve === null) return;
    let area = 0;
    for (let i = 1; i < curve.fpr.length; i++) area += (curve.fpr[i] - curve.fpr[i - 1]) * (curve.tpr[i] + curve.tpr[i - 1]) / 2;
    expect(area).toBeCloseTo(rocAuc(y, s) ?? Number.NaN, 12);
    expect(curve.fpr.at(-1)).toBe(1);
    expect(curve.tpr.at(-1)).toBe(1);
    expect(new Set(curve.thresholds).size).toBe(curve.thresholds.length);
  });

  it('log loss: binary and multi-class forms, clipping at 1e-15', () => {
    expect(logLoss([1, 0], [0.9, 0.2])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 15);
    // certain and wrong: each term is -log(1e-15) = 34.538776...
    expect(logLoss([0, 1], [1, 0])).toBeCloseTo(-Math.log(1e-15), 10);
    // certain and right: each term -log(1 - 1e-15) ~ 1e-15
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(2e-15);
    expect(logLoss([0, 2], [0.7, 0.2, 0.1, 0.1, 0.3, 0.6])).toBeCloseTo(-(Math.log(0.7) + Math.log(0.6)) / 2, 15);
    expect(logLoss([], [])).toBeNull();
    expect(() => logLoss([0, 1], [0.5, 0.5, 0.5])).toThrow(/probabilities has 3 entries/);
    expect(() => logLoss([0, 1], [0.5, 1.5])).toThrow(/\[0, 1\]/);
    expect(() => logLoss([0, 3], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5])).toThrow(/yTrue\[1\] = 3/);
  });

  it('classificationReport bundles all metrics and takes the AUC from probabilities when no scores are given', () => {
    const probs = [0.1, 0.2, 0.3, 0.2, 0.4, 0.1, 0.7, 0.6, 0.8, 0.45];
    const rep = classificationReport(bTrue, bPred, { probabilities: probs });
    expect(rep.n).toBe(10);
    expect(rep.classCount).toBe(2);
    expect(rep.confusionMatrix).toEqual([[6, 2], [1, 1]]);
    expect(rep.accuracy).toBeCloseTo(0.7, 15);
    expect(rep.balancedAccuracy).toBeCloseTo(0.625, 15);
    expect(rep.binary?.precision).toBeCloseTo(1 / 3, 15);
    expect(rep.macro.f1).toBeCloseTo(0.6, 15);
    expect(rep.rocAuc).toBe(rocAuc(bTrue, probs));
    expect(rep.logLoss).toBe(logLoss(bTrue, probs));
    expect(rep.rocCurve?.thresholds[0]).toBe(Number.MAX_VALUE);
    const repM = classificationReport(mTrue, mPred, { classCount: 4 });
    expect(repM.binary).toBeNull();
    expect(repM.rocAuc).toBeNull();
    expect(repM.logLoss).toBeNull();
    expect(repM.balancedAccuracy).toBeCloseTo(7 / 18, 15);
    expect(() => classificationReport(mTrue, mPred, { classCount: 4, scores: [1, 2, 3, 4, 5, 6] })).toThrow(/2 classes/);
  });

  it('multi-class ROC AUC is the mean of the one-vs-rest areas, pair by pair, and null when a class is absent', () => {
    const prng = new Prng(17);
    const K = 3;
    const y = Array.from({ length: 40 }, (_, k) => k % K);
    // Rounded to two digits so ties occur.
    const probabilities = y.flatMap((label) => {
      const raw = Array.from({ length: K }, (_, c) => Math.exp(prng.nextGaussian() + (c === label ? 1 : 0)));
      const total = raw.reduce((a, b) => a + b, 0);
      return raw.map((v) => Math.round((100 * v) / total) / 100);
    });
    const perClass = Array.from({ length: K }, (_, c) => bruteForceAuc(y.map((v) => (v === c ? 1 : 0)), y.map((_, k) => probabilities[k * K + c]!)));
    const expected = perClass.reduce((a, b) => a + b, 0) / K;
    expect(oneVsRestRocAuc(y, probabilities, K)).toBeCloseTo(expected, 12);
    const report = classificationReport(y, y, { classCount: K, probabilities });
    expect(report.rocAuc).toBe(oneVsRestRocAuc(y, probabilities, K));
    expect(report.rocCurve).toBeNull();
    // Class 2 never occurs: its area is undefined, so is the mean.
    const two = y.map((v) => (v === 2 ? 0 : v));
    expect(oneVsRestRocAuc(two, probabilities, K)).toBeNull();
    expect(() => oneVsRestRocAuc(y, probabilities.slice(1), K)).toThrow(/n x K = 40 x 3/);
  });

  it('rejects invalid input with data/... ConvexNetErrors', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isConvexNetError(e) ? e.code : 'not a ConvexNetError';
      }
      return 'no error';
    };
    expect(codeOf(() => confusionMatrix([0, 1], [0], 2))).toBe('data/length-mismatch');
    expect(codeOf(() => confusionMatrix([0, 2], [0, 1], 2))).toBe('data/invalid-label');
    expect(codeOf(() => confusionMatrix([0, 0.5], [0, 1], 2))).toBe('data/invalid-label');
    expect(codeOf(() => confusionMatrix([0], [0], 0))).toBe('data/invalid-class-count');
    expect(codeOf(() => rocAuc([0, 1], [0.1, Number.NaN]))).toBe('data/invalid-score');
    expect(codeOf(() => rocAuc([0, -1], [0.1, 0.2]))).toBe('data/invalid-label');
  });
});
