import { defineStore } from 'pinia';
import { onScopeDispose, ref, shallowRef } from 'vue';
import type { JobSummary, RunResult } from '../../../src-core/contract/operations';
import type { RunRecordSummary, StoredRun } from '../../../src-core/contract/run-history';
import type { ModelFile } from '../../../src-core/model/model-file-types';
import { useApiClient } from '../../api/api-client-injection';
import { useJobsStore } from '../../stores/jobs';
import { useToastsStore } from '../../stores/toasts';

/** The group id of jobs started together (e.g. "Compare with back-propagation"), if any. */
export function jobGroup(summary: JobSummary): string | null {
  return summary.group !== undefined && summary.group.length > 0 ? summary.group : null;
}

/**
 * What the Results screen shows besides the selected job: a saved run re-opened from the history,
 * the runs picked for comparison, and the saved copy (with its model file) of each finished job,
 * found through the run.saved events or the run list.
 */
export const useResultsViewStore = defineStore('results-view', () => {
  const api = useApiClient();
  const toasts = useToastsStore();
  const jobs = useJobsStore();

  /** A saved run re-opened from the history; shown instead of the selected job until closed. */
  const opened = shallowRef<StoredRun | null>(null);
  /** Which view of the Results screen is shown: one run, or the comparison. */
  const tab = ref<'run' | 'compare'>('run');
  /** Keys of the compared runs: 'job:<jobId>' or 'run:<runId>'. */
  const comparedKeys = ref<string[]>([]);
  const savedRuns = shallowRef<ReadonlyMap<string, StoredRun>>(new Map());
  const runIdByJob = new Map<string, string>();

  async function loadRun(runId: string): Promise<StoredRun> {
    const known = savedRuns.value.get(runId);
    if (known) return known;
    const run = await api.getRun({ runId });
    savedRuns.value = new Map(savedRuns.value).set(runId, run);
    return run;
  }

  async function open(runId: string): Promise<boolean> {
    try {
      opened.value = await loadRun(runId);
      tab.value = 'run';
      return true;
    } catch (error) {
      toasts.showError('Could not open the saved run', error);
      return false;
    }
  }

  function closeOpened(): void {
    opened.value = null;
  }

  function forget(runId: string): void {
    const next = new Map(savedRuns.value);
    next.delete(runId);
    savedRuns.value = next;
    if (opened.value?.summary.runId === runId) opened.value = null;
    comparedKeys.value = comparedKeys.value.filter((key) => key !== `run:${runId}`);
  }

  /**
   * The model file of a finished job of this session, from its saved copy in the workspace; null
   * when it was not saved (yet) or has no model (RunResult.noModelReason says why).
   */
  async function modelOfJob(jobId: string, savedAfter: number): Promise<ModelFile | null> {
    let runId = runIdByJob.get(jobId);
    if (!runId) {
      // Job ids restart with the app: the newest run saved by this job id since it started is ours.
      const listing = await api.listRuns({});
      const match = listing.runs.find((run) => run.jobId === jobId && run.savedAt >= savedAfter);
      if (!match) return null;
      runId = match.runId;
      runIdByJob.set(jobId, runId);
    }
    return (await loadRun(runId)).model;
  }

  function setCompared(keys: readonly string[]): void {
    comparedKeys.value = [...new Set(keys)];
  }

  /** Shows the comparison of these runs (from the history or a group of jobs). */
  function compare(keys: readonly string[]): void {
    setCompared(keys);
    tab.value = 'compare';
  }

  /**
   * Shows the comparison of every job of a group (e.g. the convex run and back-propagation seeds
   * that "Compare with back-propagation" started); runs still going join as they finish.
   */
  function compareGroup(group: string): void {
    compare(jobs.jobs.filter((job) => jobGroup(job) === group).map((job) => `job:${job.jobId}`));
  }

  function toggleCompared(key: string): void {
    setCompared(comparedKeys.value.includes(key) ? comparedKeys.value.filter((k) => k !== key) : [...comparedKeys.value, key]);
  }

  /** The result behind a comparison key, loading a saved run when needed. */
  async function resultOf(key: string, sessionResults: ReadonlyMap<string, RunResult>): Promise<RunResult | null> {
    if (key.startsWith('job:')) return sessionResults.get(key.slice(4)) ?? null;
    if (key.startsWith('run:')) return (await loadRun(key.slice(4))).result;
    return null;
  }

  const stopEvents = api.onEvent((name, payload) => {
    if (name === 'run.saved') {
      const saved = payload as RunRecordSummary;
      runIdByJob.set(saved.jobId, saved.runId);
    }
  });
  onScopeDispose(stopEvents);

  return { opened, tab, comparedKeys, compare, compareGroup, savedRuns, open, closeOpened, forget, loadRun, modelOfJob, setCompared, toggleCompared, resultOf };
});
