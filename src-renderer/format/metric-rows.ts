import type { MetricsReport } from '../../src-core/training/evaluate';
import { formatCount, formatFixed, formatFractionAsPercent, formatNumber, MISSING } from './numbers';

export interface MetricRow {
  readonly name: string;
  readonly help: string;
  readonly train: string;
  readonly test: string;
}

interface MetricDefinition {
  readonly name: string;
  readonly help: string;
  readonly read: (report: MetricsReport) => string;
  /** Tasks the metric exists for; all when absent. */
  readonly only?: MetricsReport['task'];
}

const ONE_VS_REST_AUC_NAME = 'ROC AUC (one-vs-rest mean)';

/**
 * A binary report's positive-class score, a multi-class report's class average. A binary score
 * that is undefined (no row predicted positive: precision 0/0) stays undefined and shows as
 * missing; it once fell back to the class average and read e.g. "Precision 25.0%" beside a
 * confusion matrix with no positive prediction.
 */
function positiveOrMacro(report: MetricsReport, score: 'precision' | 'recall' | 'f1'): number | null | undefined {
  const c = report.classification;
  if (!c) return undefined;
  return report.task === 'binary' && c.binary ? c.binary[score] : c.macro[score];
}

const classificationMetrics: readonly MetricDefinition[] = [
  { name: 'Accuracy', help: 'Share of rows classified correctly.', read: (r) => formatFractionAsPercent(r.classification?.accuracy) },
  {
    name: 'Balanced accuracy',
    help: 'Average of the per-class hit rates; not fooled by a majority class.',
    read: (r) => formatFractionAsPercent(r.classification?.balancedAccuracy),
  },
  {
    name: 'Precision',
    help: 'Of the rows predicted positive, the share that are (positive class, or the class average for multi-class).',
    read: (r) => formatFractionAsPercent(positiveOrMacro(r, 'precision')),
  },
  {
    name: 'Recall',
    help: 'Of the positive rows, the share found (positive class, or the class average for multi-class).',
    read: (r) => formatFractionAsPercent(positiveOrMacro(r, 'recall')),
  },
  {
    name: 'F1',
    help: 'Harmonic mean of precision and recall (positive class, or the class average for multi-class).',
    read: (r) => formatFractionAsPercent(positiveOrMacro(r, 'f1')),
  },
  {
    name: 'ROC AUC',
    help: 'Chance that a positive row scores above a negative one.',
    read: (r) => formatFixed(r.classification?.rocAuc, 3),
    only: 'binary',
  },
  {
    name: ONE_VS_REST_AUC_NAME,
    help: 'Average over the classes of the chance that a row of the class scores above a row of another class.',
    read: (r) => formatFixed(r.classification?.rocAuc, 3),
    only: 'multiclass',
  },
  { name: 'Rows', help: 'How many rows these numbers are computed on.', read: (r) => (r.classification ? formatCount(r.classification.n) : MISSING) },
];

const regressionMetrics: readonly MetricDefinition[] = [
  { name: 'MSE', help: 'Mean squared error (lower is better).', read: (r) => formatNumber(r.regression?.mse) },
  { name: 'RMSE', help: 'Root mean squared error, in the units of the target.', read: (r) => formatNumber(r.regression?.rmse) },
  { name: 'MAE', help: 'Mean absolute error, in the units of the target.', read: (r) => formatNumber(r.regression?.mae) },
  { name: 'R²', help: 'Share of the target variance explained (1 is perfect).', read: (r) => formatFixed(r.regression?.r2, 3) },
  { name: 'Rows', help: 'How many rows these numbers are computed on.', read: (r) => (r.regression ? formatCount(r.regression.n) : MISSING) },
];

/** One row per metric of the task, training and test side by side. */
export function metricRows(train: MetricsReport, test: MetricsReport | null): MetricRow[] {
  const definitions = (train.task === 'regression' ? regressionMetrics : classificationMetrics).filter((d) => !d.only || d.only === train.task);
  return definitions.map((d) => ({ name: d.name, help: d.help, train: d.read(train), test: test ? d.read(test) : MISSING }));
}

/**
 * Multi-class runs saved before their reports carried the one-vs-rest ROC AUC (the mean of the
 * per-class areas, as scikit-learn's roc_auc_score with multi_class='ovr') show the test value
 * the Results screen computes from the run's per-row test predictions instead; there is no
 * training value then.
 */
export function withTestOneVsRestAuc(rows: MetricRow[], testAuc: number | null): MetricRow[] {
  if (testAuc === null) return rows;
  return rows.map((row) => (row.name === ONE_VS_REST_AUC_NAME && row.test === MISSING ? { ...row, test: formatFixed(testAuc, 3) } : row));
}
