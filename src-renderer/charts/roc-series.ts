import type { TestPredictions } from '../../src-core/contract/test-predictions';
import type { RocCurve } from '../../src-core/metrics/classification-metrics';
import { rocAuc, rocCurve } from '../../src-core/metrics/classification-metrics';
import { naturalClassOrder } from '../format/class-order';
import type { XY } from './history-series';

/** One ROC curve: false positive rate (x) against true positive rate (y), both 0..1. */
export interface RocLine {
  readonly label: string;
  readonly points: XY[];
  readonly auc: number | null;
  /** One-vs-rest curves: the class's index in the core's order, which picks its colour (as on the decision map). */
  readonly classIndex?: number;
}

export function rocPoints(curve: RocCurve): XY[] {
  return curve.fpr.map((x, k) => ({ x, y: curve.tpr[k]! }));
}

/** The positive class's index in a binary run (labels 0 / 1; the network scores class 1). */
const POSITIVE_CLASS_INDEX = 1;

/**
 * The binary ROC curve as the metrics report computed it (every test row, ranked by network
 * score), in the positive class's colour, as the decision map draws that class. Named by both
 * classes: with two classes "the rest" is the other one, and "upper vs rest" left the reader to
 * work out which class the true positive rate counts.
 */
export function binaryRocLine(curve: RocCurve, auc: number | null, positiveClass: string, negativeClass: string): RocLine {
  return { label: `${positiveClass} vs ${negativeClass}`, points: rocPoints(curve), auc, classIndex: POSITIVE_CLASS_INDEX };
}

/**
 * One-vs-rest ROC curves of a multi-class run, one per class that has both positive and
 * negative test rows: class c is "positive", ranked by its predicted probability. In the classes'
 * reading order (naturalClassOrder), so the legend lists class_2 before class_10.
 */
export function oneVsRestRocLines(sample: TestPredictions): RocLine[] {
  const lines: RocLine[] = [];
  for (const c of naturalClassOrder(sample.classNames)) {
    const name = sample.classNames[c]!;
    const truth = sample.rows.map((row) => (row.actual === c ? 1 : 0));
    const scores = sample.rows.map((row) => row.probabilities[c] ?? 0);
    const curve = rocCurve(truth, scores);
    if (curve) lines.push({ label: `${name} vs rest`, points: rocPoints(curve), auc: rocAuc(truth, scores), classIndex: c });
  }
  return lines;
}
