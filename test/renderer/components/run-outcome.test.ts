// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RunOutcome from '../../../src-renderer/components/RunOutcome.vue';
import { runResult } from '../support/fixtures';

describe('the run outcome of a one-vs-rest run', () => {
  it('gives the per-class certificates and solver notes in reading order (class_2 before class_10)', () => {
    const base = runResult();
    const head = (classIndex: number) => ({ ...base.heads[0]!, classIndex, certificateText: `Certificate ${classIndex}.`, notes: ['Shared note.', `Own note ${classIndex}.`] });
    const result = runResult({ task: 'multiclass', heads: [head(0), head(1), head(2)] });
    const wrapper = mount(RunOutcome, { props: { result, classNames: ['class_1', 'class_10', 'class_2'] } });
    expect(wrapper.get('[data-testid="certificate"]').findAll('p').map((p) => p.text())).toEqual([
      'Class class_1: Certificate 0.',
      'Class class_2: Certificate 2.',
      'Class class_10: Certificate 1.',
    ]);
    expect(wrapper.get('[data-testid="solver-notes"]').findAll('p').map((p) => p.text())).toEqual([
      'Shared note.',
      'Class class_1: Own note 0.',
      'Class class_2: Own note 2.',
      'Class class_10: Own note 1.',
    ]);
  });
});
