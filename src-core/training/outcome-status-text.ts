import { BACKPROP_PLATEAU_WINDOW } from '../solvers/backprop/backprop-settings';
import { describeStatus, type SolverStatus } from '../solvers/solver-types';
import { combinedCertificate } from './combined-gap';
import type { TrainOutcome } from './train-types';

/**
 * A run's stopping reason in words, as the app, the run report and `convexnet train` say it: its
 * status, the heads' combined certified gap (one-vs-rest: summed objectives against summed
 * bounds), and whether an ADMM head stopped on its residuals before its certificate did.
 */
export function outcomeStatusText(outcome: Pick<TrainOutcome, 'status' | 'heads' | 'options'>): string {
  if (outcome.options.solver === 'backprop') return backpropStatusText(outcome.status);
  const gap = combinedCertificate(outcome.heads.map((h) => h.info)).relativeGap;
  return describeStatus(outcome.status, gap, outcome.heads.some((h) => h.info.solvedOnResiduals === true));
}

/**
 * Back-propagation's two normal ends in its own terms. The convex solvers' words ("Reached the
 * requested tolerance", "Stopped at the iteration limit before reaching the tolerance") are about a
 * certified gap; back-propagation's tolerance is only a plateau of the loss, and running all its
 * epochs is its normal finish. Cut-short runs (cancel, time, numbers) keep the shared words.
 */
function backpropStatusText(status: SolverStatus): string {
  const noCertificate = 'Back-propagation has no certificate, so how far this is from the best possible training objective is unknown; a convex solver bounds it.';
  if (status === 'solved') return `The training objective changed by less than the tolerance over the last ${BACKPROP_PLATEAU_WINDOW} epochs. ${noCertificate}`;
  if (status === 'max-iterations') return `Ran all its epochs; the training objective was still changing by more than the tolerance, so more epochs may lower it. ${noCertificate}`;
  return describeStatus(status, null);
}
