import { describe, expect, it } from 'vitest';
import type { MetricsReport } from '../../../src-core/training/evaluate';
import { metricRows, withTestOneVsRestAuc } from '../../../src-renderer/format/metric-rows';
import { runResult } from '../support/fixtures';

describe('metric rows', () => {
  it('binary runs list accuracy, balanced accuracy, precision, recall, F1 and AUC as training/test pairs', () => {
    const result = runResult();
    const rows = metricRows(result.train, result.test);
    expect(rows.map((r) => r.name)).toEqual(['Accuracy', 'Balanced accuracy', 'Precision', 'Recall', 'F1', 'ROC AUC', 'Rows']);
    expect(rows[0]).toMatchObject({ train: '99.0%', test: '97.0%' });
    expect(rows[4]).toMatchObject({ test: '97.0%' });
  });

  it('multi-class runs report the macro F1 and the one-vs-rest mean ROC AUC', () => {
    const binary = runResult().test!;
    const multiclass = { ...binary, task: 'multiclass', classification: { ...binary.classification!, binary: null, rocAuc: 0.9876, macro: { precision: 0.9, recall: 0.9, f1: 0.885 } } } as MetricsReport;
    const rows = metricRows(multiclass, null);
    expect(rows.map((r) => r.name)).toEqual(['Accuracy', 'Balanced accuracy', 'Precision', 'Recall', 'F1', 'ROC AUC (one-vs-rest mean)', 'Rows']);
    expect(rows[2]).toMatchObject({ train: '90.0%', test: '–' });
    expect(rows[4]).toMatchObject({ train: '88.5%', test: '–' });
    expect(rows[5]).toMatchObject({ train: '0.988', test: '–' });
    // A run saved before its reports carried the value: the test cell from its test predictions.
    const older = { ...multiclass, classification: { ...multiclass.classification!, rocAuc: null } } as MetricsReport;
    const filled = withTestOneVsRestAuc(metricRows(older, older), 0.75);
    expect(filled[5]).toMatchObject({ train: '–', test: '0.750' });
    // A report's own value is never replaced.
    expect(withTestOneVsRestAuc(metricRows(multiclass, multiclass), 0.75)[5]).toMatchObject({ train: '0.988', test: '0.988' });
  });

  it('a binary score with no positive prediction shows as missing, not as the class average', () => {
    const binary = runResult().test!;
    const c = binary.classification!;
    // Every row predicted negative: precision 0/0; recall and F1 0. The class average is 25%.
    const none = { ...binary, classification: { ...c, binary: { ...c.binary!, precision: null, recall: 0, f1: 0 }, macro: { precision: 0.25, recall: 0.5, f1: 0.333 } } } as MetricsReport;
    const rows = metricRows(none, none);
    expect(rows[2]).toMatchObject({ name: 'Precision', train: '–', test: '–' });
    expect(rows[3]).toMatchObject({ name: 'Recall', train: '0.0%' });
    expect(rows[4]).toMatchObject({ name: 'F1', train: '0.0%' });
  });
});
