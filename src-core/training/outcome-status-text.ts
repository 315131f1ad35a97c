import { describeStatus } from '../solvers/solver-types';
import { combinedCertificate } from './combined-gap';
import type { TrainOutcome } from './train-types';

/**
 * A run's stopping reason in words, as the app, the run report and `convexnet train` say it: its
 * status, the heads' combined certified gap (one-vs-rest: summed objectives against summed
 * bounds), and whether an ADMM head stopped on its residuals before its certificate did.
 */
export function outcomeStatusText(outcome: Pick<TrainOutcome, 'status' | 'heads'>): string {
  const gap = combinedCertificate(outcome.heads.map((h) => h.info)).relativeGap;
  return describeStatus(outcome.status, gap, outcome.heads.some((h) => h.info.solvedOnResiduals === true));
}
