import type { MetricsReport } from './evaluate';

/** One scalar metric of a run, for the summaries of sweeps and cross-validation. */
export interface NamedMetric {
  readonly key: string;
  readonly label: string;
  /** Larger is better (accuracy, R^2) or smaller is better (errors, log loss). */
  readonly higherIsBetter: boolean;
}

export const classificationMetrics: readonly NamedMetric[] = [
  { key: 'accuracy', label: 'Accuracy', higherIsBetter: true },
  { key: 'balancedAccuracy', label: 'Balanced accuracy', higherIsBetter: true },
  { key: 'macroF1', label: 'Macro F1', higherIsBetter: true },
  { key: 'rocAuc', label: 'ROC AUC', higherIsBetter: true },
  { key: 'logLoss', label: 'Log loss', higherIsBetter: false },
];

export const regressionMetrics: readonly NamedMetric[] = [
  { key: 'r2', label: 'R²', higherIsBetter: true },
  { key: 'rmse', label: 'RMSE', higherIsBetter: false },
  { key: 'mae', label: 'Mean absolute error', higherIsBetter: false },
  { key: 'mse', label: 'Mean squared error', higherIsBetter: false },
];

/** Every scalar metric of a report by key (null where undefined, e.g. AUC with one class). */
export function scalarMetrics(report: MetricsReport): Record<string, number | null> {
  if (report.task === 'regression') {
    const r = report.regression;
    return { r2: r.r2, rmse: r.rmse, mae: r.mae, mse: r.mse };
  }
  const c = report.classification;
  return { accuracy: c.accuracy, balancedAccuracy: c.balancedAccuracy, macroF1: c.macro.f1, rocAuc: c.rocAuc, logLoss: c.logLoss };
}

/** The score sweeps and cross-validation compare (higher is better): accuracy, or R^2 for regression. */
export function primaryScore(report: MetricsReport): number | null {
  return report.task === 'regression' ? report.regression.r2 : report.classification.accuracy;
}

export function primaryScoreLabel(task: MetricsReport['task']): string {
  return task === 'regression' ? 'R²' : 'accuracy';
}
