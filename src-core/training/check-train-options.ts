import { ConvexNetError } from '../errors';
import { getLoss, lossNames } from '../losses';
import { scpMethodProblem } from '../solvers/scp/scp-method';
import { checkSolverSettings } from './check-solver-settings';
import { patternSourceOf } from './pattern-source';
import { isConvexSolver, ipmOptionProblems } from './solver-support';
import type { TrainOptions } from './train-types';

const solvers = ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'] as const;

/**
 * The checks of a run's options that need no data: combinations no solver takes, the counts,
 * beta and seed, and every solver setting (checkSolverSettings). The back end runs them when a
 * job is started or estimated, so options that could never run are refused at once (a
 * ConvexNetError naming what to change) instead of failing once a worker prepared the data;
 * validateTrainOptions runs them again before training, with the checks that need the data.
 * `robust`: see checkSolverSettings (an epsilon sweep trains adversarially without
 * options.adversarial).
 */
export function checkTrainOptions(options: TrainOptions, robust: boolean = options.adversarial !== undefined): void {
  const bad = (message: string): never => {
    throw new ConvexNetError('settings/invalid', message);
  };
  if (!lossNames.includes(options.loss)) bad(`Unknown loss "${String(options.loss)}"; choose one of ${lossNames.join(', ')}.`);
  if (!(solvers as readonly string[]).includes(options.solver)) bad(`Unknown solver "${String(options.solver)}"; choose one of ${solvers.join(', ')}.`);
  if (options.task === 'regression' && options.loss !== 'squared') bad(`Regression uses the squared loss; ${options.loss} is for classification.`);
  if (options.solver === 'admm-rbcd' && options.loss === 'hinge') bad('ADMM-RBCD needs a smooth loss (squared or bce); use the ADMM solver for the hinge loss.');
  if (options.formulation !== 'sampled' && options.formulation !== 'exact') bad(`Unknown formulation "${String(options.formulation)}"; choose sampled or exact.`);
  // The interior-point solver takes no adversary.
  const ipmProblem = ipmOptionProblems(options)[0];
  if (ipmProblem) bad(ipmProblem.message);
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
  checkSolverSettings(options, robust);
  if (options.solver === 'scp') {
    // The SCP's method against the loss (settings/invalid, as the solver itself would say).
    const method = options.solverSettings?.['method'];
    const problem = typeof method === 'string' ? scpMethodProblem(method, getLoss(options.loss)) : null;
    if (problem) bad(problem);
  }
}
