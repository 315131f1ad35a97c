/**
 * Classification metrics on plain label arrays (classes are integers 0..K-1; binary: K = 2 with
 * class 1 the positive class). Conventions follow scikit-learn unless stated.
 *
 * Undefined values are `null`, never NaN:
 *  - every metric on empty input;
 *  - precision of a class that is never predicted (TP + FP = 0), recall of a class absent from
 *    yTrue (TP + FN = 0), F1 of a class absent from both;
 *  - rocAuc / rocCurve when yTrue holds only one class (multi-class rocAuc: when some class is
 *    absent from yTrue or is all of it).
 * Macro averages run over the classes present in yTrue or yPred and count an undefined
 * per-class value as 0 (scikit-learn's zero_division=0), so a never-predicted class pulls the
 * macro precision down instead of disappearing. balancedAccuracy averages recall over the
 * classes present in yTrue only (scikit-learn's balanced_accuracy_score).
 *
 * Invalid input (length mismatch, labels that are not integers in [0, K), NaN scores,
 * probabilities outside [0, 1]) throws ConvexNetError with a `data/...` code.
 */
import { ConvexNetError } from '../errors';

export type LabelArray = ArrayLike<number>;

export interface PerClassScores {
  precision: (number | null)[];
  recall: (number | null)[];
  f1: (number | null)[];
  /** Number of samples of each class in yTrue. */
  support: number[];
}

export interface AveragedScores {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface RocCurve {
  /** Points ordered by decreasing threshold; the first point is (0, 0) at threshold Number.MAX_VALUE (no score reaches it; finite so the curve stays valid JSON). */
  fpr: number[];
  tpr: number[];
  /** A sample is predicted positive when score >= threshold. */
  thresholds: number[];
}

export interface ClassificationReport {
  n: number;
  classCount: number;
  /** Rows: true class, columns: predicted class. */
  confusionMatrix: number[][];
  accuracy: number | null;
  balancedAccuracy: number | null;
  perClass: PerClassScores;
  macro: AveragedScores;
  /** Precision/recall/F1 of class 1; null unless classCount = 2. */
  binary: AveragedScores | null;
  /**
   * Binary: from options.scores, else from the probabilities. Multi-class: the mean over the
   * classes of the one-vs-rest areas of their probabilities (oneVsRestRocAuc). Null without
   * scores or probabilities, or when a class has no row or every row.
   */
  rocAuc: number | null;
  rocCurve: RocCurve | null;
  /** Null unless options.probabilities is given. */
  logLoss: number | null;
}

export interface ClassificationReportOptions {
  /** Number of classes K (default 2). */
  classCount?: number;
  /** Binary only: real-valued scores, larger = more likely class 1 (e.g. the network output). */
  scores?: LabelArray;
  /** Probabilities as accepted by logLoss: length n (p of class 1) or n x K row-major. */
  probabilities?: LabelArray;
}

/** Clipping used by logLoss: p is clamped to [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS]. */
export const LOG_LOSS_EPS = 1e-15;

function checkSameLength(what: string, a: LabelArray, b: LabelArray): void {
  if (a.length !== b.length) {
    throw new ConvexNetError('data/length-mismatch', `${what}: yTrue has ${a.length} entries but the second argument has ${b.length}.`);
  }
}

function checkClassCount(what: string, classCount: number): void {
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new ConvexNetError('data/invalid-class-count', `${what}: classCount must be a positive integer, got ${classCount}.`);
  }
}

function checkLabels(what: string, name: string, labels: LabelArray, classCount: number): void {
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= classCount) {
      throw new ConvexNetError('data/invalid-label', `${what}: ${name}[${i}] = ${c}; expected an integer class in [0, ${classCount}).`);
    }
  }
}

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** K x K counts, C[i][j] = #{k : yTrue_k = i, yPred_k = j}. */
export function confusionMatrix(yTrue: LabelArray, yPred: LabelArray, classCount: number): number[][] {
  checkSameLength('confusionMatrix', yTrue, yPred);
  checkClassCount('confusionMatrix', classCount);
  checkLabels('confusionMatrix', 'yTrue', yTrue, classCount);
  checkLabels('confusionMatrix', 'yPred', yPred, classCount);
  const c = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let k = 0; k < yTrue.length; k++) c[yTrue[k]][yPred[k]] += 1;
  return c;
}

/** Fraction of exact matches; null for empty input. */
export function accuracy(yTrue: LabelArray, yPred: LabelArray): number | null {
  checkSameLength('accuracy', yTrue, yPred);
  let hits = 0;
  for (let k = 0; k < yTrue.length; k++) if (yTrue[k] === yPred[k]) hits++;
  return ratio(hits, yTrue.length);
}

function perClassFromMatrix(c: number[][]): PerClassScores {
  const kCount = c.length;
  const out: PerClassScores = { precision: [], recall: [], f1: [], support: [] };
  for (let i = 0; i < kCount; i++) {
    const tp = c[i][i];
    let rowSum = 0; // TP + FN
    let colSum = 0; // TP + FP
    for (let j = 0; j < kCount; j++) {
      rowSum += c[i][j];
      colSum += c[j][i];
    }
    out.precision.push(ratio(tp, colSum));
    out.recall.push(ratio(tp, rowSum));
    out.f1.push(ratio(2 * tp, rowSum + colSum)); // 2TP / (2TP + FP + FN)
    out.support.push(rowSum);
  }
  return out;
}

