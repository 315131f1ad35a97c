import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { JobProgress, JobState, JobSummary, RunResult } from '../../src-core/contract/operations';
import { useApiClient } from '../api/api-client-injection';
import { useToastsStore } from './toasts';

/** Live points kept per job; beyond this every other point is dropped (the chart decimates anyway). */
export const LIVE_HISTORY_LIMIT = 4000;

/** Order of a job's states: it only moves forward (queued, running, ended). */
function stateRank(state: JobState): number {
  return state === 'queued' ? 0 : state === 'running' ? 1 : 2;
}

export function isTerminal(state: JobState): boolean {
  return state === 'finished' || state === 'failed' || state === 'cancelled';
}

/**
 * Every job the back end knows, kept current by the job.updated and job.progress events, with the
 * live progress history of each job and the result of each finished one.
 */
export const useJobsStore = defineStore('jobs', () => {
  const api = useApiClient();
  const toasts = useToastsStore();

  const summaries = shallowRef<ReadonlyMap<string, JobSummary>>(new Map());
  const liveHistories = shallowRef<ReadonlyMap<string, readonly JobProgress[]>>(new Map());
  const results = shallowRef<ReadonlyMap<string, RunResult>>(new Map());
  /** The job the Results and Export screens show. */
  const selectedJobId = ref<string | null>(null);
  const cancelling = ref<ReadonlySet<string>>(new Set());
  const resultRequests = new Set<string>();
  const failureShown = new Set<string>();

  /** Newest first. */
  const jobs = computed(() => [...summaries.value.values()].sort((a, b) => b.createdAt - a.createdAt));
  /** Jobs queued or running (not ended). */
  const activeCount = computed(() => jobs.value.filter((job) => !isTerminal(job.state)).length);
  const selectedJob = computed(() => (selectedJobId.value ? summaries.value.get(selectedJobId.value) ?? null : null));
  const selectedResult = computed(() => (selectedJobId.value ? results.value.get(selectedJobId.value) ?? null : null));
  const selectedHistory = computed(() => (selectedJobId.value ? liveHistories.value.get(selectedJobId.value) ?? [] : []));

  function upsert(summary: JobSummary): void {
    // A job list asked for before a job ended can arrive after its job.updated event: a summary
    // never takes a job back from ended to running, or from running to queued (it stayed
    // "Running" for good: the comparison e2e test saw 5 of its 6 runs finish, twice).
    const known = summaries.value.get(summary.jobId);
    if (known && stateRank(known.state) > stateRank(summary.state)) return;
    summaries.value = new Map(summaries.value).set(summary.jobId, summary);
    if (summary.state === 'failed') announceFailure(summary);
    if ((summary.state === 'finished' || summary.state === 'cancelled') && !results.value.has(summary.jobId)) {
      void fetchResult(summary.jobId, summary.state === 'finished');
    }
  }

  function recordProgress(jobId: string, progress: JobProgress): void {
    const known = summaries.value.get(jobId);
    if (known && !isTerminal(known.state)) {
      summaries.value = new Map(summaries.value).set(jobId, { ...known, state: 'running', progress });
    }
    // The pattern networks' epochs show in the job's row, not in the run's curves.
    if (progress.phase === 'patterns') return;
    const previous = liveHistories.value.get(jobId) ?? [];
    // Thinned by half at the limit, but a point that marks an event stays (the charts draw it).
    const kept = previous.length >= LIVE_HISTORY_LIMIT ? previous.filter((p, i) => i % 2 === 0 || p.event !== undefined) : previous;
    liveHistories.value = new Map(liveHistories.value).set(jobId, [...kept, progress]);
  }

  function announceFailure(summary: JobSummary): void {
    if (failureShown.has(summary.jobId)) return;
    failureShown.add(summary.jobId);
    const error = summary.error ?? { code: 'jobs/failed', message: 'The job failed without a reason.' };
    toasts.show('error', `Training failed: ${summary.label}`, error.message, error.code);
  }

  /**
   * Reads the result of an ended job. A cancelled job may have none (cancelled before its first
   * iterate), which is not worth an error message.
   */
  async function fetchResult(jobId: string, reportFailure: boolean): Promise<void> {
    if (resultRequests.has(jobId)) return;
    resultRequests.add(jobId);
    try {
      const result = await api.jobResult({ jobId });
      results.value = new Map(results.value).set(jobId, result);
    } catch (error) {
      resultRequests.delete(jobId);
      if (reportFailure) toasts.showError('Could not read the result of the run', error);
    }
  }

  async function refresh(): Promise<void> {
    try {
      const list = await api.listJobs();
      for (const summary of list) upsert(summary);
    } catch (error) {
      toasts.showError('Could not list the jobs', error);
    }
  }

  /** Called by the Train screen with the id jobs.start returned. */
  async function track(jobId: string): Promise<void> {
    selectedJobId.value = jobId;
    if (!summaries.value.has(jobId)) await refresh();
  }

  async function cancel(jobId: string): Promise<void> {
    cancelling.value = new Set(cancelling.value).add(jobId);
    try {
      const { accepted } = await api.cancelJob({ jobId });
      if (!accepted) toasts.show('info', 'Nothing to cancel', 'The job had already ended.');
    } catch (error) {
      toasts.showError('Could not cancel the job', error);
    } finally {
      const next = new Set(cancelling.value);
      next.delete(jobId);
      cancelling.value = next;
    }
  }

  function select(jobId: string): void {
    selectedJobId.value = jobId;
  }

  const stopEvents = api.onEvent((name, payload) => {
    if (name === 'job.updated') upsert(payload as JobSummary);
    else if (name === 'job.progress') {
      const event = payload as { jobId: string; progress: JobProgress };
      recordProgress(event.jobId, event.progress);
    }
  });
  // Events pushed while the web socket was down are lost: re-read the list when it returns.
  const stopConnection = api.onConnectionChange((connected) => {
    if (connected) void refresh();
  });
  onScopeDispose(() => {
    stopEvents();
    stopConnection();
  });

  return {
    summaries,
    liveHistories,
    results,
    selectedJobId,
    cancelling,
    jobs,
    activeCount,
    selectedJob,
    selectedResult,
    selectedHistory,
    refresh,
    track,
    cancel,
    select,
  };
});
