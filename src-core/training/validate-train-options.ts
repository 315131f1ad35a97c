import type { Dataset } from '../data/dataset';
import { ConvexNetError } from '../errors';
import { ipmSizeProblem } from '../solvers/ipm/ipm-newton-system';
import { checkTrainOptions } from './check-train-options';
import { usesIpmConicForm } from './solver-support';
import type { TrainOptions } from './train-types';

/** Rejects inconsistent options and unusable data before any work, naming what to change. */
export function validateTrainOptions(train: Dataset, options: TrainOptions): void {
  const bad = (message: string): never => {
    throw new ConvexNetError('settings/invalid', message);
  };
  if (options.task !== train.task) bad(`The options are for a ${options.task} task but the dataset is prepared for ${train.task}.`);
  checkTrainOptions(options);
  // The interior-point solver's Newton system's size is known here for sampled patterns (at most
  // the requested count); the exact pattern count only after enumeration, where solveIpm checks it.
  if (options.solver === 'ipm' && options.formulation === 'sampled') {
    const tooLarge = ipmSizeProblem(train.X.rows, train.X.cols + (options.bias ? 1 : 0), options.patterns, options.solverSettings?.['linearSystem'], usesIpmConicForm(options));
    if (tooLarge) bad(tooLarge);
  }

  const n = train.X.rows;
  if (n === 0) throw new ConvexNetError('data/empty', 'The training set has no rows.');
  if (train.y.length !== n) throw new ConvexNetError('data/shape', `The target has ${train.y.length} values but the features have ${n} rows.`);
  if (train.task !== 'regression') {
    const K = train.classNames.length;
    if (train.task === 'binary' && K !== 2) throw new ConvexNetError('data/classes', `Binary classification needs exactly 2 classes, the data have ${K}.`);
    const seen = new Set<number>();
    for (let k = 0; k < n; k++) {
      const c = train.y[k]!;
      if (!Number.isInteger(c) || c < 0 || c >= K) throw new ConvexNetError('data/labels', `Row ${k + 1} has class index ${c}; expected 0..${K - 1}.`);
      seen.add(c);
    }
    if (seen.size < 2) {
      throw new ConvexNetError('data/one-class', `The training target has only one class (${train.classNames[[...seen][0] ?? 0] ?? '?'}); a classifier needs at least two.`);
    }
  }
}