function macroFromMatrix(c: number[][], per: PerClassScores): AveragedScores {
  let present = 0;
  const sum = { precision: 0, recall: 0, f1: 0 };
  for (let i = 0; i < c.length; i++) {
    let predicted = 0;
    for (let j = 0; j < c.length; j++) predicted += c[j][i];
    if (per.support[i] === 0 && predicted === 0) continue; // class in neither yTrue nor yPred
    present++;
    sum.precision += per.precision[i] ?? 0;
    sum.recall += per.recall[i] ?? 0;
    sum.f1 += per.f1[i] ?? 0;
  }
  if (present === 0) return { precision: null, recall: null, f1: null };
  return { precision: sum.precision / present, recall: sum.recall / present, f1: sum.f1 / present };
}

function balancedFromMatrix(per: PerClassScores): number | null {
  let s = 0;
  let present = 0;
  for (const r of per.recall) {
    if (r === null) continue; // class absent from yTrue
    s += r;
    present++;
  }
  return ratio(s, present);
}

/** Mean recall over the classes present in yTrue; null for empty input. */
export function balancedAccuracy(yTrue: LabelArray, yPred: LabelArray, classCount = 2): number | null {
  return balancedFromMatrix(perClassFromMatrix(confusionMatrix(yTrue, yPred, classCount)));
}

/** Per-class precision, recall, F1 (null when undefined, see the file comment) and support. */
export function perClassScores(yTrue: LabelArray, yPred: LabelArray, classCount: number): PerClassScores {
  return perClassFromMatrix(confusionMatrix(yTrue, yPred, classCount));
}

/** Unweighted means of the per-class scores (undefined entries count as 0; see file comment). */
export function macroScores(yTrue: LabelArray, yPred: LabelArray, classCount: number): AveragedScores {
  const c = confusionMatrix(yTrue, yPred, classCount);
  return macroFromMatrix(c, perClassFromMatrix(c));
}

/** Precision, recall and F1 of the positive class 1 for labels in {0, 1}. */
export function binaryScores(yTrue01: LabelArray, yPred01: LabelArray): AveragedScores {
  const per = perClassScores(yTrue01, yPred01, 2);
  return { precision: per.precision[1], recall: per.recall[1], f1: per.f1[1] };
}

function checkScores(what: string, scores: LabelArray): void {
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) {
      throw new ConvexNetError('data/invalid-score', `${what}: scores[${i}] is ${scores[i]}; expected a number (not NaN).`);
    }
  }
}

/** Indices sorted by increasing score (a comparator that is safe with +-Infinity). */
function orderByScore(scores: LabelArray): Uint32Array {
  const idx = new Uint32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((i, j) => (scores[i] < scores[j] ? -1 : scores[i] > scores[j] ? 1 : 0));
}

/**
 * Area under the ROC curve by the Mann-Whitney statistic: with average ranks r_k of the scores
 * (ties share the mean of their ranks), AUC = (sum_{y_k = 1} r_k - P (P + 1) / 2) / (P N),
 * P positives and N negatives; equals P(score+ > score-) + P(score+ = score-) / 2.
 * Null when P = 0 or N = 0.
 */
