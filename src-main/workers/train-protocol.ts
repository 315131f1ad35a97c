import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import type { RobustnessComparison } from '../../src-core/robust/robustness-report-types';
import type { ContractError } from '../../src-core/contract/envelope';
import type { JobProgress } from '../../src-core/contract/operations';
import type { CrossValidationReport, CrossValidationRequest, SweepRequest, SweepSummary } from '../../src-core/contract/training-jobs';
import type { Dataset } from '../../src-core/data/dataset';
import type { MetricsReport } from '../../src-core/training/evaluate';
import type { TrainOptions, TrainOutcome } from '../../src-core/training/train-types';
import type { FoldPreparation } from '../../src-core/training/fold-preparation';
import type { CrossValidatedPath, FoldPathResult } from '../../src-core/training/cross-validation';

/**
 * The messages between the job system and a training worker. Datasets travel as Dataset values,
 * whose matrix and targets are Float64Arrays (their buffers are transferred, not copied as
 * nested arrays); the cancel flag is a SharedArrayBuffer the solver polls through Atomics.
 */
export interface RunJobMessage {
  readonly type: 'run';
  readonly jobId: string;
  readonly train: Dataset;
  readonly test: Dataset | null;
  readonly options: TrainOptions;
  /** Int32 slot 0: 0 = keep going, 1 = cancel requested. */
  readonly cancelFlag: SharedArrayBuffer;
  /** Least time between two progress messages. */
  readonly progressIntervalMs: number;
  /** A beta sweep instead of one training run (run-sweep-job.ts). */
  readonly sweep?: SweepRequest;
  /** Epsilon sweeps: every point's adversarial settings, resolved against the preprocessing (resolveEpsilonSweep). */
  readonly epsilonThreats?: readonly AdversarialTraining[];
  /** Cross-validation before the final model (run-cv-job.ts). */
  readonly crossValidation?: CrossValidationRequest;
  /** The preprocessing's scaling and imputed values, refitted on every cross-validation fold's training rows. */
  readonly foldPreparation?: FoldPreparation | null;
  /** A calibration probe of the estimate before Start: the training is timed, no robustness report is made. */
  readonly timingOnly?: boolean;
  /**
   * Only this fold of the job's cross-validation (its path over the sweep's betas, or its one
   * training): the job's folds then run on several workers at once (fold-parts.ts), and the
   * worker replies with a FoldDoneReply.
   */
  readonly fold?: number;
  /**
   * A cross-validated sweep's folds, already run on other workers and combined (fold-parts.ts):
   * the sweep picks its model by them and solves only its path on all training rows.
   */
  readonly crossValidated?: CrossValidatedPath;
  /**
   * A cross-validation job's model only: its folds run as parts of their own at the same time, and
   * the job adds their combined report to this part's reply.
   */
  readonly modelOnly?: boolean;
}

export interface ProgressReply {
  readonly type: 'progress';
  readonly jobId: string;
  readonly progress: JobProgress;
}

export interface DoneReply {
  readonly type: 'done';
  readonly jobId: string;
  readonly outcome: TrainOutcome;
  readonly train: MetricsReport;
  readonly test: MetricsReport | null;
  readonly sweep?: SweepSummary;
  readonly crossValidation?: CrossValidationReport;
  /** Adversarial training runs (src-core/robust/robustness-for-run.ts). */
  readonly robustness?: RobustnessComparison;
}

/** The result of a RunJobMessage with `fold`: that fold's held-out and training scores at every beta. */
export interface FoldDoneReply {
  readonly type: 'fold-done';
  readonly jobId: string;
  readonly fold: number;
  readonly result: FoldPathResult;
}

/** What ends a worker task without failure: a job's (or its final part's) reply, or one fold's. */
export type FinishedReply = DoneReply | FoldDoneReply;

export interface FailedReply {
  readonly type: 'failed';
  readonly jobId: string;
  readonly error: ContractError;
}

export type WorkerReply = ProgressReply | DoneReply | FoldDoneReply | FailedReply;

export const CANCEL_REQUESTED = 1;

/** A shared cancel flag (one Int32), readable by the worker while its solve loop runs. */
export function createCancelFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

export function isWorkerReply(value: unknown): value is WorkerReply {
  if (typeof value !== 'object' || value === null) return false;
  const { type, jobId } = value as { type?: unknown; jobId?: unknown };
  return (type === 'progress' || type === 'done' || type === 'fold-done' || type === 'failed') && typeof jobId === 'string';
}

/** The buffers of a message's typed arrays, each once (transferring one twice is an error). */
export function transferablesOf(message: RunJobMessage): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const dataset of [message.train, message.test]) {
    if (!dataset) continue;
    for (const array of [dataset.X.data, dataset.y]) {
      if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
    }
  }
  return [...buffers];
}
