// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { RunRecordSummary, StoredRun } from '../../../src-core/contract/run-history';
import { useResultsViewStore } from '../../../src-renderer/components/results/results-view-store';
import RunHistory from '../../../src-renderer/components/results/RunHistory.vue';
import { useNavigationStore } from '../../../src-renderer/stores/navigation';
import { createFakeTransport, okEnvelope } from '../support/fake-transport';
import { runResult } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

function summary(runId: string, name: string, overrides: Partial<RunRecordSummary> = {}): RunRecordSummary {
  return {
    runId,
    name,
    savedAt: 1_700_000_000_000,
    jobId: 'job-1',
    datasetName: 'Two moons',
    dataFingerprint: 'abc',
    task: 'binary',
    solver: 'admm',
    seed: 7,
    status: 'solved',
    statusText: 'Reached the requested tolerance.',
    headlineMetric: { name: 'accuracy', split: 'test', value: 0.97 },
    hasModel: true,
    ...overrides,
  };
}

function stored(run: RunRecordSummary): StoredRun {
  return {
    summary: run,
    data: { name: 'Two moons', source: 'two-moons', targetName: 'moon', task: 'binary', rowCount: 400, featureNames: ['x1', 'x2'], classNames: ['upper', 'lower'], classCounts: [200, 200], fingerprint: 'abc' },
    result: runResult(),
    model: null,
  };
}

describe('Run history', () => {
  const runs = [summary('r1', 'Moons ADMM'), summary('r2', 'Moons backprop', { solver: 'backprop', status: 'max-iterations', headlineMetric: { name: 'accuracy', split: 'test', value: 0.9 } })];

  function setup() {
    let list = [...runs];
    const fake = createFakeTransport({
      'runs.list': (request) => okEnvelope({ runs: list.filter((r) => !request.search || r.name.toLowerCase().includes(request.search.toLowerCase())), problems: [{ file: 'junk.json', reason: 'not a run file' }] }),
      'runs.rename': (request) => {
        list = list.map((r) => (r.runId === request.runId ? { ...r, name: request.name } : r));
        return okEnvelope(list.find((r) => r.runId === request.runId)!);
      },
      'runs.delete': (request) => {
        list = list.filter((r) => r.runId !== request.runId);
        return okEnvelope({ deleted: true });
      },
      'runs.get': (request) => okEnvelope(stored(list.find((r) => r.runId === request.runId)!)),
    });
    const app = createTestApp(fake.transport);
    const wrapper = mount(RunHistory, { global: app.global });
    return { fake, wrapper };
  }

  it('lists the saved runs with their outcome and reports unreadable workspace files', async () => {
    const { wrapper } = setup();
    await settle();
    const rows = wrapper.findAll('[data-testid="history-table"] tbody tr');
    expect(rows.map((r) => r.attributes('data-run'))).toEqual(['r1', 'r2']);
    expect(rows[1]!.text()).toContain('Accuracy 90.0% (test)');
    // Back-propagation always runs its epochs: that is a normal finish, not an "Iteration limit".
    expect(rows[1]!.findAll('td')[2]!.text()).toMatch(/^Finished/);
    expect(rows[0]!.findAll('td')[2]!.text()).toMatch(/^Solved/);
    // Under each name: the data (these names do not start with it), the solver and the seed.
    expect(rows[0]!.get('.run-history__detail').text()).toBe('Two moons · ADMM · seed 7');
    expect(wrapper.text()).toContain('junk.json');
  });

  it('says how a back-propagation run ended with its epochs: finished, or converged (never "Solved")', async () => {
    const fake = createFakeTransport({
      'runs.list': () =>
        okEnvelope({
          runs: [
            summary('r4', 'all epochs', { solver: 'backprop', status: 'max-iterations', iterations: 300 }),
            summary('r5', 'plateau', { solver: 'backprop', status: 'solved', iterations: 1840 }),
            summary('r6', 'edited file', { solver: 'backprop', status: 'solved' }),
          ],
          problems: [],
        }),
    });
    const wrapper = mount(RunHistory, { global: createTestApp(fake.transport).global });
    await settle();
    const outcome = (runId: string) => wrapper.get(`tr[data-run="${runId}"]`).findAll('td')[2]!.text();
    expect(outcome('r4')).toMatch(/^Finished \(300 epochs\)Accuracy/);
    expect(outcome('r5')).toMatch(/^Converged \(loss change below tolerance, 1,840 epochs\)Accuracy/);
    expect(outcome('r6')).toMatch(/^Converged \(loss change below tolerance\)Accuracy/);
  });

  it('leaves the data out of the detail line when the run name starts with it (default names)', async () => {
    const fake = createFakeTransport({ 'runs.list': () => okEnvelope({ runs: [summary('r3', 'Two moons · ADMM')], problems: [] }) });
    const wrapper = mount(RunHistory, { global: createTestApp(fake.transport).global });
    await settle();
    expect(wrapper.get('tr[data-run="r3"] .run-history__detail').text()).toBe('ADMM · seed 7');
  });

  it('searches, renames and deletes', async () => {
    const { wrapper, fake } = setup();
    await settle();
    await wrapper.get('[data-testid="history-search"]').setValue('backprop');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    expect(fake.callsOf('runs.list').at(-1)).toEqual({ search: 'backprop' });
    expect(wrapper.findAll('[data-testid="history-table"] tbody tr').map((r) => r.attributes('data-run'))).toEqual(['r2']);

    const row = () => wrapper.get('tr[data-run="r2"]');
    await row().findAll('button').find((b) => b.text() === 'Rename')!.trigger('click');
    await row().get('[data-testid="history-rename-input"]').setValue('Five seeds');
    await row().get('form').trigger('submit');
    await settle();
    expect(fake.callsOf('runs.rename')).toEqual([{ runId: 'r2', name: 'Five seeds' }]);
    expect(row().text()).toContain('Five seeds');

    const confirm = vi.fn(() => true);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
    await row().findAll('button').find((b) => b.text() === 'Delete')!.trigger('click');
    await settle();
    expect(confirm).toHaveBeenCalledOnce();
    expect(fake.callsOf('runs.delete')).toEqual([{ runId: 'r2' }]);
    expect(wrapper.find('tr[data-run="r2"]').exists()).toBe(false);
  });

  it('re-opens a run in the Results screen and sends picked runs to the comparison', async () => {
    const { wrapper } = setup();
    await settle();
    await wrapper.get('tr[data-run="r1"]').get('[data-testid="history-open"]').trigger('click');
    await settle();
    const view = useResultsViewStore();
    expect(view.opened?.summary.runId).toBe('r1');
    expect(useNavigationStore().screen).toBe('results');

    const boxes = wrapper.findAll('tbody input[type="checkbox"]');
    await boxes[0]!.setValue(true);
    await boxes[1]!.setValue(true);
    await wrapper.get('[data-testid="history-compare"]').trigger('click');
    expect(view.comparedKeys).toEqual(['run:r1', 'run:r2']);
    expect(view.tab).toBe('compare');
  });
});
