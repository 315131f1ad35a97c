// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-core/contract/operations';
import type { TestPredictions } from '../../../src-core/contract/test-predictions';
import { rocAuc } from '../../../src-core/metrics/classification-metrics';
import ResultsScreen from '../../../src-renderer/components/ResultsScreen.vue';
import { useResultsViewStore } from '../../../src-renderer/components/results/results-view-store';
import { useJobsStore } from '../../../src-renderer/stores/jobs';
import { createFakeTransport, okEnvelope } from '../support/fake-transport';
import { jobSummary, runResult } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

/** Test rows matching the fixture's test confusion matrix [[48, 2], [1, 49]] (100 rows). */
function testPredictions(): TestPredictions {
  const rows = [];
  const cells: [number, number, number][] = [[0, 0, 48], [0, 1, 2], [1, 0, 1], [1, 1, 49]];
  let index = 0;
  for (const [actual, predicted, count] of cells) {
    for (let k = 0; k < count; k++, index++) {
      const p1 = predicted === 1 ? 0.8 : 0.2;
      rows.push({ row: index * 3, actual, predicted, scores: [p1 - 0.5], probabilities: [1 - p1, p1], features: [index / 100, -index / 100], cells: [`x${index}`, `y${index}`] });
    }
  }
  return { totalCount: 100, rows, featureNames: ['x1', 'x2'], cellColumns: ['x1', 'x2'], classNames: ['upper', 'lower'] };
}

async function mountFinished(result: RunResult, extra: Parameters<typeof createFakeTransport>[0] = {}) {
  const fake = createFakeTransport({ 'jobs.result': () => okEnvelope(result), 'runs.list': () => okEnvelope({ runs: [], problems: [] }), ...extra });
  const app = createTestApp(fake.transport);
  useJobsStore().select('job-1');
  const wrapper = mount(ResultsScreen, { global: app.global });
  fake.emit('job.updated', jobSummary({ state: 'finished', status: 'solved', endedAt: 2_000 }));
  await settle();
  return { wrapper, fake };
}

