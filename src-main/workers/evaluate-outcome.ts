import type { Dataset } from '../../src-core/data/dataset';
import { describeStatus } from '../../src-core/solvers/solver-types';
import type { MetricsReport } from '../../src-core/training/evaluate';
import { evaluatePredictions } from '../../src-core/training/evaluate';
import { predictWithHeads } from '../../src-core/training/predict';
import type { TrainOutcome } from '../../src-core/training/train-types';
import { isPartialModel } from '../../src-core/training/train-model';

/** Metrics of a trained model on its training rows and (when there are any) its test rows. */
export function evaluateOutcome(outcome: TrainOutcome, train: Dataset, test: Dataset | null): { train: MetricsReport; test: MetricsReport | null } {
  if (isPartialModel(outcome, train)) {
    throw new WorkerJobError(
      'solver/cancelled',
      `Cancelled after ${outcome.heads.length} of the ${train.classNames.length} classes' networks: a one-vs-rest model needs one per class, so there is no model to keep.`,
    );
  }
  const evaluate = (data: Dataset): MetricsReport =>
    evaluatePredictions(data.task, predictWithHeads(data.task, outcome.options.loss, outcome.heads, data.X), data.y);
  try {
    return { train: evaluate(train), test: test && test.X.rows > 0 ? evaluate(test) : null };
  } catch (error) {
    // Non-finite weights make the metrics meaningless; say why rather than how it broke.
    if (outcome.status === 'numerical-failure') throw new WorkerJobError('solver/numerical-failure', describeStatus('numerical-failure', null));
    throw error;
  }
}

export class WorkerJobError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
