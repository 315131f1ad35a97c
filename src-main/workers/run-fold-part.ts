import type { SweepRequest } from '../../src-core/contract/training-jobs';
import { ConvexNetError } from '../../src-core/errors';
import type { SolveContext } from '../../src-core/solvers/solver-types';
import { crossValidateFoldPath } from '../../src-core/training/cross-validation';
import type { PartDoneReply, RunJobMessage } from './train-protocol';

/** The betas a sweep solves, smallest first (its path and every fold's path). */
export function sweepBetas(sweep: SweepRequest): number[] {
  if (!sweep.betas) throw new ConvexNetError('settings/invalid', 'A beta sweep needs its values of beta (2 to 50).');
  return [...sweep.betas].sort((a, b) => a - b);
}

/** The folds of a job's cross-validation (a cross-validation job's, or a beta sweep's cvFolds); null without one. */
export function crossValidationFolds(message: Pick<RunJobMessage, 'crossValidation' | 'sweep'>): number | null {
  if (message.crossValidation) return message.crossValidation.folds;
  if (message.sweep && message.sweep.parameter !== 'epsilon') return message.sweep.cvFolds ?? null;
  return null;
}

/** The betas every fold of a job's cross-validation solves: a cross-validation's one (the options'), or a sweep's, smallest first. */
export function crossValidationBetas(message: Pick<RunJobMessage, 'crossValidation' | 'sweep' | 'options'>): number[] {
  return message.crossValidation ? [message.options.beta] : sweepBetas(message.sweep!);
}

/**
 * One fold of a job's cross-validation on this worker (the job's other folds run on others):
 * the same rows, solves and scores as that fold of crossValidatePath. Its progress fraction is the
 * fold's own (the job combines its parts').
 */
export function runFoldPart(message: RunJobMessage, fold: number, context: SolveContext): PartDoneReply {
  const folds = crossValidationFolds(message);
  if (folds === null) throw new ConvexNetError('settings/invalid', 'Only a cross-validation or a cross-validated beta sweep runs fold by fold.');
  const betas = crossValidationBetas(message);
  const foldContext: SolveContext = {
    ...context,
    // crossValidateFoldPath reports (fold + fraction) / folds, as a fold of the whole run.
    ...(context.onProgress ? { onProgress: (e) => context.onProgress!({ ...e, fraction: Math.min(1, Math.max(0, e.fraction * folds - fold)) }) } : {}),
  };
  const result = crossValidateFoldPath(message.train, message.options, betas, folds, message.options.seed, fold, foldContext, message.foldPreparation ?? null);
  return { type: 'part-done', jobId: message.jobId, part: { kind: 'fold', fold, result } };
}
