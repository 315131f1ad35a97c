import type { RobustnessComparison, RobustnessPoint } from './robustness-report-types';

/** PGD score at a point, higher is better: accuracy, or minus the RMSE for regression. */
function pgdScore(point: RobustnessPoint): number | null {
  if (point.error) return -point.error.pgd;
  return point.accuracy.pgd;
}

function shown(point: RobustnessPoint, regression: boolean): string {
  if (regression) return `RMSE ${Number(point.error!.pgd.toPrecision(3))}`;
  return `${(100 * point.accuracy.pgd!).toFixed(1)}%`;
}

/**
 * A plain-words verdict when adversarial training did not pay: the standard model (same data and
 * settings, no adversary) does at least as well under PGD at every positive radius of the
 * report, and better at one. Null otherwise, or without a standard model to compare.
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
  for (let k = 0; k < comparison.robust.points.length; k++) {
    const robust = comparison.robust.points[k]!;
    const plain = standard.points[k]!;
    if (!(robust.epsilon > 0) || robust.epsilon !== plain.epsilon) continue;
    const r = pgdScore(robust);
    const s = pgdScore(plain);
    if (r === null || s === null) return null;
    if (r > s) return null;
    if (worst === null || s - r > worst.margin) worst = { robust, standard: plain, margin: s - r };
  }
  if (worst === null || !(worst.margin > 0)) return null;
  return (
    `Adversarial training did not pay here: at every radius tested the standard model does at least as well under PGD ` +
    `(at epsilon ${Number(worst.robust.epsilon.toPrecision(3))}: ${shown(worst.standard, regression)} against ${shown(worst.robust, regression)} for the robust model). ` +
    `The robust program keeps each training point's activation pattern over its whole ball, which at the training radius can leave few usable neurons; try a smaller epsilon.`
  );
}
