import type { Dataset } from '../../src-core/data/dataset';
import type { LossName } from '../../src-core/losses/loss';
import type { ClassificationReport } from '../../src-core/metrics/classification-metrics';
import type { RegressionReport } from '../../src-core/metrics/regression-metrics';
import { evaluatePredictions } from '../../src-core/training/evaluate';
import type { PredictHead } from '../../src-core/training/predict';
import { predictWithHeads } from '../../src-core/training/predict';

/** Classification metrics without the ROC curve (one point per row; the report keeps the AUC). */
export type ClassificationMetrics = Omit<ClassificationReport, 'rocCurve'>;
export type DatasetMetrics = ClassificationMetrics | RegressionReport;

/** Metrics of trained heads on a prepared dataset, or null when it has no rows. */
export function evaluateHeads(dataset: Dataset, loss: LossName, heads: readonly PredictHead[]): DatasetMetrics | null {
  if (dataset.X.rows === 0) return null;
  const report = evaluatePredictions(dataset.task, predictWithHeads(dataset.task, loss, heads, dataset.X), dataset.y);
  if (report.regression) return report.regression;
  const { rocCurve: _rocCurve, ...metrics } = report.classification;
  return metrics;
}
