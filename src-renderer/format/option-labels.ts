import type { Task } from '../../src-core/data/dataset';
import type { LossName } from '../../src-core/losses/loss';
import type { JobState } from '../../src-core/contract/operations';
import type { Formulation, SolverName } from '../../src-core/training/train-types';

/** Words for the contract's identifiers, in one place. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly help: string;
}

export const taskLabels: Readonly<Record<Task, string>> = {
  binary: 'Binary classification',
  multiclass: 'Multi-class classification',
  regression: 'Regression',
};

export const lossChoices: readonly Choice<LossName>[] = [
  { value: 'bce', label: 'Logistic (cross-entropy)', help: 'Scores become probabilities; the usual choice for classification.' },
  { value: 'hinge', label: 'Hinge', help: 'Margin loss of support vector machines; only the sign of the score matters.' },
  { value: 'squared', label: 'Squared error', help: 'The regression loss; also usable for classification on ±1 labels.' },
];

export const solverChoices: readonly Choice<SolverName>[] = [
  { value: 'admm', label: 'ADMM', help: 'Solves the convex program exactly and certifies the gap; works with every loss.' },
  { value: 'admm-rbcd', label: 'ADMM with block solver', help: 'ADMM with an inner block solver; fast for logistic and squared losses.' },
  { value: 'ipm', label: 'Interior-point', help: 'Newton steps on the convex program: the tightest certificate in a few dozen steps, for small and medium problems (every loss).' },
  { value: 'scp', label: 'Sampled convex program (SCP)', help: 'Picks neurons from random directions; scales to larger data.' },
  { value: 'backprop', label: 'Back-propagation (baseline)', help: 'Ordinary gradient training for comparison; no certificate.' },
];

export const formulationChoices: readonly Choice<Formulation>[] = [
  { value: 'sampled', label: 'Sampled patterns', help: 'Uses a random sample of activation patterns; fits any data size.' },
  { value: 'exact', label: 'Exact (all patterns)', help: 'Every activation pattern: the global optimum, only for small low-dimensional data.' },
];

export function solverLabel(solver: SolverName): string {
  return solverChoices.find((c) => c.value === solver)?.label ?? solver;
}

export function formulationLabel(formulation: Formulation): string {
  return formulationChoices.find((c) => c.value === formulation)?.label ?? formulation;
}

export { iterationUnit } from '../../src-core/training/solver-support';

export function lossLabel(loss: LossName): string {
  return lossChoices.find((c) => c.value === loss)?.label ?? loss;
}

export const jobStateLabels: Readonly<Record<JobState, string>> = {
  queued: 'Queued',
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

