import type { RunResult } from '../../src-core/contract/operations';
import type { RunDataInfo, RunRecordSummary, StoredRun } from '../../src-core/contract/run-history';
import { ConvexNetError, messageOf } from '../../src-core/errors';
import { parseModelFile } from '../../src-core/model/parse-model-file';
import { summarizeRun } from './run-record';

export const RUN_FORMAT = 'convexnet-run';
/** The run-file version this code writes and the newest it reads. */
export const RUN_VERSION = 1;
/** Run files are named run-<id>.json; anything else in the folder is foreign. */
export const RUN_FILE_PATTERN = /^run-[A-Za-z0-9-]{1,100}\.json$/;

export function runFileName(runId: string): string {
  return `${runId}.json`;
}

/** The file text of a run: JSON with typed arrays written as plain arrays. */
export function serializeRun(run: StoredRun): string {
  const file = { format: RUN_FORMAT, version: RUN_VERSION, name: run.summary.name, savedAt: run.summary.savedAt, data: run.data, result: run.result, model: run.model };
  return JSON.stringify(file, (_key, value: unknown) => (ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value));
}

/**
 * Reads a run file's text. The summary is rebuilt from the stored result (never trusted from
 * the file), the model is checked field by field (parseModelFile). Anything unreadable throws a
 * ConvexNetError (workspace/...) whose message says what is wrong, for the problems report.
 */
export function parseRun(runId: string, text: string): StoredRun {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConvexNetError('workspace/corrupt-run', `not valid JSON (${messageOf(error)}); the file is damaged`);
  }
  if (!isObject(json) || json['format'] !== RUN_FORMAT) {
    throw new ConvexNetError('workspace/foreign-file', `not a ConvexNet run file (no "format": "${RUN_FORMAT}")`);
  }
  const version = json['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new ConvexNetError('workspace/corrupt-run', 'its "version" is missing or not a positive integer');
  if (version > RUN_VERSION) {
    throw new ConvexNetError('workspace/newer-version', `run file version ${version} was written by a newer ConvexNet Studio (this one reads up to ${RUN_VERSION}); update to open it`);
  }
  const name = json['name'];
  const savedAt = json['savedAt'];
  if (typeof name !== 'string' || name.length === 0) throw corrupt('"name" is missing');
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) throw corrupt('"savedAt" is missing');
  const data = readData(json['data']);
  const result = readResult(json['result']);
  let model = null;
  if (json['model'] !== null) {
    try {
      model = parseModelFile(json['model']);
    } catch (error) {
      throw corrupt(`its model is invalid: ${messageOf(error)}`);
    }
  }
  const summary: RunRecordSummary = summarizeRun(runId, name, savedAt, result, data, model !== null);
  return { summary, data, result, model };
}

function readData(value: unknown): RunDataInfo {
  if (!isObject(value)) throw corrupt('"data" is missing');
  for (const key of ['name', 'source', 'targetName', 'task', 'fingerprint']) {
    if (typeof value[key] !== 'string') throw corrupt(`"data.${key}" is missing`);
  }
  if (typeof value['rowCount'] !== 'number') throw corrupt('"data.rowCount" is missing');
  for (const key of ['featureNames', 'classNames', 'classCounts']) {
    if (!Array.isArray(value[key])) throw corrupt(`"data.${key}" is missing`);
  }
  return value as unknown as RunDataInfo;
}

