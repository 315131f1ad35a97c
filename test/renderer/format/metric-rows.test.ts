import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../../src-core/training/evaluate';
import { metricRows } from '../../../src-renderer/format/metric-rows';
import { runResult } from '../support/fixtures';

describe('metric rows', () => {
  it('binary runs list accuracy, balanced accuracy, precision, recall, F1 and AUC as training/test pairs', () => {
    const result = runResult();
    const rows = metricRows(result.train, result.test);
    expect(rows.map((r) => r.name)).toEqual(['Accuracy', 'Balanced accuracy', 'Precision', 'Recall', 'F1', 'ROC AUC', 'Rows']);
    expect(rows[0]).toMatchObject({ train: '99.0%', test: '97.0%' });
    expect(rows[4]).toMatchObject({ test: '97.0%' });
  });

  it('multi-class runs have no AUC row and report the macro F1', () => {
    const binary = runResult().test!;
    const multiclass = { ...binary, task: 'multiclass', classification: { ...binary.classification!, binary: null, rocAuc: null, macro: { precision: 0.9, recall: 0.9, f1: 0.885 } } } as MetricsReport;
    const rows = metricRows(multiclass, null);
    expect(rows.map((r) => r.name)).toEqual(['Accuracy', 'Balanced accuracy', 'Precision', 'Recall', 'F1', 'Rows']);
    expect(rows[2]).toMatchObject({ train: '90.0%', test: '–' });
    expect(rows[4]).toMatchObject({ train: '88.5%', test: '–' });
  });
});
