// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RunningJobActions from '../../../../src-renderer/components/train/RunningJobActions.vue';
import { jobStateLine, runningButtonText, runningJobProgress } from '../../../../src-renderer/components/train/running-job';
import { createFakeTransport, okEnvelope } from '../../support/fake-transport';
import { jobSummary } from '../../support/fixtures';
import { createTestApp, settle } from '../../support/test-app';

const progress = (fraction: number) => ({ iteration: 3, elapsedMs: 500, fraction, objective: 1 });

describe('a running job\'s progress in words', () => {
  it('says "queued", then the share done once the job has reported it', () => {
    expect(runningJobProgress(jobSummary({ state: 'queued', startedAt: null }))).toBe('queued');
    expect(runningJobProgress(jobSummary({ progress: progress(0.404) }))).toBe('40%');
    expect(runningJobProgress(jobSummary({ progress: progress(0) }))).toBe('0%');
  });

  it('claims no "0%" for a started job that has sent no progress yet', () => {
    const started = jobSummary({ state: 'running', progress: null });
    expect(runningJobProgress(started)).toBeNull();
    expect(runningButtonText(started)).toBe('Running…');
    expect(jobStateLine('Cross-validation', started)).toBe('Cross-validation running…');
    expect(jobStateLine('Sweep', jobSummary({ progress: progress(0.25) }))).toBe('Sweep running (25%)…');
    expect(jobStateLine('Sweep', jobSummary({ state: 'queued', startedAt: null }))).toBe('Sweep queued…');
  });
});

describe('RunningJobActions', () => {
  it('stands in for the start button: a disabled "Running… NN%" and a Cancel that cancels that job', async () => {
    const fake = createFakeTransport({ 'jobs.cancel': () => okEnvelope({ accepted: true }) });
    const wrapper = mount(RunningJobActions, { global: createTestApp(fake.transport).global, props: { job: jobSummary({ jobId: 'job-4', progress: progress(0.6) }), testId: 'x-running' } });
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Running… 60%', 'Cancel']);
    expect(wrapper.get('[data-testid="x-running"]').attributes('disabled')).toBeDefined();
    await wrapper.findAll('button')[1]!.trigger('click');
    await settle();
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-4' }]);
  });
});