export function rocAuc(yTrue01: LabelArray, scores: LabelArray): number | null {
  checkSameLength('rocAuc', yTrue01, scores);
  checkLabels('rocAuc', 'yTrue', yTrue01, 2);
  checkScores('rocAuc', scores);
  let pos = 0;
  for (let k = 0; k < yTrue01.length; k++) pos += yTrue01[k];
  const neg = yTrue01.length - pos;
  if (pos === 0 || neg === 0) return null;
  const idx = orderByScore(scores);
  let rankSumPos = 0;
  for (let start = 0; start < idx.length; ) {
    let end = start + 1;
    while (end < idx.length && scores[idx[end]] === scores[idx[start]]) end++;
    const avgRank = (start + 1 + end) / 2; // mean of the 1-based ranks start+1 .. end
    for (let q = start; q < end; q++) if (yTrue01[idx[q]] === 1) rankSumPos += avgRank;
    start = end;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * The multi-class ROC AUC: the unweighted mean over the K classes of rocAuc(class c against the
 * rest, probabilities[:, c]), scikit-learn's roc_auc_score(multi_class='ovr', average='macro').
 * `probabilities` is n x K row-major. Null when some class has no row in yTrue or every row: its
 * area is undefined, and a mean over the other classes would not be this metric.
 */
export function oneVsRestRocAuc(yTrue: LabelArray, probabilities: LabelArray, classCount: number): number | null {
  const n = yTrue.length;
  if (probabilities.length !== n * classCount) {
    throw new ConvexNetError('data/length-mismatch', `oneVsRestRocAuc: probabilities has ${probabilities.length} entries; expected n x K = ${n} x ${classCount}.`);
  }
  checkLabels('oneVsRestRocAuc', 'yTrue', yTrue, classCount);
  const isClass = new Float64Array(n);
  const column = new Float64Array(n);
  let sum = 0;
  for (let c = 0; c < classCount; c++) {
    for (let k = 0; k < n; k++) {
      isClass[k] = yTrue[k] === c ? 1 : 0;
      column[k] = probabilities[k * classCount + c]!;
    }
    const area = rocAuc(isClass, column);
    if (area === null) return null;
    sum += area;
  }
  return sum / classCount;
}

/**
 * ROC points at every distinct score (no intermediate points dropped), from (0, 0) at
 * threshold Number.MAX_VALUE to (1, 1) at the smallest score. Null when one class is absent.
 * Its trapezoidal area equals rocAuc.
 */
export function rocCurve(yTrue01: LabelArray, scores: LabelArray): RocCurve | null {
  checkSameLength('rocCurve', yTrue01, scores);
  checkLabels('rocCurve', 'yTrue', yTrue01, 2);
  checkScores('rocCurve', scores);
  let pos = 0;
  for (let k = 0; k < yTrue01.length; k++) pos += yTrue01[k];
  const neg = yTrue01.length - pos;
  if (pos === 0 || neg === 0) return null;
  const idx = orderByScore(scores).reverse(); // decreasing score
  const curve: RocCurve = { fpr: [0], tpr: [0], thresholds: [Number.MAX_VALUE] };
  let tp = 0;
  let fp = 0;
  for (let start = 0; start < idx.length; ) {
    const thr = scores[idx[start]];
    let end = start;
    while (end < idx.length && scores[idx[end]] === thr) {
      if (yTrue01[idx[end]] === 1) tp++;
      else fp++;
      end++;
    }
    curve.fpr.push(fp / neg);
    curve.tpr.push(tp / pos);
    curve.thresholds.push(thr);
    start = end;
  }
  return curve;
}

/**
 * Mean cross-entropy -(1/n) sum_k log p_k(yTrue_k), probabilities clipped to [1e-15, 1 - 1e-15].
 * Binary form: probabilities has length n and holds p(class 1), yTrue in {0, 1}.
 * Multi-class form: length n K (K >= 2), row-major n x K, yTrue in [0, K); rows are not
 * renormalized. Null for empty input.
 */
export function logLoss(yTrue: LabelArray, probabilities: LabelArray): number | null {
  const n = yTrue.length;
  if (n === 0) {
    if (probabilities.length !== 0) checkSameLength('logLoss', yTrue, probabilities);
    return null;
  }
  const kCount = probabilities.length / n;
  if (!Number.isInteger(kCount) || kCount < 1) {
    throw new ConvexNetError(
      'data/length-mismatch',
      `logLoss: probabilities has ${probabilities.length} entries; expected n = ${n} (binary) or n x K (multi-class).`,
    );
  }
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) {
      throw new ConvexNetError('data/invalid-probability', `logLoss: probabilities[${i}] = ${p}; expected a number in [0, 1].`);
    }
  }
  checkLabels('logLoss', 'yTrue', yTrue, kCount === 1 ? 2 : kCount);
  const clip = (p: number) => Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  let s = 0;
  for (let k = 0; k < n; k++) {
    const p = kCount === 1 ? (yTrue[k] === 1 ? probabilities[k] : 1 - probabilities[k]) : probabilities[k * kCount + yTrue[k]];
    s -= Math.log(clip(p));
  }
  return s / n;
}

/** Everything above in one plain (JSON-serializable) object. */
export function classificationReport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const classCount = options.classCount ?? 2;
  const c = confusionMatrix(yTrue, yPred, classCount);
  const per = perClassFromMatrix(c);
  const binary = classCount === 2 ? { precision: per.precision[1], recall: per.recall[1], f1: per.f1[1] } : null;
  let rankScores: LabelArray | undefined = options.scores;
  if (rankScores === undefined && classCount === 2 && options.probabilities?.length === yTrue.length) {
    rankScores = options.probabilities;
  }
  if (rankScores !== undefined && classCount !== 2) {
    throw new ConvexNetError('data/invalid-option', `classificationReport: scores are only meaningful for 2 classes, got classCount ${classCount}.`);
  }
  return {
    n: yTrue.length,
    classCount,
    confusionMatrix: c,
    accuracy: accuracy(yTrue, yPred),
    balancedAccuracy: balancedFromMatrix(per),
    perClass: per,
    macro: macroFromMatrix(c, per),
    binary,
    rocAuc:
      rankScores !== undefined
        ? rocAuc(yTrue, rankScores)
        : classCount > 2 && options.probabilities?.length === yTrue.length * classCount && yTrue.length > 0
          ? oneVsRestRocAuc(yTrue, options.probabilities, classCount)
          : null,
    rocCurve: rankScores === undefined ? null : rocCurve(yTrue, rankScores),
    logLoss: options.probabilities === undefined ? null : logLoss(yTrue, options.probabilities),
  };
}
