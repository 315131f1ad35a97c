import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import type { RobustnessComparison } from '../../src-core/robust/robustness-report-types';
import type { ContractError } from '../../src-core/contract/envelope';
import type { JobProgress } from '../../src-core/contract/operations';
import type { CrossValidationReport, CrossValidationRequest, SweepRequest, SweepSummary } from '../../src-core/contract/training-jobs';
import type { Dataset } from '../../src-core/data/dataset';
import type { MetricsReport } from '../../src-core/training/evaluate';
import type { TrainedHead, TrainOptions, TrainOutcome } from '../../src-core/training/train-types';
import type { HeadPlan } from '../../src-core/training/train-model';
import type { HeadPath } from '../../src-core/training/head-paths';
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
   * Only this part of the job, which then runs on several workers at once; the worker replies with
   * a PartDoneReply. See JobPart.
   */
  readonly part?: JobPart;
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
  /**
   * A one-vs-rest model whose heads were trained on several workers (head-parts.ts), in head order,
   * with the setup time of their plan: this part only combines them (outcomeOfHeads) and evaluates
   * the model as a training job does.
   */
  readonly trainedHeads?: { readonly heads: readonly TrainedHead[]; readonly planSetupMs: number };
  /**
   * A one-vs-rest beta sweep whose heads' paths ran on several workers (head-parts.ts), in head
   * order, with their plan: this part combines them per beta (combineHeadPaths) and picks the model.
   */
  readonly headPaths?: { readonly plan: HeadPlan; readonly paths: readonly HeadPath[] };
}

/**
 * A piece of a job on a worker of its own:
 *  - 'fold': one fold of the job's cross-validation (its path over a sweep's betas, or its one
 *    training; fold-parts.ts);
 *  - 'plan': what the heads of a one-vs-rest model share (planHeads: patterns, seeds);
 *  - 'head': one head of that model from the plan (trainPlannedHeads; head-parts.ts);
 *  - 'head-path': one head's warm path over a beta sweep's betas (solveHeadPath; head-parts.ts).
 */
export type JobPart =
  | { readonly kind: 'fold'; readonly fold: number }
  | { readonly kind: 'plan' }
  | { readonly kind: 'head'; readonly head: number; readonly plan: HeadPlan }
  | { readonly kind: 'head-path'; readonly head: number; readonly plan: HeadPlan };

/** What a part gives back (see JobPart). */
export type PartResult =
  | { readonly kind: 'fold'; readonly fold: number; readonly result: FoldPathResult }
  | { readonly kind: 'plan'; readonly plan: HeadPlan }
  | { readonly kind: 'head'; readonly head: number; readonly trained: TrainedHead }
  | { readonly kind: 'head-path'; readonly head: number; readonly path: HeadPath };

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

/** The reply to a RunJobMessage with `part`. */
export interface PartDoneReply {
  readonly type: 'part-done';
  readonly jobId: string;
  readonly part: PartResult;
}

/** What ends a worker task without failure: a job's (or its final part's) reply, or a part's. */
export type FinishedReply = DoneReply | PartDoneReply;

export interface FailedReply {
  readonly type: 'failed';
  readonly jobId: string;
  readonly error: ContractError;
}

export type WorkerReply = ProgressReply | DoneReply | PartDoneReply | FailedReply;

export const CANCEL_REQUESTED = 1;

/** A shared cancel flag (one Int32), readable by the worker while its solve loop runs. */
export function createCancelFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

export function isWorkerReply(value: unknown): value is WorkerReply {
  if (typeof value !== 'object' || value === null) return false;
  const { type, jobId } = value as { type?: unknown; jobId?: unknown };
  return (type === 'progress' || type === 'done' || type === 'part-done' || type === 'failed') && typeof jobId === 'string';
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
