import type { SolverStatus } from '../../src-core/solvers/solver-types';
import type { SolverName } from '../../src-core/training/train-types';
import { countOf } from './numbers';
import { solverStatusLabels } from './option-labels';

/**
 * The word for how a run stopped. Back-propagation has no certificate, so src-core's statuses
 * mean something else for it than for the convex solvers, and their labels would mislead:
 * - 'max-iterations' is its normal finish (it ran all its epochs), not an "Iteration limit";
 * - 'solved' only says the loss stopped changing (less than the tolerance over its plateau
 *   window), which proves nothing about optimality, so it is not "Solved" beside certified runs.
 * The core status stays 'solved' (model and run files, the CLI and older app versions read it);
 * only the words differ. Real stops (cancelled, time limit, numerical failure) keep their own words.
 */
export function runStatusLabel(solver: SolverName, status: SolverStatus, epochs?: number): string {
  if (solver !== 'backprop') return solverStatusLabels[status];
  const count = epochs === undefined ? '' : countOf(epochs, 'epoch');
  if (status === 'max-iterations') return count ? `Finished (${count})` : 'Finished';
  if (status === 'solved') return `Converged (loss change below tolerance${count ? `, ${count}` : ''})`;
  return solverStatusLabels[status];
}
