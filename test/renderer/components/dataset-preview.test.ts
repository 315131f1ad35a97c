// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../src-core/contract/operations';
import DatasetPreview from '../../../src-renderer/components/DatasetPreview.vue';

describe('DatasetPreview class balance', () => {
  it('lists 200 equal classes in reading order, each at 0.5%', () => {
    // The core's class order: names that are not numbers by code units (class_10 before class_2).
    const classNames = Array.from({ length: 200 }, (_, k) => `class_${k}`).sort();
    const summary: DatasetSummary = {
      datasetId: 'd',
      name: '200_classes.csv',
      task: 'multiclass',
      targetName: 'label',
      rowCount: 2000,
      featureNames: ['x'],
      classNames,
      classCounts: classNames.map(() => 10),
      previewColumns: ['x', 'label'],
      previewRows: [],
    };
    const entries = mount(DatasetPreview, { props: { summary } }).findAll('.dataset-preview__class').map((entry) => entry.text());
    expect(entries.slice(0, 4)).toEqual(['class_0 (10, 0.5%)', 'class_1 (10, 0.5%)', 'class_2 (10, 0.5%)', 'class_3 (10, 0.5%)']);
    expect(entries.at(-1)).toBe('class_199 (10, 0.5%)');
  });

});
