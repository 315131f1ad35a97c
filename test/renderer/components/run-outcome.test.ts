// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-core/contract/operations';
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

describe('the run outcome of back-propagation', () => {
  const base = runResult();
  const backprop = (status: RunResult['status']) =>
    runResult({ options: { ...base.options, solver: 'backprop' }, status, statusText: 'Text.', heads: [{ ...base.heads[0]!, iterations: 300 }] });

  it('words running all the epochs as a normal finish, not an iteration limit', () => {
    const wrapper = mount(RunOutcome, { props: { result: backprop('max-iterations'), classNames: [] } });
    expect(wrapper.get('[data-testid="stopping-reason"]').text()).toBe('Finished (300 epochs). Text.');
    // The Work line counts the same steps by the same name.
    expect(wrapper.get('[data-testid="run-work"]').text()).toMatch(/^300 epochs · setup /);
  });

  it('keeps a real stop visible', () => {
    const wrapper = mount(RunOutcome, { props: { result: backprop('time-limit'), classNames: [] } });
    expect(wrapper.get('[data-testid="stopping-reason"]').text()).toBe('Time limit. Text.');
  });

  it('keeps "Iteration limit" for a convex solver that ran out of iterations', () => {
    const wrapper = mount(RunOutcome, { props: { result: runResult({ status: 'max-iterations', statusText: 'Text.' }), classNames: [] } });
    expect(wrapper.get('[data-testid="stopping-reason"]').text()).toBe('Iteration limit. Text.');
  });

  it('says a run that met its loss-change tolerance converged, with its epochs, not "Solved"', () => {
    const wrapper = mount(RunOutcome, { props: { result: backprop('solved'), classNames: [] } });
    expect(wrapper.get('[data-testid="stopping-reason"]').text()).toBe('Converged (loss change below tolerance, 300 epochs). Text.');
  });

  it('opens a saved run whose heads lost their counts without "NaN epochs"', () => {
    const result = runResult({ options: { ...base.options, solver: 'backprop' }, status: 'solved', statusText: 'Text.', heads: [{ ...base.heads[0]!, iterations: undefined as unknown as number }] });
    const wrapper = mount(RunOutcome, { props: { result, classNames: [] } });
    expect(wrapper.get('[data-testid="stopping-reason"]').text()).toBe('Converged (loss change below tolerance). Text.');
    expect(wrapper.get('[data-testid="run-work"]').text()).toMatch(/^setup /);
  });
});

describe('the run outcome\'s solver notes and technical details', () => {
  it('shows the plain notes, and the technical details folded apart from them', () => {
    const base = runResult();
    const result = runResult({ heads: [{ ...base.heads[0]!, notes: ['Solved with the interior-point method: a few dozen precise steps.'], details: ['Newton systems: direct path; 2 diagonal regularizations.'] }] });
    const wrapper = mount(RunOutcome, { props: { result, classNames: [] } });
    expect(wrapper.get('[data-testid="solver-notes"]').findAll('p').map((p) => p.text())).toEqual(['Solved with the interior-point method: a few dozen precise steps.']);
    const details = wrapper.get('.run-outcome__details');
    expect(details.get('summary').text()).toBe('Technical details');
    expect(details.get('[data-testid="solver-details"]').findAll('p').map((p) => p.text())).toEqual(['Newton systems: direct path; 2 diagonal regularizations.']);
    // Folded inside the notes: an analyst opens the notes without meeting the expert's terms.
    expect(wrapper.get('.run-outcome__notes').find('.run-outcome__notes [data-testid="solver-notes"]').exists()).toBe(true);
  });

  it('keeps a run saved with details only (no plain notes) readable', () => {
    const base = runResult();
    const result = runResult({ heads: [{ ...base.heads[0]!, notes: undefined, details: ['Linear system: direct, factored 1 time in 3 ms, largest factored dimension 12; final rho 1.00.'] }] });
    const wrapper = mount(RunOutcome, { props: { result, classNames: [] } });
    expect(wrapper.get('.run-outcome__notes > summary').text()).toBe('How the solver worked');
    expect(wrapper.find('[data-testid="solver-notes"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="solver-details"]').text()).toContain('factored 1 time');
  });
});