describe('Results screen details', () => {
  it('shows which inputs matter, largest drop first, and nothing when the run has no importance', async () => {
    const importance = { metric: 'accuracy' as const, baseline: 0.9, rows: 40, heldOutRows: 40, repeats: 5, columns: [{ column: 'x2', drop: 0.3, spread: 0.05 }, { column: 'x1', drop: 0.06, spread: 0.02 }] };
    const { wrapper } = await mountFinished(runResult({ importance }));
    const card = wrapper.get('[data-testid="input-importance"]');
    expect(card.get('h3').text()).toBe('Which inputs matter');
    expect(card.findAll('tbody tr').map((tr) => tr.findAll('th, td').slice(0, 3).map((c) => c.text()))).toEqual([['x2', '30.0 pts', '5.0 pts'], ['x1', '6.0 pts', '2.0 pts']]);
    expect(card.get('tr[data-column="x1"] .input-importance__bar').attributes('style')).toContain('width: 20%');
    const without = await mountFinished(runResult({ importance: null }));
    expect(without.wrapper.find('[data-testid="input-importance"]').exists()).toBe(false);
  });

  it('lists the test rows of a confusion-matrix cell when it is clicked', async () => {
    const { wrapper } = await mountFinished(runResult({ testPredictions: testPredictions() }));
    const matrix = wrapper.get('[data-testid="confusion-matrix"]');
    // In reading order on screen; the cells keep the run's class indices (upper is 0, lower 1).
    expect(matrix.findAll('thead th').map((th) => th.text())).toEqual(['True ↓ · Predicted →', 'lower', 'upper']);
    expect(wrapper.find('[data-testid="cell-rows"]').exists()).toBe(false);

    await matrix.get('button[data-cell="0-1"]').trigger('click');
    const listing = wrapper.get('[data-testid="cell-rows"]');
    expect(listing.text()).toContain('Test rows of class upper predicted as lower');
    const listed = listing.findAll('tbody tr');
    expect(listed).toHaveLength(2);
    expect(listed[0]!.findAll('td').map((td) => td.text())).toEqual(['x48', 'y48', 'upper', 'lower', '80.0%']);
    expect(listed[0]!.get('th').text()).toBe(String(48 * 3 + 1));

    // A second click on the same cell closes the list.
    await matrix.get('button[data-cell="0-1"]').trigger('click');
    expect(wrapper.find('[data-testid="cell-rows"]').exists()).toBe(false);
  });

  it('says when the listed rows are a sample of a larger test set', async () => {
    const sample = { ...testPredictions(), totalCount: 5000 };
    const { wrapper } = await mountFinished(runResult({ testPredictions: sample }));
    await wrapper.get('button[data-cell="1-1"]').trigger('click');
    expect(wrapper.get('[data-testid="cell-rows"]').text()).toMatch(/49 rows\s+listed of 49 in this cell \(the run keeps predictions for 100 of its 5,000 test rows/);
  });

  it('shows one-vs-rest ROC curves, neuron sizes and live-chart descriptions', async () => {
    const base = runResult({ testPredictions: testPredictions() });
    const { wrapper } = await mountFinished({ ...base, heads: [{ ...base.heads[0]!, neuronSizes: [0.5, 2, 0] }] });
    expect(wrapper.get('[data-testid="neuron-sizes-chart"] canvas').attributes('aria-label')).toContain('3 neurons; largest 2, smallest 0');
    // What a bar is, in words (the axis read "||u|| |α|" alone).
    expect(wrapper.get('[data-testid="neuron-sizes-note"]').text()).toMatch(/^Each bar is one hidden neuron: the length of its input weights times the size of its output weight/);
    expect(wrapper.find('[data-testid="objective-chart"]').exists()).toBe(true);
    // The fixture's history has gaps but no residuals or accuracies: the gap chart shows, the accuracy chart does not.
    expect(wrapper.find('[data-testid="convergence-chart"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="accuracy-chart"]').exists()).toBe(false);
    expect(wrapper.findAll('button').filter((b) => b.text() === 'Save PNG').length).toBeGreaterThanOrEqual(3);
  });

  it("gives the chart description the delivered model's gap when it differs from the last iterate's", async () => {
    const base = runResult();
    // The model kept is not the last iterate (e.g. ADMM's best certified iterate): 0.42% against 0.003%.
    const { wrapper } = await mountFinished({ ...base, heads: [{ ...base.heads[0]!, relativeGap: 0.0042 }] });
    expect(wrapper.get('[data-testid="objective-chart"]').text()).toContain("relative gap 0.0030% at this last iterate (the delivered model's certified gap is 0.42%)");
  });

  it('lists the one-vs-rest networks in reading order (class_2 before class_10) and starts on the first listed', async () => {
    const base = runResult();
    // Core order (compareCategoryNames): class_10, class_2, class_3; each head's neuron count tells it apart.
    const heads = [0, 1, 2].map((classIndex) => ({ ...base.heads[0]!, classIndex, neuronSizes: Array.from({ length: classIndex + 1 }, () => 1) }));
    const classNames = ['class_10', 'class_2', 'class_3'];
    const { wrapper } = await mountFinished(runResult({ task: 'multiclass', heads, testPredictions: { totalCount: 0, rows: [], featureNames: ['x1', 'x2'], cellColumns: [], classNames } }));
    const select = wrapper.get<HTMLSelectElement>('#results-head-select');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Class class_2', 'Class class_3', 'Class class_10']);
    const sizes = () => wrapper.get('[data-testid="neuron-sizes-chart"] canvas').attributes('aria-label');
    expect(sizes()).toContain('Neuron sizes — Class class_2');
    expect(sizes()).toContain(': 2 neurons;');
    await select.setValue('2');
    expect(sizes()).toContain('Neuron sizes — Class class_10');
    expect(sizes()).toContain(': 1 neuron;');
  });

  it('explains when there is no decision map because the run was not saved', async () => {
    const { wrapper } = await mountFinished(runResult({ testPredictions: testPredictions() }));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(wrapper.get('[data-testid="decision-boundary-message"]').text()).toContain('no saved model');
  });

  it('compares two finished runs: overlaid curves and metrics side by side', async () => {
    const first = runResult({ jobId: 'job-1' });
    const second = runResult({ jobId: 'job-2', options: { ...first.options, solver: 'backprop', seed: 9 } });
    const fake = createFakeTransport({
      'jobs.result': (request) => okEnvelope(request.jobId === 'job-1' ? first : second),
      'runs.list': () => okEnvelope({ runs: [], problems: [] }),
    });
    const app = createTestApp(fake.transport);
    useJobsStore().select('job-1');
    const wrapper = mount(ResultsScreen, { global: app.global });
    fake.emit('job.updated', jobSummary({ state: 'finished', status: 'solved', endedAt: 2_000 }));
    fake.emit('job.updated', jobSummary({ jobId: 'job-2', label: 'Backprop seed 9', solver: 'backprop', state: 'finished', status: 'max-iterations', createdAt: 3_000, endedAt: 4_000 }));
    await settle();

    await wrapper.get('[data-testid="tab-compare"]').trigger('click');
    const comparison = wrapper.get('[data-testid="run-comparison"]');
    await comparison.get('input[data-compare="job:job-1"]').setValue(true);
    await comparison.get('input[data-compare="job:job-2"]').setValue(true);
    await settle();
    const table = wrapper.get('[data-testid="comparison-table"]');
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['Metric', 'Two moons · ADMM', 'Backprop seed 9']);
    expect(table.get('tr[data-metric="Seed"]').findAll('td').map((td) => td.text())).toEqual(['7', '9']);
    // Numbers right-aligned under right-aligned run headers; the solver's name stays left.
    expect(table.findAll('thead th').map((th) => th.classes().includes('numeric'))).toEqual([false, true, true]);
    expect(table.get('tr[data-metric="Seed"]').findAll('td').every((td) => td.classes().includes('numeric'))).toBe(true);
    expect(table.get('tr[data-metric="Solver"]').findAll('td').some((td) => td.classes().includes('numeric'))).toBe(false);
    expect(wrapper.get('[data-testid="comparison-chart"] canvas').attributes('aria-label')).toContain('Training objective of 2 runs');
  });

  it('compares a group of jobs (convex + back-propagation seeds) in one click, with the spread column', async () => {
    const convex = runResult({ jobId: 'job-1' });
    const seeds = [1, 2, 3].map((seed) => runResult({ jobId: `job-${seed + 1}`, options: { ...convex.options, solver: 'backprop', seed } }));
    const byId = new Map([convex, ...seeds].map((r) => [r.jobId, r] as const));
    const fake = createFakeTransport({ 'jobs.result': (request) => okEnvelope(byId.get(request.jobId)!), 'runs.list': () => okEnvelope({ runs: [], problems: [] }) });
    const app = createTestApp(fake.transport);
    useJobsStore().select('job-1');
    const wrapper = mount(ResultsScreen, { global: app.global });
    for (const [k, id] of ['job-1', 'job-2', 'job-3', 'job-4'].entries()) {
      const summary = jobSummary({ jobId: id, label: `Run ${k}`, state: 'finished', status: 'solved', createdAt: 1_000 + k, endedAt: 2_000 + k });
      // TRAIN's "Compare with back-propagation" tags its jobs with a group id.
      fake.emit('job.updated', { ...summary, group: 'cmp-1' });
    }
    await settle();
    await wrapper.get('[data-testid="tab-compare"]').trigger('click');
    const button = wrapper.findAll('button').find((b) => b.text().startsWith('Compare group cmp-1'))!;
    expect(button.text()).toBe('Compare group cmp-1 (4 runs)');
    await button.trigger('click');
    await settle();
    const table = wrapper.get('[data-testid="comparison-table"]');
    expect(table.findAll('thead th').map((th) => th.text()).at(-1)).toBe('Back-propagation min / median / max');
    expect(table.get('tr[data-metric="Seed"]').findAll('td').map((td) => td.text())).toEqual(['3', '2', '1', '7', '']); // newest job first

    // The Train screen can open the same comparison directly.
    const view = useResultsViewStore();
    view.setCompared([]);
    view.tab = 'run';
    view.compareGroup('cmp-1');
    expect(view.tab).toBe('compare');
    expect(view.comparedKeys).toEqual(['job:job-4', 'job:job-3', 'job:job-2', 'job:job-1']);
  });

  it('shows a saved run re-opened from the history, without any job of this session', async () => {
    const saved = runResult({ jobId: 'job-7', testPredictions: testPredictions() });
    const fake = createFakeTransport({
      'runs.get': () =>
        okEnvelope({
          summary: {
            runId: 'r1', name: 'Moons from yesterday', savedAt: 1_700_000_000_000, jobId: 'job-7', datasetName: 'Two moons', dataFingerprint: 'f',
            task: 'binary', solver: 'admm', seed: 7, status: 'solved', statusText: 'ok', headlineMetric: { name: 'accuracy', split: 'test', value: 0.97 }, hasModel: false,
          },
          data: { name: 'Two moons', source: 'two-moons', targetName: 'moon', task: 'binary', rowCount: 400, featureNames: ['x1', 'x2'], classNames: ['upper', 'lower'], classCounts: [200, 200], fingerprint: 'f' },
          result: saved,
          model: null,
        }),
    });
    const app = createTestApp(fake.transport);
    const wrapper = mount(ResultsScreen, { global: app.global });
    expect(wrapper.text()).toContain('No run yet');
    await useResultsViewStore().open('r1');
    await settle();
    expect(wrapper.get('[data-testid="opened-run"]').text()).toContain('Moons from yesterday');
    expect(wrapper.find('[data-testid="run-state"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="certificate"]').text()).toContain('Within 0.003%');
    expect(wrapper.get('[data-testid="decision-boundary-message"]').text()).toContain('no saved model');
    await wrapper.get('button[data-cell="0-1"]').trigger('click');
    expect(wrapper.get('[data-testid="cell-rows"]').findAll('tbody tr')).toHaveLength(2);

    await wrapper.findAll('button').find((b) => b.text() === "Back to this session's runs")!.trigger('click');
    expect(wrapper.text()).toContain('No run yet');
  });

  it("names a binary run's ROC curve by both classes (\"upper vs rest\" left the negative class to guess)", async () => {
    const base = runResult();
    const report = { ...base.test!.classification!, rocCurve: { fpr: [0, 0.1, 1], tpr: [0, 0.9, 1], thresholds: [Number.MAX_VALUE, 0.5, 0] } };
    const rows = [0, 1].map((k) => ({ row: k, actual: k, predicted: k, scores: [], probabilities: [], features: null, cells: [] }));
    const result = runResult({
      test: { task: 'binary', classification: report, regression: null },
      testPredictions: { totalCount: 2, rows, featureNames: [], cellColumns: [], classNames: ['lower', 'upper'] },
    });
    const { wrapper } = await mountFinished(result);
    expect(wrapper.get('[data-testid="roc-chart"] canvas').attributes('aria-label')).toContain('upper vs lower, area 0.995');
  });

  it('adds the mean one-vs-rest ROC AUC of the test rows for a multi-class run', async () => {
    const probabilities = [[0.8, 0.1, 0.1], [0.4, 0.5, 0.1], [0.2, 0.7, 0.1], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4], [0.5, 0.2, 0.3]];
    const actual = [0, 0, 1, 1, 2, 2];
    const rows = probabilities.map((p, k) => ({ row: k, actual: actual[k]!, predicted: p.indexOf(Math.max(...p)), scores: p, probabilities: p, features: null, cells: [] }));
    const base = runResult();
    const report = { ...base.test!.classification!, classCount: 3, confusionMatrix: [[1, 1, 0], [0, 2, 0], [1, 0, 1]], binary: null, rocAuc: null, rocCurve: null };
    const result = runResult({
      task: 'multiclass',
      train: { task: 'multiclass', classification: report, regression: null },
      test: { task: 'multiclass', classification: report, regression: null },
      testPredictions: { totalCount: 6, rows, featureNames: [], cellColumns: [], classNames: ['a', 'b', 'c'] },
    });
    const { wrapper } = await mountFinished(result);
    const expected = [0, 1, 2].map((c) => rocAuc(actual.map((y) => (y === c ? 1 : 0)), probabilities.map((p) => p[c]!))!).reduce((a, b) => a + b) / 3;
    const cells = wrapper.get('tr[data-metric="ROC AUC (one-vs-rest mean)"]').findAll('td').map((td) => td.text());
    expect(cells).toEqual(['–', expected.toFixed(3)]);
    expect(wrapper.get('[data-testid="roc-chart"] canvas').attributes('aria-label')).toContain('a vs rest, area 0.875');
  });
});
