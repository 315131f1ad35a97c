import { robustnessForRun } from '../../src-core/robust/robustness-for-run';
import type { ContractError } from '../../src-core/contract/envelope';
import { contractErrorOf } from '../../src-core/contract/contract-error';
import type { JobProgress } from '../../src-core/contract/operations';
import { isConvexNetError, messageOf } from '../../src-core/errors';
import type { ProgressEvent, SolveContext } from '../../src-core/solvers/solver-types';
import { monotonicNow } from '../../src-core/solvers/solver-types';
import { outcomeOfHeads, trainModel } from '../../src-core/training/train-model';
import { evaluateOutcome, WorkerJobError } from './evaluate-outcome';
import { runCrossValidationJob } from './run-cv-job';
import { runJobPart } from './run-job-part';
import { runSweepJob } from './run-sweep-job';
import type { RunJobMessage, WorkerReply } from './train-protocol';
import { CANCEL_REQUESTED } from './train-protocol';

/**
 * Runs one job inside a worker: train with the shared cancel flag as the solver's cancel check,
 * post throttled progress, then evaluate on the training and test rows. Every failure becomes a
 * 'failed' reply (the worker itself survives and takes the next job).
 */
export function runTrainJob(message: RunJobMessage, post: (reply: WorkerReply) => void, now: () => number = monotonicNow): void {
  const { jobId } = message;
  try {
    const flag = new Int32Array(message.cancelFlag);
    const start = now();
    let lastPost = -Infinity;
    const context: SolveContext = {
      isCancelled: () => Atomics.load(flag, 0) === CANCEL_REQUESTED,
      now,
      onProgress: (event) => {
        const t = now();
        // A point that marks an event (HistoryPoint.event) always goes: the live charts draw it.
        if (t - lastPost < message.progressIntervalMs && event.event === undefined) return;
        lastPost = t;
        post({ type: 'progress', jobId, progress: toJobProgress(event, t - start) });
      },
    };
    if (message.part) {
      post(runJobPart(message, message.part, context));
      return;
    }
    if (message.sweep) {
      post(runSweepJob(message, message.sweep, context));
      return;
    }
    if (message.crossValidation) {
      post(runCrossValidationJob(message, message.crossValidation, context));
      return;
    }
    // Heads trained on other workers (head-parts.ts) are only combined here.
    const given = message.trainedHeads;
    const outcome = given ? outcomeOfHeads(message.train.task, message.options, given.heads, given.planSetupMs) : trainModel(message.train, message.options, context);
    const metrics = evaluateOutcome(outcome, message.train, message.test);
    // Adversarial training: the robustness report (and the standard model's) on the test rows.
    const robustness = outcome.status === 'cancelled' || message.timingOnly ? null : robustnessForRun(outcome, message.train, message.test, context);
    post({ type: 'done', jobId, outcome, ...metrics, ...(robustness ? { robustness } : {}) });
  } catch (error) {
    post({ type: 'failed', jobId, error: describeFailure(error) });
  }
}

/** The contract's progress record; elapsed time is the job's (one-vs-rest heads restart their own clock). */
export function toJobProgress(event: ProgressEvent, elapsedMs: number): JobProgress {
  const optional = ['lowerBound', 'relativeGap', 'primalResidual', 'dualResidual', 'trainAccuracy', 'testAccuracy', 'head', 'headCount'] as const;
  const progress: Record<string, number> = { iteration: event.iteration, elapsedMs, fraction: event.fraction, objective: event.objective };
  for (const key of optional) {
    const value = event[key];
    if (value !== undefined) progress[key] = value;
  }
  const stages = event.stages?.map((stage) => ({ name: stage.name, index: stage.index, count: stage.count }));
  return {
    ...progress,
    ...(stages ? { stages } : {}),
    ...(event.newtonStep ? { newtonStep: true } : {}),
    ...(event.event !== undefined ? { event: event.event } : {}),
    ...(event.phase ? { phase: event.phase } : {}),
  } as unknown as JobProgress;
}

/** A failed job's error for its reply: a ConvexNetError with its details (the pool checks them on arrival). */
export function describeFailure(error: unknown): ContractError {
  if (isConvexNetError(error)) return contractErrorOf(error);
  if (error instanceof WorkerJobError) return { code: error.code, message: error.message };
  const message = messageOf(error);
  return { code: 'internal/error', message: `Training failed unexpectedly: ${message}` };
}
