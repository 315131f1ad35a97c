// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import JobsPanel from '../../../src-renderer/components/JobsPanel.vue';
import { useJobsStore } from '../../../src-renderer/stores/jobs';
import { createFakeTransport, okEnvelope } from '../support/fake-transport';
import { jobSummary } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

describe('Jobs panel', () => {
  it('shows progress and elapsed time of a running job and cancels it', async () => {
    const fake = createFakeTransport({ 'jobs.cancel': () => okEnvelope({ accepted: true }) });
    const app = createTestApp(fake.transport);
    useJobsStore();
    const wrapper = mount(JobsPanel, { global: app.global });
    const startedAt = Date.now() - 12_000;

    fake.emit('job.updated', jobSummary({ startedAt, createdAt: startedAt }));
    fake.emit('job.progress', { jobId: 'job-1', progress: { iteration: 420, elapsedMs: 12_000, fraction: 0.42, objective: 3 } });
    await nextTick();

    const bar = wrapper.get('[role="progressbar"]');
    expect(bar.attributes('aria-label')).toBe('Progress of Two moons · ADMM');
    expect(bar.attributes('aria-valuenow')).toBe('42');
    expect(wrapper.get('[data-testid="job-state"]').text()).toBe('Running');
    expect(wrapper.get('[data-testid="job-elapsed"]').text()).toMatch(/^1[23] s$/);
    expect(wrapper.text()).toContain('iteration 420');

    await wrapper.get('button[aria-label="Cancel Two moons · ADMM"]').trigger('click');
    await settle();
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-1' }]);

    fake.emit('job.updated', jobSummary({ startedAt, state: 'cancelled', status: 'cancelled', endedAt: startedAt + 13_000 }));
    await nextTick();
    expect(wrapper.get('[data-testid="job-state"]').text()).toBe('Cancelled');
    expect(wrapper.get('[data-testid="job-elapsed"]').text()).toBe('13 s');
    expect(wrapper.find('button[aria-label^="Cancel"]').exists()).toBe(false);
    // The last throttled report is not the final count: an ended job shows none.
    expect(wrapper.text()).not.toContain('iteration');
  });

  it('says where a sweep is (beta, fold, class) and counts Newton steps for the interior-point solver', async () => {
    const fake = createFakeTransport();
    const app = createTestApp(fake.transport);
    const wrapper = mount(JobsPanel, { global: app.global });
    fake.emit('job.updated', jobSummary({ solver: 'ipm', kind: 'sweep', label: 'Two moons · sweep' }));
    const stages = [{ name: 'fold', index: 1, count: 5 }, { name: 'beta', index: 2, count: 8 }] as const;
    fake.emit('job.progress', { jobId: 'job-1', progress: { iteration: 14, elapsedMs: 2_000, fraction: 0.3, objective: 3, head: 0, headCount: 3, stages } });
    await nextTick();
    expect(wrapper.text()).toContain('Newton step 14 · fold 2 of 5 · beta 3 of 8 · class 1 of 3');
    expect(wrapper.text()).not.toContain('iteration');
  });

  it('counts Newton steps for an adversarial ADMM run whose robust program the interior-point method solves', async () => {
    const fake = createFakeTransport();
    const app = createTestApp(fake.transport);
    const wrapper = mount(JobsPanel, { global: app.global });
    fake.emit('job.updated', jobSummary({ solver: 'admm', label: 'Two moons · ADMM · adversarial, epsilon 0.05 (l-inf)' }));
    fake.emit('job.progress', { jobId: 'job-1', progress: { iteration: 9, elapsedMs: 900, fraction: 0.05, objective: 3, newtonStep: true } });
    await nextTick();
    expect(wrapper.text()).toContain('Newton step 9');
    expect(wrapper.text()).not.toContain('iteration 9');
  });

  it('says when the back-propagation networks that give the patterns are training, in epochs', async () => {
    const fake = createFakeTransport();
    const app = createTestApp(fake.transport);
    const wrapper = mount(JobsPanel, { global: app.global });
    fake.emit('job.updated', jobSummary({ solver: 'ipm', label: 'Moons · Interior-point' }));
    fake.emit('job.progress', { jobId: 'job-1', progress: { iteration: 120, elapsedMs: 900, fraction: 0.4, objective: 3, phase: 'patterns', head: 1, headCount: 3 } });
    await nextTick();
    expect(wrapper.text()).toContain('epoch 120 · patterns by back-propagation · class 2 of 3');
    fake.emit('job.progress', { jobId: 'job-1', progress: { iteration: 3, elapsedMs: 1900, fraction: 0.03, objective: 2, newtonStep: true } });
    await nextTick();
    expect(wrapper.text()).toContain('Newton step 3');
    expect(wrapper.text()).not.toContain('patterns by back-propagation');
  });

  it('a finished job has a full bar', async () => {
    const fake = createFakeTransport();
    const app = createTestApp(fake.transport);
    const wrapper = mount(JobsPanel, { global: app.global });
    fake.emit('job.updated', jobSummary({ state: 'finished', status: 'solved', endedAt: 5_000, progress: { iteration: 300, elapsedMs: 4000, fraction: 0.03, objective: 1 } }));
    await nextTick();
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('100');
  });

  it('says the dataset description once above the list when every job shares it, and in full otherwise', async () => {
    const fake = createFakeTransport();
    const app = createTestApp(fake.transport);
    const wrapper = mount(JobsPanel, { global: app.global });
    const moons = 'Two moons (200 rows, noise 0.1, seed 1)';
    fake.emit('job.updated', jobSummary({ jobId: 'job-1', label: `${moons} · ADMM`, createdAt: 1_000 }));
    fake.emit('job.updated', jobSummary({ jobId: 'job-2', label: `${moons} · back-propagation, seed 2`, createdAt: 2_000 }));
    await nextTick();
    const titles = () => wrapper.findAll('.job-row__title').map((b) => b.text());
    expect(wrapper.get('[data-testid="jobs-data"]').text()).toBe(`Data: ${moons}`);
    expect(titles()).toEqual(['back-propagation, seed 2', 'ADMM']);
    // The row keeps its full name for screen readers.
    expect(wrapper.findAll('li')[1]!.attributes('aria-label')).toBe(`Job ${moons} · ADMM`);

    fake.emit('job.updated', jobSummary({ jobId: 'job-3', label: 'iris.csv · ADMM', createdAt: 3_000 }));
    await nextTick();
    expect(wrapper.find('[data-testid="jobs-data"]').exists()).toBe(false);
    expect(titles()).toEqual(['iris.csv · ADMM', `${moons} · back-propagation, seed 2`, `${moons} · ADMM`]);
  });
});
