import { describe, expect, it } from 'vitest';
import type { TestPredictions, TestRowPrediction } from '../../../src-core/contract/test-predictions';
import { cellShare, rowsInCell } from '../../../src-renderer/charts/confusion-cells';
import { oneVsRestRocLines } from '../../../src-renderer/charts/roc-series';

function row(index: number, actual: number, probabilities: number[]): TestRowPrediction {
  const predicted = probabilities.indexOf(Math.max(...probabilities));
  return { row: index, actual, predicted, scores: probabilities, probabilities, features: null, cells: [String(index)] };
}

const sample: TestPredictions = {
  totalCount: 6,
  featureNames: [],
  cellColumns: ['id'],
  classNames: ['a', 'b', 'c'],
  rows: [
    row(0, 0, [0.8, 0.1, 0.1]),
    row(1, 0, [0.4, 0.5, 0.1]),
    row(2, 1, [0.2, 0.7, 0.1]),
    row(3, 1, [0.1, 0.6, 0.3]),
    row(4, 2, [0.3, 0.3, 0.4]),
    row(5, 2, [0.5, 0.2, 0.3]),
  ],
};

describe('one-vs-rest ROC curves', () => {
  it('gives one curve per class from (0,0) to (1,1), with its area', () => {
    const lines = oneVsRestRocLines(sample);
    expect(lines.map((l) => l.label)).toEqual(['a vs rest', 'b vs rest', 'c vs rest']);
    for (const line of lines) {
      expect(line.points[0]).toEqual({ x: 0, y: 0 });
      expect(line.points[line.points.length - 1]).toEqual({ x: 1, y: 1 });
    }
    // Class b: its two rows score 0.7 and 0.6, above every other row (0.5 at most): a perfect ranking.
    expect(lines[1]!.auc).toBe(1);
    // Class a: positives 0.8, 0.4; negatives 0.2, 0.1, 0.3, 0.5 -> 4 + 3 wins of 8 pairs.
    expect(lines[0]!.auc).toBe(7 / 8);
  });
});

describe('one-vs-rest ROC legend order', () => {
  it("lists the classes in reading order (class_2 before class_10), each keeping the core's index for its colour", () => {
    const lines = oneVsRestRocLines({ ...sample, classNames: ['class_1', 'class_10', 'class_2'] });
    expect(lines.map((l) => l.label)).toEqual(['class_1 vs rest', 'class_2 vs rest', 'class_10 vs rest']);
    expect(lines.map((l) => l.classIndex)).toEqual([0, 2, 1]);
    // The curve is still class 1's (core index) under its own name: class_10's rows are 2 and 3, a perfect ranking.
    expect(lines[2]!.auc).toBe(1);
  });
});

describe('confusion-matrix cells', () => {
  it('lists the rows of a cell and shades it by its share of the true class', () => {
    expect(rowsInCell(sample, 0, 1).map((r) => r.row)).toEqual([1]);
    expect(rowsInCell(sample, 2, 0).map((r) => r.row)).toEqual([5]);
    expect(rowsInCell(sample, 1, 0)).toEqual([]);
    expect(cellShare([[3, 1], [0, 0]], 0, 1)).toBe(0.25);
    expect(cellShare([[3, 1], [0, 0]], 1, 1)).toBe(0);
  });
});
