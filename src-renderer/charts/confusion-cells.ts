import type { TestPredictions, TestRowPrediction } from '../../src-core/contract/test-predictions';

/** The rows of the sample in one confusion-matrix cell (true class, predicted class). */
export function rowsInCell(sample: TestPredictions, actual: number, predicted: number): TestRowPrediction[] {
  return sample.rows.filter((row) => row.actual === actual && row.predicted === predicted);
}

/**
 * Shade of a cell, 0..1: its share of the true class's rows (the row-normalized matrix), so a
 * rare class's mistakes are as visible as a common one's.
 */
export function cellShare(matrix: readonly (readonly number[])[], actual: number, predicted: number): number {
  const row = matrix[actual] ?? [];
  const total = row.reduce((sum, count) => sum + count, 0);
  return total > 0 ? (row[predicted] ?? 0) / total : 0;
}