/** Structural checks of the fields the run list and results screen rely on. */
function readResult(value: unknown): RunResult {
  if (!isObject(value)) throw corrupt('"result" is missing');
  for (const key of ['jobId', 'datasetId', 'task', 'status', 'statusText']) {
    if (typeof value[key] !== 'string') throw corrupt(`"result.${key}" is missing`);
  }
  if (!['binary', 'multiclass', 'regression'].includes(value['task'] as string)) throw corrupt('"result.task" is not a task');
  const options = value['options'];
  if (!isObject(options) || typeof options['solver'] !== 'string' || typeof options['seed'] !== 'number') throw corrupt('"result.options" is missing');
  const heads = value['heads'];
  if (!Array.isArray(heads) || heads.length === 0 || !heads.every((h) => isObject(h) && Array.isArray(h['history']))) throw corrupt('"result.heads" is missing or malformed');
  const train = value['train'];
  if (!isObject(train) || (train['classification'] === null && train['regression'] === null)) throw corrupt('"result.train" is missing');
  if (value['test'] !== null && !isObject(value['test'])) throw corrupt('"result.test" is malformed');
  // The reports' fields the Results screen and the exports read (a report with only an accuracy
  // passed, then the HTML export failed on "reading 'precision'": workspace audit).
  if (!isMetricsReport(train)) throw corrupt('"result.train" is malformed (its metrics are incomplete)');
  if (value['test'] !== null && !isMetricsReport(value['test'])) throw corrupt('"result.test" is malformed (its metrics are incomplete)');
  if (!isOptionalTestPredictions(value['testPredictions'])) throw corrupt('"result.testPredictions" is malformed');
  // Optional lists of plain text (absent in runs saved before they existed).
  if (!isOptionalTextList(value['dataWarnings'])) throw corrupt('"result.dataWarnings" is malformed');
  if (!heads.every((h: Record<string, unknown>) => isOptionalTextList(h['notes']))) throw corrupt('"result.heads[].notes" is malformed');
  if (!heads.every((h: Record<string, unknown>) => isOptionalTextList(h['details']))) throw corrupt('"result.heads[].details" is malformed');
  if (!isOptionalImportance(value['importance'])) throw corrupt('"result.importance" is malformed');
  // Absent in runs saved before it existed, and in every run with a model.
  if (value['noModelReason'] !== undefined && typeof value['noModelReason'] !== 'string') throw corrupt('"result.noModelReason" is not text');
  return value as unknown as RunResult;
}

/** The input columns' permutation importance (absent in runs saved before it existed, null without held-out rows). */
function isOptionalImportance(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isObject(value) || (value['metric'] !== 'accuracy' && value['metric'] !== 'r2')) return false;
  if (!['baseline', 'rows', 'heldOutRows', 'repeats'].every((key) => typeof value[key] === 'number' && Number.isFinite(value[key]))) return false;
  const columns = value['columns'];
  return Array.isArray(columns) && columns.every((c) => isObject(c) && typeof c['column'] === 'string' && Number.isFinite(c['drop']) && Number.isFinite(c['spread']));
}

/** A training or test report: classification (counts, rates, class averages, confusion matrix) or regression (errors). */
function isMetricsReport(report: Record<string, unknown>): boolean {
  // Absent counts as null: older runs may lack a score added since (ROC AUC, log loss).
  const numberOrNull = (v: unknown): boolean => v === undefined || v === null || typeof v === 'number';
  const c = report['classification'];
  const r = report['regression'];
  if (isObject(c)) {
    const averages = (v: unknown): boolean => isObject(v) && ['precision', 'recall', 'f1'].every((key) => numberOrNull(v[key]));
    return (
      typeof c['n'] === 'number' &&
      typeof c['classCount'] === 'number' &&
      ['accuracy', 'balancedAccuracy', 'rocAuc', 'logLoss'].every((key) => numberOrNull(c[key])) &&
      averages(c['macro']) &&
      (c['binary'] === null || c['binary'] === undefined || averages(c['binary'])) &&
      Array.isArray(c['confusionMatrix']) &&
      c['confusionMatrix'].every((row) => Array.isArray(row) && row.every((n) => typeof n === 'number'))
    );
  }
  return isObject(r) && typeof r['n'] === 'number' && ['mse', 'rmse', 'mae', 'r2'].every((key) => numberOrNull(r[key]));
}

/** Per-row test predictions (absent in runs saved before them, null without held-out rows). */
function isOptionalTestPredictions(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isObject(value) || typeof value['totalCount'] !== 'number' || !Array.isArray(value['rows'])) return false;
  if (!['featureNames', 'cellColumns', 'classNames'].every((key) => isOptionalTextList(value[key]) && value[key] !== undefined)) return false;
  const numbers = (v: unknown): boolean => Array.isArray(v) && v.every((n) => typeof n === 'number');
  return value['rows'].every(
    (row) =>
      isObject(row) &&
      ['row', 'actual', 'predicted'].every((key) => typeof row[key] === 'number') &&
      numbers(row['scores']) &&
      numbers(row['probabilities']) &&
      (row['features'] === null || numbers(row['features'])) &&
      isOptionalTextList(row['cells']) &&
      row['cells'] !== undefined,
  );
}

function isOptionalTextList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

function corrupt(what: string): ConvexNetError {
  return new ConvexNetError('workspace/corrupt-run', what);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
