// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ConfusionMatrix from '../../../../src-renderer/components/results/ConfusionMatrix.vue';

// Core order (compareCategoryNames): class_1, class_10, class_2. Row = true class, column = predicted.
const classNames = ['class_1', 'class_10', 'class_2'];
const matrix = [
  [5, 1, 2],
  [3, 7, 4],
  [0, 6, 9],
];

describe('the confusion matrix', () => {
  it('lists classes in reading order (class_2 before class_10) with each count under its own classes', () => {
    const wrapper = mount(ConfusionMatrix, { props: { matrix, classNames, sample: null, split: 'training' } });
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['True ↓ · Predicted →', 'class_1', 'class_2', 'class_10']);
    const rows = wrapper.findAll('tbody tr').map((tr) => [tr.get('th').text(), ...tr.findAll('td').map((td) => td.text())]);
    expect(rows).toEqual([
      ['class_1', '5', '2', '1'],
      ['class_2', '0', '9', '6'],
      ['class_10', '3', '4', '7'],
    ]);
    // A cell keeps the core's indices (true-predicted): class_2 predicted as class_10 is 2-1.
    expect(wrapper.findAll('tbody tr')[1]!.findAll('td')[2]!.get('[data-cell]').attributes('data-cell')).toBe('2-1');
  });
});
