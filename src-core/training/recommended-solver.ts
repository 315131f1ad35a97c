import { isConvexNetError } from '../errors';
import type { LossName } from '../losses/loss';
import { countArrangementCells } from '../patterns/exact-patterns';
import { resolveSettings, type SettingValue } from '../settings/setting-spec';
import { ipmSettingSpecs } from '../solvers/ipm/ipm-settings';
import { formatCount, type Choice, type DataShape } from './auto-choices';
import { formatDuration, modelCost, UNCALIBRATED_FLOPS_PER_MS } from './cost-estimate';
import { DEFAULT_SOLVER } from './train-defaults';
import type { Formulation, SolverName } from './train-types';

/** The interior-point solver is recommended up to this many block unknowns 2dP ... */
export const IPM_RECOMMENDED_MAX_UNKNOWNS = 2000;
/**
 * ... and while a Newton step is modelled to take at most this long at the uncalibrated rate
 * (the choice is made before any probe; that rate is the plain-loop one, so the model is on the
 * safe side for the SIMD Cholesky). About 10-40 steps certify a gap of 1e-3 to 1e-6. Near 50k
 * rows for 2 features the step reaches this, where the step's arrays take ~450 MB: this rule
 * also bounds the memory the choice can reach.
 */
export const IPM_RECOMMENDED_MAX_STEP_MS = 1000;

/** What the recommendation depends on besides the data's shape. */
export interface SolverRequest {
  readonly loss: LossName;
  readonly formulation: Formulation;
  /** Sampled pattern count (ignored for the exact formulation, whose count is bounded from the shape). */
  readonly patterns: number;
  /** The tolerance the run will ask for (only quoted in the reason). */
  readonly tolerance: number;
  /** Class weights are set (the interior-point solver takes none). */
  readonly classWeighted?: boolean;
  /** Adversarial training (the interior-point solver has no robust program). */
  readonly robust?: boolean;
  /**
   * The solver settings given explicitly: when the interior-point solver would refuse one (an
   * ADMM setting such as rho, or an iteration limit above its 1000 Newton steps), ADMM stays.
   */
  readonly givenSettings?: Readonly<Record<string, SettingValue>>;
}

/**
 * The solver for a convex run, with its reason: the loss's default solver (DEFAULT_SOLVER),
 * except that a non-robust program whose Newton step is cheap (few unknowns 2dP and a modelled
 * step of at most about a second) goes to the interior-point solver: the squared loss by its
 * structured systems, the logistic and hinge losses and class weights by its conic form (on two
 * moons, 400 rows, BCE: certified to 5e-8 in 1.7 s where ADMM-RBCD stopped at its iteration
 * limit with a gap of 0.41% after ~100 s). There
 * it certifies the gap in a few dozen steps where ADMM needs thousands of iterations, and it
 * does not slow down at small beta. Measured on 5-point beta sweeps (1e-7 n to 1e-2 n,
 * tolerance 1e-3): two moons with 150 training rows 0.6 s with every point solved, against
 * 2.3 s for ADMM with 3 points at the iteration limit (gaps 92%, 64%, 0.13%); with 1500 rows
 * 1.4 s against 30 s (4 ADMM points unsolved); iris (one-vs-rest, 112 rows) 1.3 s against 9.4 s
 * (3 unsolved). The app's presets and the CLI's default both choose through this function.
 */
export function recommendedSolver(shape: DataShape, request: SolverRequest): Choice<SolverName> {
  const fallback = DEFAULT_SOLVER[request.loss];
  const admmReason = request.loss === 'squared' ? 'ADMM solves the squared loss with one factorization reused every iteration (Algorithm 3.1).' : nonSquaredReason(request.loss);
  if (request.robust) return robustSolverChoice(request.loss);
  const refused = refusedSetting(request.givenSettings ?? {});
  if (refused !== null) return { value: fallback, reason: `${admmReason} (The settings given are not the interior-point solver's: ${refused})` };
  // The logistic and hinge losses and class weights: the conic form (solve-ipm-conic.ts).
  const conic = request.loss !== 'squared' || request.classWeighted === true;

  const columns = shape.features + (shape.bias ? 1 : 0);
  // The pattern count of the program to be solved: for the exact formulation, the arrangement's
  // cell count bound (the enumerated count is known only after enumeration, and never exceeds it).
  const patterns = request.formulation === 'exact' ? countArrangementCells(shape.rows, Math.min(columns, shape.rows)) : request.patterns;
  const unknowns = 2 * columns * patterns;
  const stepMs = modelCost({ solver: 'ipm', loss: request.loss, rows: shape.rows, columns, size: patterns, heads: 1, checkEvery: 1, classWeighted: request.classWeighted === true }).flopsPerIteration / UNCALIBRATED_FLOPS_PER_MS;
  // The step time is quoted only when it is what rules the solver out: it is modelled at the
  // uncalibrated (safe-side) rate, so next to the probe-calibrated estimate the app shows before
  // Start it would read as a contradiction (penguins: 39 ms here, 10 ms measured).
  if (unknowns > IPM_RECOMMENDED_MAX_UNKNOWNS) {
    return { value: fallback, reason: `${admmReason} (Too large for the interior-point solver: ${formatCount(unknowns)} unknowns, over its ${formatCount(IPM_RECOMMENDED_MAX_UNKNOWNS)}.)` };
  }
  if (stepMs > IPM_RECOMMENDED_MAX_STEP_MS) {
    return { value: fallback, reason: `${admmReason} (Too large for the interior-point solver: a Newton step is modelled at about ${formatDuration(stepMs)}, over its ${formatDuration(IPM_RECOMMENDED_MAX_STEP_MS)}.)` };
  }
  const size = `${formatCount(unknowns)} unknowns`;
  const what = request.loss === 'squared' ? (conic ? 'Squared loss with class weights' : 'Squared loss') : request.loss === 'bce' ? 'Logistic loss' : 'Hinge loss';
  const other = fallback === 'admm-rbcd' ? 'ADMM-RBCD' : 'ADMM';
  return {
    value: 'ipm',
    reason: `${what} on a small problem (${size}): the interior-point method certifies a gap of ${request.tolerance.toExponential(0)} in a few dozen Newton steps, where ${other} would need thousands of iterations.`,
  };
}

/** The solver for adversarial training: the loss's ADMM variant, which takes the robust program. */
export function robustSolverChoice(loss: LossName): Choice<SolverName> {
  return { value: DEFAULT_SOLVER[loss], reason: 'Adversarial training: ADMM takes the robust convex program, which it solves by an interior-point method when small, else by PDHG (the ipm solver has no robust program).' };
}

/** The interior-point solver's refusal of these settings, or null when it takes them all. */
function refusedSetting(given: Readonly<Record<string, SettingValue>>): string | null {
  try {
    resolveSettings(ipmSettingSpecs, given);
    return null;
  } catch (error) {
    if (isConvexNetError(error)) return error.message;
    throw error;
  }
}

function nonSquaredReason(loss: Exclude<LossName, 'squared'>): string {
  return loss === 'bce'
    ? 'ADMM-RBCD handles the smooth logistic loss without factoring the large system.'
    : 'ADMM with loss splitting handles the non-smooth hinge loss with a certificate.';
}
