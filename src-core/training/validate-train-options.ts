import type { Dataset } from '../data/dataset';
import { ConvexNetError } from '../errors';
import { lossNames } from '../losses';
import { ipmSizeProblem } from '../solvers/ipm/ipm-newton-system';
import { patternSourceOf } from './pattern-source';
import { isConvexSolver, ipmOptionProblems, usesIpmConicForm } from './solver-support';
import type { TrainOptions } from './train-types';

const solvers = ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'] as const;

/** Rejects inconsistent options and unusable data before any work, naming what to change. */
export function validateTrainOptions(train: Dataset, options: TrainOptions): void {
  const bad = (message: string): never => {
    throw new ConvexNetError('settings/invalid', message);
  };
  if (options.task !== train.task) bad(`The options are for a ${options.task} task but the dataset is prepared for ${train.task}.`);
  if (!lossNames.includes(options.loss)) bad(`Unknown loss "${String(options.loss)}"; choose one of ${lossNames.join(', ')}.`);
  if (!(solvers as readonly string[]).includes(options.solver)) bad(`Unknown solver "${String(options.solver)}"; choose one of ${solvers.join(', ')}.`);
  if (options.task === 'regression' && options.loss !== 'squared') bad(`Regression uses the squared loss; ${options.loss} is for classification.`);
  if (options.solver === 'admm-rbcd' && options.loss === 'hinge') bad('ADMM-RBCD needs a smooth loss (squared or bce); use the ADMM solver for the hinge loss.');
  if (options.formulation !== 'sampled' && options.formulation !== 'exact') bad(`Unknown formulation "${String(options.formulation)}"; choose sampled or exact.`);
  // The interior-point solver takes no adversary.
  const ipmProblem = ipmOptionProblems(options)[0];
  if (ipmProblem) bad(ipmProblem.message);
  // Its Newton system's size is known here for sampled patterns (at most the requested count);
  // the exact pattern count only after enumeration, where solveIpm checks it.
  if (options.solver === 'ipm' && options.formulation === 'sampled' && Number.isInteger(options.patterns)) {
    const tooLarge = ipmSizeProblem(train.X.rows, train.X.cols + (options.bias ? 1 : 0), options.patterns, options.solverSettings?.['linearSystem'], usesIpmConicForm(options));
    if (tooLarge) bad(tooLarge);
  }
  if (options.formulation === 'exact' && !isConvexSolver(options.solver)) {
    bad(`The exact formulation is solved by ADMM, ADMM-RBCD or the interior-point solver (ipm), not by ${options.solver}.`);
  }
  if (patternSourceOf(options.solverSettings) === 'backprop') {
    if (!isConvexSolver(options.solver)) {
      bad(`Patterns from back-propagation are for the convex solvers (admm, admm-rbcd, ipm); ${options.solver} takes none. Leave the pattern source at random.`);
    }
    if (options.formulation === 'exact') bad('The exact formulation uses every activation pattern; patterns from back-propagation are for the sampled formulation.');
  }
  if (!Number.isInteger(options.patterns) || options.patterns < 1 || options.patterns > 100_000) {
    bad(`The number of patterns/neurons must be a whole number from 1 to 100000, got ${options.patterns}.`);
  }
  if (!(options.beta > 0) || !Number.isFinite(options.beta)) bad(`beta (regularization strength) must be a positive number, got ${options.beta}.`);
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) bad(`The seed must be a whole number from 0 to 4294967295, got ${options.seed}.`);

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
