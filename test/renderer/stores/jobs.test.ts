// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LIVE_HISTORY_LIMIT, useJobsStore } from '../../../src-renderer/stores/jobs';
import { useToastsStore } from '../../../src-renderer/stores/toasts';
import { createFakeTransport, errorEnvelope, okEnvelope } from '../support/fake-transport';
import { jobSummary, runResult } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

const progress = (iteration: number, fraction: number) => ({ iteration, elapsedMs: iteration * 2, fraction, objective: 10 / iteration, relativeGap: 1 / iteration });

describe('jobs store', () => {
  it('adds and updates jobs from job.updated events, newest first', () => {
    const fake = createFakeTransport();
    createTestApp(fake.transport);
    const jobs = useJobsStore();

    fake.emit('job.updated', jobSummary({ jobId: 'job-1', state: 'queued', createdAt: 1 }));
    fake.emit('job.updated', jobSummary({ jobId: 'job-2', state: 'queued', createdAt: 2 }));
    fake.emit('job.updated', jobSummary({ jobId: 'job-1', state: 'running', createdAt: 1 }));

    expect(jobs.jobs.map((j) => [j.jobId, j.state])).toEqual([['job-2', 'queued'], ['job-1', 'running']]);
    // Queued and running jobs are the active ones (the sidebar's count, the panel's clock).
    expect(jobs.activeCount).toBe(2);
    fake.emit('job.updated', jobSummary({ jobId: 'job-1', state: 'finished', status: 'solved', createdAt: 1, endedAt: 5 }));
    expect(jobs.activeCount).toBe(1);
  });

  it('keeps the newer state when a job list asked for earlier arrives after the job ended', async () => {
    let answer: (() => void) | null = null;
    const fake = createFakeTransport({
      // The list is taken while job-1 runs, and delivered only after its job.updated 'finished'.
      'jobs.list': () => new Promise((resolve) => (answer = () => resolve(okEnvelope([jobSummary({ jobId: 'job-1', state: 'running' })])))),
      'jobs.result': () => okEnvelope(runResult({ jobId: 'job-1' })),
    });
    createTestApp(fake.transport);
    const jobs = useJobsStore();
    const refreshed = jobs.refresh();
    fake.emit('job.updated', jobSummary({ jobId: 'job-1', state: 'finished', status: 'solved', endedAt: 2_000 }));
    answer!();
    await refreshed;
    await settle();
    expect(jobs.jobs.map((j) => j.state)).toEqual(['finished']);
    // Forward moves still apply.
    fake.emit('job.updated', jobSummary({ jobId: 'job-2', state: 'queued' }));
    fake.emit('job.updated', jobSummary({ jobId: 'job-2', state: 'running' }));
    expect(jobs.summaries.get('job-2')!.state).toBe('running');
  });

  it('records job.progress on the summary and in the live history', () => {
    const fake = createFakeTransport();
    createTestApp(fake.transport);
    const jobs = useJobsStore();
    fake.emit('job.updated', jobSummary({ jobId: 'job-1', state: 'queued' }));
    jobs.select('job-1');

    fake.emit('job.progress', { jobId: 'job-1', progress: progress(10, 0.1) });
    fake.emit('job.progress', { jobId: 'job-1', progress: progress(20, 0.2) });

    expect(jobs.selectedJob?.state).toBe('running');
    expect(jobs.selectedJob?.progress?.fraction).toBe(0.2);
    expect(jobs.selectedHistory.map((p) => p.iteration)).toEqual([10, 20]);
    // The epochs of the networks that give the patterns move the job's row, not the run's curves.
    fake.emit('job.progress', { jobId: 'job-1', progress: { ...progress(300, 0.9), phase: 'patterns' } });
    expect(jobs.selectedJob?.progress?.iteration).toBe(300);
    expect(jobs.selectedHistory.map((p) => p.iteration)).toEqual([10, 20]);
  });

  it('thins a long live history by half but keeps the points that mark an event', () => {
    const fake = createFakeTransport();
    createTestApp(fake.transport);
    const jobs = useJobsStore();
    fake.emit('job.updated', jobSummary({ jobId: 'job-1', state: 'queued' }));
    jobs.select('job-1');
    for (let i = 1; i <= LIVE_HISTORY_LIMIT; i++) {
      const point = progress(i, i / (2 * LIVE_HISTORY_LIMIT));
      fake.emit('job.progress', { jobId: 'job-1', progress: i === 8 ? { ...point, event: 'cone rows added' } : point });
    }
    fake.emit('job.progress', { jobId: 'job-1', progress: progress(LIVE_HISTORY_LIMIT + 1, 0.6) });
    const history = jobs.selectedHistory;
    expect(history.length).toBe(LIVE_HISTORY_LIMIT / 2 + 2);
    // Point 8 sits at an odd index (7), which the halving would drop.
    expect(history.filter((p) => p.event !== undefined).map((p) => [p.iteration, p.event])).toEqual([[8, 'cone rows added']]);
    expect(history.map((p) => p.iteration).slice(0, 5)).toEqual([1, 3, 5, 7, 8]);
  });

  it('fetches the result once a job finishes', async () => {
    const result = runResult({ jobId: 'job-1' });
    const fake = createFakeTransport({ 'jobs.result': () => okEnvelope(result) });
    createTestApp(fake.transport);
    const jobs = useJobsStore();
    jobs.select('job-1');

    fake.emit('job.updated', jobSummary({ state: 'finished', status: 'solved', endedAt: 2_000 }));
    fake.emit('job.updated', jobSummary({ state: 'finished', status: 'solved', endedAt: 2_000 }));
    await settle();

    expect(jobs.selectedResult).toEqual(result);
    expect(fake.callsOf('jobs.result')).toEqual([{ jobId: 'job-1' }]);
  });

  it('shows a failed job as one error toast with its reason', async () => {
    const fake = createFakeTransport();
    createTestApp(fake.transport);
    useJobsStore();
    const failed = jobSummary({ state: 'failed', error: { code: 'solver/diverged', message: 'The solve diverged; lower rho.' } });

    fake.emit('job.updated', failed);
    fake.emit('job.updated', failed);
    await settle();

    const toasts = useToastsStore().toasts;
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ kind: 'error', code: 'solver/diverged', message: 'The solve diverged; lower rho.' });
    expect(fake.callsOf('jobs.result')).toEqual([]);
  });

  it('a cancelled job without a result is not reported as an error', async () => {
    const fake = createFakeTransport({ 'jobs.result': () => errorEnvelope('jobs/no-result', 'cancelled before the first iterate') });
    createTestApp(fake.transport);
    useJobsStore();
    fake.emit('job.updated', jobSummary({ state: 'cancelled', status: 'cancelled' }));
    await settle();
    expect(fake.callsOf('jobs.result')).toHaveLength(1);
    expect(useToastsStore().toasts).toEqual([]);
  });

  it('cancels through jobs.cancel and re-reads the list when the event stream returns', async () => {
    const fake = createFakeTransport({
      'jobs.cancel': () => okEnvelope({ accepted: true }),
      'jobs.list': () => okEnvelope([jobSummary({ state: 'cancelled', status: 'cancelled' })]),
      'jobs.result': () => errorEnvelope('jobs/no-result', 'none'),
    });
    createTestApp(fake.transport);
    const jobs = useJobsStore();

    await jobs.cancel('job-1');
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-1' }]);

    fake.setConnected(false);
    expect(fake.callsOf('jobs.list')).toHaveLength(0);
    fake.setConnected(true);
    await settle();
    expect(fake.callsOf('jobs.list')).toHaveLength(1);
    expect(jobs.jobs[0]?.state).toBe('cancelled');
  });
});
