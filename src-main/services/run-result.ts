import type { HeadResult, RunResult } from '../../src-core/contract/operations';
import type { RawTable } from '../../src-core/data/raw-table';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { permutationImportance } from '../../src-core/model/permutation-importance';
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

/**
 * The result with the model's predictions on (a bounded sample of) the run's held-out rows, for
 * the Results screen's confusion-matrix drill-down, ROC curves and decision-boundary points.
 * Without a model (a numerical failure) or test rows it gets null; a failure to predict is
 * logged by the caller and also gives null, so the run is still reported.
 */
export function withTestPredictions(result: RunResult, model: ModelFile | null, table: RawTable): RunResult {
  return { ...result, testPredictions: model ? sampleTestPredictions(model, table) : null };
}

/**
 * The result with the permutation importance of the model's input columns on (a bounded sample of)
 * the run's held-out rows. Null without a model or held-out rows; a failure is logged by the
 * caller and leaves the run reported without it.
 */
export function withImportance(result: RunResult, model: ModelFile | null, table: RawTable): RunResult {
  return { ...result, importance: model ? permutationImportance(model, table) : null };
}
