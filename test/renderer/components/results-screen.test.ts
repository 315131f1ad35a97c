// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-core/contract/operations';
import ResultsScreen from '../../../src-renderer/components/ResultsScreen.vue';
import { useJobsStore } from '../../../src-renderer/stores/jobs';
import { createFakeTransport, okEnvelope } from '../support/fake-transport';
import { jobSummary, runResult } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

/** The Results screen with job-1 selected and finished, its result `result`. */
async function mountFinished(result: RunResult): Promise<ReturnType<typeof mount>> {
  const fake = createFakeTransport({ 'jobs.result': () => okEnvelope(result) });
  const app = createTestApp(fake.transport);
  useJobsStore().select('job-1');
  const wrapper = mount(ResultsScreen, { global: app.global });
  fake.emit('job.updated', jobSummary({ state: 'finished', status: 'solved', endedAt: 2_000 }));
  await settle();
  return wrapper;
}

describe('Results screen', () => {
  it('shows the stopping reason, the certificate, the neuron count and the metrics of a finished run', async () => {
    const wrapper = await mountFinished(runResult());

    expect(wrapper.get('[data-testid="run-state"]').text()).toBe('Finished');
    expect(wrapper.get('[data-testid="stopping-reason"]').text()).toContain('Reached the requested tolerance.');
    expect(wrapper.get('[data-testid="certificate"]').text()).toContain('Within 0.003% of the best possible training objective');
    expect(wrapper.get('[data-testid="neuron-count"]').text()).toContain('12 active neurons');
    const accuracy = wrapper.get('tr[data-metric="Accuracy"]').findAll('td').map((td) => td.text());
    expect(accuracy).toEqual(['99.0%', '97.0%']);
    // The Metrics table right-aligns its numbers and their headers; the metric names stay left.
    const metrics = wrapper.get('table[aria-label="Metrics"]');
    expect(metrics.findAll('thead th').map((th) => th.classes().includes('numeric'))).toEqual([false, true, true]);
    expect(metrics.get('tr[data-metric="Accuracy"]').findAll('td').every((td) => td.classes().includes('numeric'))).toBe(true);
    expect(metrics.get('tr[data-metric="Accuracy"] th').classes()).not.toContain('numeric');
    expect(wrapper.get('tr[data-metric="ROC AUC"]').findAll('td')[1]!.text()).toBe('0.995');
    // No canvas in happy-dom: the chart's text description still reports the last point.
    expect(wrapper.get('canvas').attributes('aria-label')).toContain('objective 3.5 at iteration 340');
  });

  it('names a step of the pattern networks an epoch, as the Jobs panel does', async () => {
    const fake = createFakeTransport();
    const app = createTestApp(fake.transport);
    useJobsStore().select('job-1');
    const wrapper = mount(ResultsScreen, { global: app.global });
    // Cancelled while the back-propagation network that gives the patterns trained: no result.
    const progress = { iteration: 4, elapsedMs: 900, fraction: 0.1, objective: 215800, phase: 'patterns' as const };
    fake.emit('job.updated', jobSummary({ state: 'cancelled', status: 'cancelled', endedAt: 2_000, progress }));
    await settle();
    expect(wrapper.get('.results-screen__live').text()).toMatch(/^Epoch 4 of the back-propagation network that gives the patterns · objective 215800$/);
  });

  it("says which class's network the live line is about, as the Jobs panel does (the curves restart with each class)", async () => {
    const fake = createFakeTransport();
    const app = createTestApp(fake.transport);
    useJobsStore().select('job-1');
    const wrapper = mount(ResultsScreen, { global: app.global });
    const progress = { iteration: 1289, elapsedMs: 1700, fraction: 0.4, objective: 1.427, relativeGap: 0.063, head: 1, headCount: 3 };
    fake.emit('job.updated', jobSummary({ state: 'running', status: null, progress }));
    await settle();
    expect(wrapper.get('.results-screen__live').text().replace(/\s+/g, ' ')).toBe('Iteration 1,289 · objective 1.427 · certified gap 6.3% · class 2 of 3');
  });

  it('counts Newton steps when the run\'s solves were interior-point ones (also adversarial ADMM runs)', async () => {
    for (const [newtonSteps, unit] of [[false, '340 iterations'], [true, '340 Newton steps']] as const) {
      const plain = runResult();
      const result = newtonSteps ? { ...plain, heads: plain.heads.map((h) => ({ ...h, newtonSteps: true })) } : plain;
      const wrapper = await mountFinished(result);
      expect(wrapper.get('[data-testid="run-work"]').text()).toMatch(new RegExp(`^${unit} · setup`));
      // ... and so do the charts: the axis choice and the charts' descriptions
      expect(wrapper.get('[data-testid="axis-iteration"]').element.parentElement!.textContent!.trim()).toBe(newtonSteps ? 'Newton step' : 'Iteration');
      expect(wrapper.get('canvas').attributes('aria-label')).toContain(`at ${newtonSteps ? 'Newton step' : 'iteration'} 340`);
    }
  });

  it('shows the preparation warnings and the solvers\' notes, a note all heads share once', async () => {
    const plain = runResult();
    const noted = runResult({
      task: 'multiclass',
      dataWarnings: ['Column "city" has 40 categories; the 30 most frequent are one-hot encoded.'],
      heads: [
        { ...plain.heads[0]!, classIndex: 0, notes: ['Patterns were sampled.', 'Stopped before the tolerance: no progress.'] },
        { ...plain.heads[0]!, classIndex: 1, notes: ['Patterns were sampled.'] },
      ],
    });
    const wrapper = await mountFinished(noted);
    expect(wrapper.get('[data-testid="data-warnings"]').text()).toBe(noted.dataWarnings![0]);
    expect(wrapper.get('[data-testid="solver-notes"]').findAll('p').map((p) => p.text())).toEqual(['Patterns were sampled.', 'Class 1: Stopped before the tolerance: no progress.']);

    // A run without either (e.g. saved before they existed) shows neither row.
    const bare = await mountFinished(plain);
    expect(bare.find('[data-testid="data-warnings"]').exists()).toBe(false);
    expect(bare.find('[data-testid="solver-notes"]').exists()).toBe(false);
  });

  it('names the marked events in the objective chart\'s description (no canvas in happy-dom to see the marks)', async () => {
    const plain = runResult();
    const history = [{ iteration: 0, elapsedMs: 1, objective: 9 }, { iteration: 1, elapsedMs: 2, objective: 5, event: 'cone rows added' }, { iteration: 2, elapsedMs: 3, objective: 4, relativeGap: 1e-4 }];
    const wrapper = await mountFinished({ ...plain, heads: plain.heads.map((h) => ({ ...h, newtonSteps: true, iterations: 2, history })) });
    expect(wrapper.get('canvas').attributes('aria-label')).toContain('; cone rows added at Newton step 1.');
  });

  it('asks for a run when this session has runs but none is selected, instead of saying there is none', async () => {
    const fake = createFakeTransport({ 'jobs.result': () => okEnvelope(runResult()) });
    const app = createTestApp(fake.transport);
    const wrapper = mount(ResultsScreen, { global: app.global });
    expect(wrapper.text()).toContain('No run yet');
    fake.emit('job.updated', jobSummary({ jobId: 'job-1', state: 'finished', status: 'solved', endedAt: 2_000 }));
    fake.emit('job.updated', jobSummary({ jobId: 'job-2', state: 'finished', status: 'solved', endedAt: 3_000 }));
    await settle();
    expect(wrapper.text()).not.toContain('No run yet');
    expect(wrapper.get('[data-testid="no-run-selected"]').text()).toContain("pick one of this session's 2 runs");
    // A placeholder first, so choosing the first run is a change too.
    const select = wrapper.get('[data-testid="no-run-selected"] select');
    expect(select.findAll('option').map((o) => o.attributes('disabled') !== undefined)).toEqual([true, false, false]);
    await select.setValue('job-1');
    await settle();
    expect(useJobsStore().selectedJobId).toBe('job-1');
    expect(wrapper.find('[data-testid="no-run-selected"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="run-state"]').text()).toBe('Finished');
  });

  it('shows regression metrics for a regression run', async () => {
    const regression = runResult({
      task: 'regression',
      train: { task: 'regression', classification: null, regression: { n: 80, mse: 0.25, rmse: 0.5, mae: 0.4, r2: 0.912 } },
      test: null,
      testCount: 0,
    });
    const wrapper = await mountFinished(regression);

    expect(wrapper.get('tr[data-metric="R²"]').findAll('td').map((td) => td.text())).toEqual(['0.912', '–']);
    expect(wrapper.find('tr[data-metric="Accuracy"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('No rows were held out');
  });
});
