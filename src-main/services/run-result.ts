import { messageOf } from '../../src-core/errors';
import type { HeadResult, RunResult } from '../../src-core/contract/operations';
import type { TestPredictions } from '../../src-core/contract/test-predictions';
import type { RawTable } from '../../src-core/data/raw-table';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { permutationImportance, type PermutationImportance } from '../../src-core/model/permutation-importance';
import { sampleTestPredictions } from '../../src-core/model/sample-test-predictions';
import { neuronSizes } from '../../src-core/network/neuron-sizes';
import { outcomeStatusText } from '../../src-core/training/outcome-status-text';
import type { MetricsReport } from '../../src-core/training/evaluate';
import type { TrainOutcome } from '../../src-core/training/train-types';

export interface RunResultInput {
  readonly jobId: string;
  readonly datasetId: string;
  readonly outcome: TrainOutcome;
  readonly train: MetricsReport;
  readonly test: MetricsReport | null;
  readonly trainCount: number;
  readonly testCount: number;
  /** The fitted preprocessing's warnings (FittedPreprocessing.warnings). */
  readonly dataWarnings?: readonly string[];
}

/** The renderer's view of a finished run: status in words, per-head certificates and histories, metrics. */
export function buildRunResult(input: RunResultInput): RunResult {
  const { outcome } = input;
  const heads = outcome.heads.map((head): HeadResult => ({
    classIndex: head.classIndex,
    neuronCount: head.network.hidden.rows,
    status: head.status,
    iterations: head.info.iterations,
    objective: head.info.objective,
    lowerBound: head.info.lowerBound,
    relativeGap: head.info.relativeGap,
    certificateText: head.convex?.certificateText ?? null,
    history: head.history,
    neuronSizes: neuronSizes(head.network),
    ...(head.info.newtonSteps ? { newtonSteps: true } : {}),
    ...(head.info.notes.length > 0 ? { notes: [...head.info.notes] } : {}),
    ...(head.info.details !== undefined && head.info.details.length > 0 ? { details: [...head.info.details] } : {}),
  }));
  return {
    jobId: input.jobId,
    datasetId: input.datasetId,
    task: outcome.task,
    options: outcome.options,
    status: outcome.status,
    statusText: outcomeStatusText(outcome),
    heads,
    trainCount: input.trainCount,
    testCount: input.testCount,
    train: input.train,
    test: input.test,
    setupMs: outcome.setupMs,
    solveMs: outcome.solveMs,
    ...(input.dataWarnings && input.dataWarnings.length > 0 ? { dataWarnings: [...input.dataWarnings] } : {}),
  };
}

/** A computation's value, or why it failed (its message), as plain data a worker can send. */
export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** What a finished run's result adds from its model and held-out rows (computed in the data worker). */
export interface HeldOutResults {
  /** sampleTestPredictions: for the Results screen's confusion-matrix drill-down, ROC curves and decision-boundary points. */
  readonly testPredictions: Attempt<TestPredictions | null>;
  /** permutationImportance of the model's input columns. */
  readonly importance: Attempt<PermutationImportance | null>;
}

/**
 * The model's predictions on (a bounded sample of) the run's held-out rows and the permutation
 * importance of its input columns there, each null without held-out rows, or the message of
 * its failure (the run is still reported without it). Seconds of work at a million rows (reading
 * the target column to find the held-out rows), so the app asks the data worker for it.
 */
export function heldOutResults(model: ModelFile, table: RawTable): HeldOutResults {
  return { testPredictions: attempt(() => sampleTestPredictions(model, table)), importance: attempt(() => permutationImportance(model, table)) };
}

/**
 * The result with its held-out results: null for both without a model (a numerical failure);
 * one that failed is left out and `warn` told why (with `held` null, both failed for `failure`).
 */
export function withHeldOutResults(result: RunResult, model: ModelFile | null, held: HeldOutResults | null, failure: string, warn: (message: string) => void): RunResult {
  if (!model) return { ...result, testPredictions: null, importance: null };
  const failed = (what: Attempt<unknown> | undefined): string => (what && !what.ok ? what.message : failure);
  let out = result;
  // The Results screen then shows no per-row drill-down; the run itself is still reported.
  if (held?.testPredictions.ok) out = { ...out, testPredictions: held.testPredictions.value };
  else warn(`no test-row predictions: ${failed(held?.testPredictions)}`);
  if (held?.importance.ok) out = { ...out, importance: held.importance.value };
  else warn(`no input importance: ${failed(held?.importance)}`);
  return out;
}

function attempt<T>(run: () => T): Attempt<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}
