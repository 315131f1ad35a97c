import type { Task } from '../data/dataset';
import { classificationReport, type ClassificationReport } from '../metrics/classification-metrics';
import { regressionReport, type RegressionReport } from '../metrics/regression-metrics';
import type { Predictions } from './predict';

export type MetricsReport =
  | { readonly task: 'binary' | 'multiclass'; readonly classification: ClassificationReport; readonly regression: null }
  | { readonly task: 'regression'; readonly classification: null; readonly regression: RegressionReport };

/**
 * Every metric of the task for predictions against true targets (class indices for
 * classification, values for regression). Binary ROC AUC ranks by the network score; the
 * multi-class one is the mean of the one-vs-rest areas of the normalized class probabilities.
 */
export function evaluatePredictions(task: Task, predictions: Predictions, yTrue: Float64Array): MetricsReport {
  if (task === 'regression') return { task, classification: null, regression: regressionReport(yTrue, predictions.values!) };
  const K = predictions.classCount;
  const report = classificationReport(yTrue, predictions.labels!, {
    classCount: K,
    ...(K === 2 ? { scores: predictions.scores } : {}),
    probabilities: K === 2 ? predictions.probabilities!.filter((_, i) => i % 2 === 1) : predictions.probabilities!,
  });
  return { task, classification: report, regression: null };
}
