import type { RunResult } from '../../../src-core/contract/operations';

/** Accuracy (classification) or R² (regression) of a run on its test rows, else its training rows. */
export function runScore(result: RunResult): { value: number | null; where: 'test' | 'train' } {
  const report = result.test ?? result.train;
  const value = report.task === 'regression' ? report.regression.r2 : report.classification.accuracy;
  return { value, where: result.test ? 'test' : 'train' };
}

/** Mean and sample standard deviation, null when empty. */
export function meanAndSpread(values: readonly number[]): { mean: number; std: number } | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, std };
}
