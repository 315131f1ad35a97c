import type { SolverName, TrainOptions } from './train-types';

/**
 * What the solver's iterations are, for counts, limits and progress ("30 Newton steps", "time per
 * Newton step"). `newtonSteps`: the run said its iterations are Newton steps (an adversarial
 * ADMM run whose robust program went to the interior-point method: SolveInfo.newtonSteps,
 * ProgressEvent.newtonStep).
 */
export function iterationUnit(solver: SolverName, plural = true, newtonSteps = false): string {
  const unit = solver === 'ipm' || newtonSteps ? 'Newton step' : 'iteration';
  return plural ? `${unit}s` : unit;
}

/** An option the chosen solver cannot take, with the field it belongs to (the form shows it there). */
export interface SolverOptionProblem {
  readonly field: 'loss' | 'classWeights' | 'adversarial';
  /** One sentence naming the problem and the fix. */
  readonly message: string;
}

/** Refusal of adversarial training by the interior-point solver (also used by the sweeps and the robust head). */
export const IPM_ADVERSARIAL_MESSAGE =
  'The interior-point solver (ipm) does not do adversarial training (epsilon > 0): use ADMM or ADMM-RBCD, which solve the robust convex program, or set epsilon to 0.';

/**
 * What the interior-point solver ('ipm', src-core/solvers/ipm) cannot do, each with its fix. Its
 * Newton systems are built for the unweighted squared loss (the Hessian is F^T F itself), and it
 * has no robust (adversarial) program. Class weights only matter for classification (the trainer
 * ignores them for regression); epsilon 0 trains the standard model, which it solves.
 */
export function ipmOptionProblems(options: Pick<TrainOptions, 'task' | 'solver' | 'loss' | 'classWeights' | 'adversarial'>): SolverOptionProblem[] {
  if (options.solver !== 'ipm') return [];
  const problems: SolverOptionProblem[] = [];
  if (options.loss !== 'squared') {
    const fix = options.loss === 'hinge' ? 'use ADMM for the hinge loss' : 'use ADMM-RBCD for BCE (logistic)';
    problems.push({ field: 'loss', message: `The interior-point solver (ipm) handles the squared loss only, not ${options.loss}: ${fix}, or choose the squared loss.` });
  }
  const weighted = options.classWeights !== undefined && options.classWeights !== 'none';
  if (weighted && options.task !== 'regression') {
    problems.push({ field: 'classWeights', message: 'The interior-point solver (ipm) does not take class weights: use ADMM or ADMM-RBCD with class weights, or set the class weights to none.' });
  }
  if (options.adversarial && options.adversarial.epsilon > 0) problems.push({ field: 'adversarial', message: IPM_ADVERSARIAL_MESSAGE });
  return problems;
}
