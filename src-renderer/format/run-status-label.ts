import type { SolverStatus } from '../../src-core/solvers/solver-types';
import type { SolverName } from '../../src-core/training/train-types';
import { formatCount } from './numbers';
import { solverStatusLabels } from './option-labels';

/**
 * The word for how a run stopped. src-core reports back-propagation that ran all its epochs as
 * 'max-iterations' (it has no certificate to stop on), which the convex solvers' label "Iteration
 * limit" would present as a failure; for back-propagation it is the normal finish. Real stops
 * (cancelled, time limit, numerical failure) keep their own words.
 */
export function runStatusLabel(solver: SolverName, status: SolverStatus, epochs?: number): string {
  if (solver === 'backprop' && status === 'max-iterations') {
    return epochs === undefined ? 'Finished' : `Finished (${formatCount(epochs)} ${epochs === 1 ? 'epoch' : 'epochs'})`;
  }
  return solverStatusLabels[status];
}
