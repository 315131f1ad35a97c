import type { RobustnessComparison, RobustnessPoint } from './robustness-report-types';

/** PGD score at a point, higher is better: accuracy, or minus the RMSE for regression. */
function pgdScore(point: RobustnessPoint): number | null {
  if (point.error) return -point.error.pgd;
  return point.accuracy.pgd;
}

/** Certified score at a point, higher is better: certified accuracy, or minus the RMSE bound. */
function certifiedScore(point: RobustnessPoint): number | null {
  if (point.error) return -point.error.certifiedBound;
  return point.accuracy.certified;
}

function shownCertified(point: RobustnessPoint, regression: boolean): string {
  if (regression) return `a certified RMSE bound of ${Number(point.error!.certifiedBound.toPrecision(3))}`;
  return `${(100 * point.accuracy.certified!).toFixed(1)}% certified accuracy`;
}

function shown(point: RobustnessPoint, regression: boolean): string {
  if (regression) return `RMSE ${Number(point.error!.pgd.toPrecision(3))}`;
  return `${(100 * point.accuracy.pgd!).toFixed(1)}%`;
}

/**
 * A plain-words verdict when adversarial training did not pay: the standard model (same data and
 * settings, no adversary) does at least as well under PGD at every positive radius of the
 * report, and better at one. Null otherwise, or without a standard model to compare. When the
 * robust model's certified score (accuracy, or RMSE bound) is still better at some radius, the
 * verdict says that this guarantee is what the training bought.
 *
 * Why it happens: the robust convex program keeps every training point's activation pattern
 * over its whole ball (Bai, Gautam & Sojoudi, section 5), so at radii comparable to the gaps
 * between the data's classes few neurons stay usable. Seen on two moons (200 rows, l_inf 0.05):
 * robust 88% under PGD, standard 98%.
 */
export function robustnessVerdict(comparison: RobustnessComparison): string | null {
  const standard = comparison.standard;
  if (!standard || standard.points.length !== comparison.robust.points.length) return null;
  const regression = comparison.robust.task === 'regression';
  let worst: { robust: RobustnessPoint; standard: RobustnessPoint; margin: number } | null = null;
  /** Where the robust model's certificate beats the standard one's most (what it did buy). */
  let guarantee: { robust: RobustnessPoint; standard: RobustnessPoint; margin: number } | null = null;
  for (let k = 0; k < comparison.robust.points.length; k++) {
    const robust = comparison.robust.points[k]!;
    const plain = standard.points[k]!;
    if (!(robust.epsilon > 0) || robust.epsilon !== plain.epsilon) continue;
    const r = pgdScore(robust);
    const s = pgdScore(plain);
    if (r === null || s === null) return null;
    if (r > s) return null;
    if (worst === null || s - r > worst.margin) worst = { robust, standard: plain, margin: s - r };
    const rc = certifiedScore(robust);
    const sc = certifiedScore(plain);
    if (rc !== null && sc !== null && rc > sc && (guarantee === null || rc - sc > guarantee.margin)) guarantee = { robust, standard: plain, margin: rc - sc };
  }
  if (worst === null || !(worst.margin > 0)) return null;
  const attack = `at every radius tested the standard model does at least as well under PGD (at epsilon ${Number(worst.robust.epsilon.toPrecision(3))}: ${shown(worst.standard, regression)} against ${shown(worst.robust, regression)} for the robust model)`;
  const why = `The robust program keeps each training point's activation pattern over its whole ball, which at the training radius can leave few usable neurons`;
  const suggested = comparison.suggestedRadius;
  const smaller = typeof suggested === 'number' && suggested > 0 && Number.isFinite(suggested)
    ? `try a smaller epsilon, such as ${Number(suggested.toPrecision(3))} (the largest radius at which a quarter of the sampled neurons keep a margin no training row can be pushed across)`
    : 'try a smaller epsilon';
  if (guarantee !== null) {
    // Seen on a regression curve (n = 300, l_inf 0.1): PGD favoured the standard model at every
    // radius while the robust model's certified RMSE bound was 0.27 against 0.47.
    return (
      `Adversarial training did not improve accuracy under attack here: ${attack}. It did buy a better guarantee: at epsilon ` +
      `${Number(guarantee.robust.epsilon.toPrecision(3))} the robust model has ${shownCertified(guarantee.robust, regression)} against ${shownCertified(guarantee.standard, regression)} for the standard model. ` +
      `${why}; if attack accuracy matters more than the guarantee, ${smaller}.`
    );
  }
  return `Adversarial training did not pay here: ${attack}. ${why}; ${smaller}.`;
}
