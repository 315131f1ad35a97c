import { messageOf } from '../../src-core/errors';
import type { RunResult } from '../../src-core/contract/operations';
import type { TrainOutcome } from '../../src-core/training/train-types';

/*
 * Why a run that ended with a result has no model file to export, in words that follow
 * "has no model to export: " (the Export screen, the export operations and the run list say it).
 */

const NUMERICAL_FAILURE = 'its solve failed numerically, so it has no finite weights';

/** The reason, from the outcome whose model file could not be built and the error that said so. */
export function noModelReason(outcome: TrainOutcome, error: unknown): string {
  if (outcome.status === 'numerical-failure') return NUMERICAL_FAILURE;
  const heads = outcome.heads;
  const finite = heads.every((head) => head.network.hidden.data.every(Number.isFinite) && head.network.output.every(Number.isFinite));
  if (!finite) return 'its weights are not all finite numbers, so they cannot be exported';
  return `its model file could not be built (${messageOf(error)})`;
}

/**
 * The reason for a result without a model: the one recorded when it ended, else (a run file
 * saved before reasons were recorded) what its status says.
 */
export function noModelReasonOf(result: RunResult): string {
  if (result.noModelReason !== undefined) return result.noModelReason;
  return result.status === 'numerical-failure' ? NUMERICAL_FAILURE : 'its run file holds no model';
}
