import type { SolverStatus } from '../solvers/solver-types';
import type { SolverName } from '../training/train-types';
import { counted } from './counted';

/** A solver status in words, as every screen and the HTML report show it. */
export const solverStatusLabels: Readonly<Record<SolverStatus, string>> = {
  solved: 'Solved',
  'max-iterations': 'Iteration limit',
  stalled: 'No further progress',
  'time-limit': 'Time limit',
  cancelled: 'Cancelled',
  'numerical-failure': 'Numerical failure',
};

/**
 * The word for how a run stopped. Back-propagation has no certificate, so the statuses mean
 * something else for it than for the convex solvers, and their labels would mislead:
 * - 'max-iterations' is its normal finish (it ran all its epochs), not an "Iteration limit";
 * - 'solved' only says the loss stopped changing (less than the tolerance over its plateau
 *   window), which proves nothing about optimality, so it is not "Solved" beside certified runs.
 * The status itself stays 'solved' (model and run files, the CLI and older app versions read it);
 * only the words differ. Real stops (cancelled, time limit, numerical failure) keep their own words.
 */
export function runStatusLabel(solver: SolverName, status: SolverStatus, epochs?: number): string {
  if (solver !== 'backprop') return solverStatusLabels[status];
  const count = epochs === undefined || !Number.isFinite(epochs) ? '' : counted(epochs, 'epoch');
  if (status === 'max-iterations') return count ? `Finished (${count})` : 'Finished';
  if (status === 'solved') return `Converged (loss change below tolerance${count ? `, ${count}` : ''})`;
  return solverStatusLabels[status];
}
