import type { DatasetSummary, RunResult } from '../../src-core/contract/operations';
import type { RunDataInfo, RunRecordSummary, StoredRun } from '../../src-core/contract/run-history';
import type { MetricsReport } from '../../src-core/training/evaluate';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { runIterationCount } from '../../src-core/training/run-iterations';
import { noModelReasonOf } from '../services/no-model-reason';

/** What the run history keeps of a loaded dataset. */
export interface RunDatasetInput {
  readonly name: string;
  readonly source: string;
  readonly summary: DatasetSummary;
  readonly fingerprint: string;
}

export interface RunRecordInput {
  readonly runId: string;
  readonly name: string;
  readonly savedAt: number;
  readonly result: RunResult;
  readonly model: ModelFile | null;
  readonly dataset: RunDatasetInput;
}

/** The stored form of a finished run: everything the results screen shows, plus the model. */
export function buildStoredRun(input: RunRecordInput): StoredRun {
  const data = runDataInfo(input.dataset);
  return { summary: summarizeRun(input.runId, input.name, input.savedAt, input.result, data, input.model !== null), data, result: input.result, model: input.model };
}

export function runDataInfo(dataset: RunDatasetInput): RunDataInfo {
  return {
    name: dataset.name,
    source: dataset.source,
    targetName: dataset.summary.targetName,
    task: dataset.summary.task,
    rowCount: dataset.summary.rowCount,
    featureNames: [...dataset.summary.featureNames],
    classNames: [...dataset.summary.classNames],
    classCounts: [...dataset.summary.classCounts],
    fingerprint: dataset.fingerprint,
  };
}

export function summarizeRun(runId: string, name: string, savedAt: number, result: RunResult, data: RunDataInfo, hasModel: boolean): RunRecordSummary {
  // Derived from the stored heads, so every run file already saved gets it too.
  const iterations = runIterationCount(result.heads);
  return {
    runId,
    name,
    savedAt,
    jobId: result.jobId,
    datasetName: data.name,
    dataFingerprint: data.fingerprint,
    task: result.task,
    solver: result.options.solver,
    seed: result.options.seed,
    status: result.status,
    statusText: result.statusText,
    ...(iterations === undefined ? {} : { iterations }),
    headlineMetric: headlineMetric(result),
    hasModel,
    ...(hasModel ? {} : { noModelReason: noModelReasonOf(result) }),
  };
}

/** Test accuracy / R² when there are test rows, else the training value. */
export function headlineMetric(result: RunResult): RunRecordSummary['headlineMetric'] {
  const split = result.test ? 'test' : 'train';
  const report: MetricsReport = result.test ?? result.train;
  if (report.task === 'regression') return { name: 'r2', split, value: finiteOrNull(report.regression.r2) };
  return { name: 'accuracy', split, value: finiteOrNull(report.classification.accuracy) };
}

/** Whether every whitespace-separated word of `search` occurs (case-insensitively) in the run's searchable text. */
export function matchesSearch(summary: RunRecordSummary, search: string | undefined): boolean {
  const words = (search ?? '').toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return true;
  const text = [summary.name, summary.datasetName, summary.solver, summary.task, summary.status, summary.runId, summary.jobId].join(' ').toLowerCase();
  return words.every((word) => text.includes(word));
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
