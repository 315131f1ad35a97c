import type { SolverName, TrainOptions } from './train-types';

/** The solvers of the convex program (its patterns, formulations and certificate): ADMM, ADMM-RBCD and the interior-point method. */
export function isConvexSolver(solver: SolverName): boolean {
  return solver === 'admm' || solver === 'admm-rbcd' || solver === 'ipm';
}

/**
 * What the solver's iterations are, for counts, limits and progress ("30 Newton steps", "300 epochs", "time per
 * Newton step"). `newtonSteps`: the run said its iterations are Newton steps (an adversarial
 * ADMM run whose robust program went to the interior-point method: SolveInfo.newtonSteps,
 * ProgressEvent.newtonStep).
 */
export function iterationUnit(solver: SolverName, plural = true, newtonSteps = false): string {
  // Back-propagation's steps are epochs (its history, limit and estimate count passes over the data).
  const unit = solver === 'ipm' || newtonSteps ? 'Newton step' : solver === 'backprop' ? 'epoch' : 'iteration';
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

/** Whether the run weights its samples: class weights set, on a classification (the trainer ignores them for regression). */
export function isClassWeighted(options: Pick<TrainOptions, 'task' | 'classWeights'>): boolean {
  return options.classWeights !== undefined && options.classWeights !== 'none' && options.task !== 'regression';
}

/** Whether the interior-point solver takes these options in its conic form (solve-ipm-conic.ts): any loss but the squared, or class weights. */
export function usesIpmConicForm(options: Pick<TrainOptions, 'task' | 'loss' | 'classWeights'>): boolean {
  return options.loss !== 'squared' || isClassWeighted(options);
}

/**
 * What the interior-point solver ('ipm', src-core/solvers/ipm) cannot do, each with its fix: it
 * has no robust (adversarial) program (ADMM and ADMM-RBCD hand that to the robust interior-point
 * method). Every loss and class weights it takes (the squared loss by its structured Newton
 * systems, the others by the conic form, solve-ipm-conic.ts); epsilon 0 trains the standard
 * model, which it solves.
 */
export function ipmOptionProblems(options: Pick<TrainOptions, 'task' | 'solver' | 'loss' | 'classWeights' | 'adversarial'>): SolverOptionProblem[] {
  if (options.solver !== 'ipm') return [];
  const problems: SolverOptionProblem[] = [];
  if (options.adversarial && options.adversarial.epsilon > 0) problems.push({ field: 'adversarial', message: IPM_ADVERSARIAL_MESSAGE });
  return problems;
}
