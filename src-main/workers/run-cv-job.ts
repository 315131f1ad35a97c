import type { CrossValidationRequest } from '../../src-core/contract/training-jobs';
import type { SolveContext } from '../../src-core/solvers/solver-types';
import { crossValidate } from '../../src-core/training/cross-validation';
import { trainModel } from '../../src-core/training/train-model';
import { evaluateOutcome } from './evaluate-outcome';
import type { DoneReply, RunJobMessage } from './train-protocol';

/**
 * Cross-validation job: k-fold evaluation of the settings on the training rows (folds seeded
 * by the run's seed, stratified for classification), then the model on all training rows, so
 * the job ends like a training run (model, test metrics) plus the fold report. With
 * `message.modelOnly` the folds run on other workers at the same time (fold-parts.ts), which add
 * their report: only the model is trained here.
 */
export function runCrossValidationJob(message: RunJobMessage, request: CrossValidationRequest, context: SolveContext): DoneReply {
  const foldStages = message.modelOnly ? 0 : request.folds;
  const stages = foldStages + 1;
  const report = message.modelOnly
    ? null
    : crossValidate(
        message.train,
        message.options,
        request.folds,
        message.options.seed,
        {
          ...context,
          ...(context.onProgress ? { onProgress: (e) => context.onProgress!({ ...e, fraction: (e.fraction * request.folds) / stages }) } : {}),
        },
        message.foldPreparation ?? null,
      );
  const outcome = trainModel(message.train, message.options, {
    ...context,
    ...(context.onProgress ? { onProgress: (e) => context.onProgress!({ ...e, fraction: (foldStages + e.fraction) / stages }) } : {}),
  });
  return { type: 'done', jobId: message.jobId, outcome, ...evaluateOutcome(outcome, message.train, message.test), ...(report ? { crossValidation: report } : {}) };
}
