import type { RunResult } from '../../../src-core/contract/operations';

/** Accuracy (classification) or R² (regression) of a run on its test rows, else its training rows. */
export function runScore(result: RunResult): { value: number | null; where: 'test' | 'train' } {
  const report = result.test ?? result.train;
  const value = report.task === 'regression' ? report.regression.r2 : report.classification.accuracy;
  return { value, where: result.test ? 'test' : 'train' };
}
