import { ConvexNetError } from '../errors';

/**
 * Number of decision variables n_x of the sampled dual program for n training rows: the dual
 * vector z in R^n plus one epigraph scalar, n_x = n + 1 (paper-spec.md 2.2). This is the
 * convention that reproduces the spec's anchors 7.3(G): n = 8 -> 220 and n = 12000 -> 240,060
 * (with n_x = n the first anchor would be 200).
 */
export function scenarioDecisionVariables(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ConvexNetError('settings/invalid', `The number of training rows must be a whole number of at least 1, got ${String(n)}.`);
  }
  return n + 1;
}

/**
 * Scenario sample-size bound of paper-spec.md 2.2 (Calafiore–Campi 2006 and Calafiore 2010):
 *   P_s >= min{ n_x / (psi * xi) - 1 ,  (2 / psi) * (n_x - 1 + ln(1 / xi)) },
 * rounded up to a whole number of samples. psi = violation level, xi = confidence parameter
 * (the guarantee holds with probability >= 1 - xi). Pass n_x = scenarioDecisionVariables(n).
 * Examples (spec 7.3(G)): n_x = 9, psi = 0.1, xi = 0.05 -> min(1799, 219.91) -> 220.
 */
export function scenarioSampleBound(nx: number, violation: number, confidence: number): number {
  if (!Number.isSafeInteger(nx) || nx < 1) {
    throw new ConvexNetError('settings/invalid', `The number of decision variables n_x must be a whole number of at least 1, got ${String(nx)}.`);
  }
  if (!(violation > 0 && violation < 1)) {
    throw new ConvexNetError('settings/invalid', `The violation level psi must lie strictly between 0 and 1, got ${String(violation)}.`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new ConvexNetError('settings/invalid', `The confidence parameter xi must lie strictly between 0 and 1, got ${String(confidence)}.`);
  }
  const first = nx / (violation * confidence) - 1;
  const second = (2 / violation) * (nx - 1 + Math.log(1 / confidence));
  return ceilTolerant(Math.min(first, second));
}

/**
 * Ceiling that does not add a sample for floating-point noise: a bound that is a whole number
 * in exact arithmetic (e.g. 9 / (0.5 * 0.9) - 1 = 19) may evaluate to 19.000000000000004.
 */
function ceilTolerant(v: number): number {
  const nearest = Math.round(v);
  if (Math.abs(v - nearest) <= 1e-9 * Math.max(1, Math.abs(v))) return Math.max(nearest, 0);
  return Math.max(Math.ceil(v), 0);
}
