import type { HeadResult, RunResult } from '../../src-core/contract/operations';
import { describeStatus } from '../../src-core/solvers/solver-types';
import { combinedCertificate } from '../../src-core/training/combined-gap';
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
  }));
  const overall = combinedCertificate(heads);
  return {
    jobId: input.jobId,
    datasetId: input.datasetId,
    task: outcome.task,
    options: outcome.options,
    status: outcome.status,
    statusText: describeStatus(outcome.status, overall.relativeGap),
    heads,
    trainCount: input.trainCount,
    testCount: input.testCount,
    train: input.train,
    test: input.test,
    setupMs: outcome.setupMs,
    solveMs: outcome.solveMs,
  };
}
