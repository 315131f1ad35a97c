import { isConvexNetError } from '../errors';
import type { LossName } from '../losses/loss';
import { countArrangementCells } from '../patterns/exact-patterns';
import { resolveSettings, type SettingSpec, type SettingValue } from '../settings/setting-spec';
import { solverSettingSpecsOf } from './cost-probe';
import { IPM_MAX_FACTOR_ORDER, ipmSizeProblem } from '../solvers/ipm/ipm-newton-system';
import { ipmSettingSpecs } from '../solvers/ipm/ipm-settings';
import { nonSquaredReason, SQUARED_ADMM_REASON, type Choice, type DataShape } from './auto-choices';
import { formatCount } from '../text/count-text';
import { formatBytes, formatDuration, modelCost, UNCALIBRATED_FLOPS_PER_MS } from './cost-estimate';
import { DEFAULT_SOLVER } from './train-defaults';
import type { Formulation, SolverName } from './train-types';
import { solverOwnSettings } from './pipeline-settings';

/**
 * The interior-point solver's conic form (logistic and hinge losses, class weights) is
 * recommended up to this many block unknowns 2dP (it factors all of them), and while its step
 * and memory are within IPM_CONIC_MAX_STEP_MS and IPM_RECOMMENDED_MAX_BYTES.
 */
export const IPM_RECOMMENDED_MAX_UNKNOWNS = 2000;
/**
 * A Newton step over the rows (the squared loss's Woodbury path on wide data) is recommended while
 * it is modelled to take at most this long at the uncalibrated rate (the choice is made before
 * any probe; that rate is the plain-loop one, so the model is on the safe side for the SIMD
 * Cholesky). About 10-40 steps certify a gap of 1e-3 to 1e-6.
 */
export const IPM_RECOMMENDED_MAX_STEP_MS = 1000;
/**
 * The conic form's Newton step, modelled with a working set of cone rows on many rows
 * (cone-working-set.ts), is recommended up to this long. Measured, 32 patterns, gap 1e-3:
 * 20,000 training rows x 10 features (+ bias; modelled step 1.3 s): hinge certified in 24 Newton
 * steps and 23.5 s where ADMM stopped at its 2-minute limit with a gap of 0.8%; logistic (all cone
 * rows, conicWorkingSetPlan) 67 steps and 115 s where ADMM-RBCD stopped at 2 minutes with a gap
 * of 64%. x 20 features (3.1 s): hinge certified in 29 steps and 91-104 s (peak 1.6 GB), ADMM
 * 3.3% after 2 minutes (5,514 of its 10,000 iterations). 50,000 x 10 (3.1 s): hinge certified in
 * 24 steps and 76 s (peak 2.1 GB). Since the step's pattern-pair sums and cone-row Grams run in
 * SIMD kernels (2026-11-30): 20,000 x 20 hinge 20.2 s (1.37 GB), 50,000 x 10 29.2 s (1.72 GB), and every shape within IPM_RECOMMENDED_MAX_UNKNOWNS whose step is
 * modelled over this also holds more than IPM_RECOMMENDED_MAX_BYTES: memory decides first (tested);
 * this bound stays as a guard on the model.
 */
export const IPM_CONIC_MAX_STEP_MS = 4000;
/**
 * The squared loss's structured Newton systems factor only dP of the 2dP unknowns (a 2000-order
 * Cholesky is ~0.3 s here): up to this many unknowns they are recommended whatever their step ...
 */
export const IPM_STRUCTURED_MAX_UNKNOWNS = 4000;
/**
 * ... and above it, up to the solver's own factor order (IPM_MAX_FACTOR_ORDER), while a step over
 * the patterns (the direct path) is modelled at most this long at the uncalibrated rate, which is
 * 3-8x the measured step here. Measured (tolerance 1e-3, bench regression data, 2026-11-30;
 * modelled step: interior-point time against ADMM at its 10,000 iterations or a 2-minute limit):
 * - 5000 x 21, 96 patterns (1.1 s): 6.3 s against 107 s and a gap of 4.6%;
 * - 10,000 x 31, 80 (2.1 s): 10.7 s against 121 s and 11%;
 * - 8000 x 41, 64 (2.5 s): 11.3 s against 121 s and 6.8%;
 * - 30,000 x 21, 100 (1.8 s): 15.2 s against 123 s and 0.30%;
 * - 3000 x 51, 64 (4.4 s): 20.6 s against 79 s (solved);
 * - 12,000 x 26, 128 (4.8 s): 27.4 s against 122 s and 14%;
 * - 10,000 x 31, 128 (7.8 s): 38 s against 123 s and 13%;
 * - 15,000 x 41, 96 (7.8 s): 42 s against 123 s and 11%;
 * - 8000 x 61, 80 (14.2 s): 57 s; 6000 x 51, 100 (15.9 s): 63 s, 1.1 GB;
 * - 20,000 rows x 14 mixed columns, 128 patterns (2.8 s): 25 s certified to 5e-7, where ADMM (the
 *   choice then) stopped after 408 s at 2.9%.
 * Before, every one of these went to ADMM (over 4000 unknowns). The limit is the largest step
 * measured; above it (the widest data at dP near 6000) neither method was measured.
 */
export const IPM_STRUCTURED_MAX_STEP_MS = 16_000;
/**
 * ... and with many rows keep a working set of cone rows, so a step costs about three passes
 * over X besides that Cholesky: a few ADMM iterations, where ADMM needs thousands (n = 100k,
 * d = 51, 32 patterns: certified 3.1e-4 in 49 s; ADMM's gap 0.22 after 4 minutes). What bounds
 * them at large n is memory: their n x 2P arrays (the cost model's bytes).
 */
export const IPM_RECOMMENDED_MAX_BYTES = 2 * 1024 ** 3;

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
 * except that a non-robust program the interior-point solver takes in reasonable time and
 * memory goes to it: the squared loss by its structured systems (up to 4000 unknowns 2dP and
 * 2 GB), the logistic and hinge losses and class weights by its conic form (up to 2000 unknowns,
 * a modelled step of 4 s and 2 GB; on two
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
  const admmReason = request.loss === 'squared' ? SQUARED_ADMM_REASON : nonSquaredReason(request.loss);
  // Why the interior-point solver is not used, as a sentence of its own after the ADMM reason.
  const notIpm = (why: string): Choice<SolverName> => ({ value: fallback, reason: `${admmReason} The interior-point solver is not used: ${why}` });
  if (request.robust) return robustSolverChoice(request.loss);
  const refused = refusedSetting(request.givenSettings ?? {});
  if (refused !== null) return { value: fallback, reason: `${admmReason} ${refused}` };
  // The logistic and hinge losses and class weights: the conic form (solve-ipm-conic.ts).
  const conic = request.loss !== 'squared' || request.classWeighted === true;

  const columns = shape.features + (shape.bias ? 1 : 0);
  // The pattern count of the program to be solved: for the exact formulation, the arrangement's
  // cell count bound (the enumerated count is known only after enumeration, and never exceeds it).
  const patterns = request.formulation === 'exact' ? countArrangementCells(shape.rows, Math.min(columns, shape.rows)) : request.patterns;
  const unknowns = 2 * columns * patterns;
  const cost = modelCost({ solver: 'ipm', loss: request.loss, rows: shape.rows, columns, size: patterns, heads: 1, checkEvery: 1, classWeighted: request.classWeighted === true });
  const stepMs = cost.flopsPerIteration / UNCALIBRATED_FLOPS_PER_MS;
  const maxUnknowns = conic ? IPM_RECOMMENDED_MAX_UNKNOWNS : IPM_STRUCTURED_MAX_UNKNOWNS;
  // The step time is quoted only when it is what rules the solver out: it is modelled at the
  // uncalibrated (safe-side) rate, so next to the probe-calibrated estimate the app shows before
  // Start it would read as a contradiction (penguins: 39 ms here, 10 ms measured).
  // Above that count the squared loss's Woodbury path factors an n x n system instead
  // (ipm-newton-system.ts): on few rows the pattern count does not bound it, its modelled step does.
  const wideOnFewRows = !conic && unknowns > maxUnknowns && cost.linearSystemPath === 'woodbury';
  // Above 4000 unknowns the squared loss's step over the patterns decides (IPM_STRUCTURED_MAX_STEP_MS),
  // where the solver takes the program at all (ipmSizeProblem).
  const wideOverPatterns = !conic && unknowns > maxUnknowns && !wideOnFewRows && ipmSizeProblem(shape.rows, columns, patterns, 'auto') === null;
  if (unknowns > maxUnknowns && !wideOnFewRows && !wideOverPatterns) {
    return notIpm(`this problem has ${formatCount(unknowns)} unknowns, more than its limit of ${formatCount(conic ? maxUnknowns : 2 * IPM_MAX_FACTOR_ORDER)}.`);
  }
  if (wideOnFewRows && stepMs > IPM_RECOMMENDED_MAX_STEP_MS) {
    return notIpm(`this problem has ${formatCount(unknowns)} unknowns. Each of its steps (Newton steps) over the ${formatCount(shape.rows)} rows is estimated at about ${formatDuration(stepMs)}, more than its limit of ${formatDuration(IPM_RECOMMENDED_MAX_STEP_MS)}.`);
  }
  if (wideOverPatterns && stepMs > IPM_STRUCTURED_MAX_STEP_MS) {
    return notIpm(`this problem has ${formatCount(unknowns)} unknowns. Each of its steps (Newton steps) is estimated at about ${formatDuration(stepMs)}, more than its limit of ${formatDuration(IPM_STRUCTURED_MAX_STEP_MS)}.`);
  }
  if (conic && stepMs > IPM_CONIC_MAX_STEP_MS) {
    return notIpm(`each of its steps (Newton steps) is estimated at about ${formatDuration(stepMs)}, more than its limit of ${formatDuration(IPM_CONIC_MAX_STEP_MS)}.`);
  }
  if (cost.bytes > IPM_RECOMMENDED_MAX_BYTES) {
    return notIpm(`its steps would need about ${formatBytes(cost.bytes)} of memory, more than its limit of ${formatBytes(IPM_RECOMMENDED_MAX_BYTES)}.`);
  }
  const size = `${formatCount(unknowns)} unknowns`;
  const what = request.loss === 'squared' ? (conic ? 'Squared loss with class weights' : 'Squared loss') : request.loss === 'bce' ? 'Logistic loss' : 'Hinge loss';
  const other = fallback === 'admm-rbcd' ? 'ADMM-RBCD' : 'ADMM';
  return {
    value: 'ipm',
    reason: `${what}${conic ? ' on a small problem' : ''} (${size}): the interior-point method certifies a gap of ${request.tolerance.toExponential(0)} in a few dozen steps, where ${other} would need thousands of iterations.`,
  };
}

/** The solver for adversarial training: the loss's ADMM variant, which takes the robust program. */
export function robustSolverChoice(loss: LossName): Choice<SolverName> {
  return { value: DEFAULT_SOLVER[loss], reason: 'Adversarial training goes to ADMM, the solver that takes the robust program. It solves small programs by an interior-point method and larger ones by a first-order method (PDHG). The ipm solver has no robust program.' };
}

/** Every solver's declared settings, to name a setting by its label wherever it comes from. */
const ALL_SOLVER_SETTINGS: readonly SettingSpec[] = Object.values(solverSettingSpecsOf).flat();

/**
 * Why the interior-point solver refuses these settings (a sentence), or null when it takes them all. A
 * setting it does not have is named by its label ("Penalty rho is not a setting of the
 * interior-point solver"): the settings check's own message lists internal keys ("Unknown
 * setting "rho". Known settings: maxIterations, ..."), which the form and the CLI never show.
 */
function refusedSetting(given: Readonly<Record<string, SettingValue>>): string | null {
  // The exact-pattern limit and the pattern source are the pipeline's, not a solver's (pipeline-settings.ts).
  const own = solverOwnSettings(given);
  const foreign = Object.keys(own).filter((key) => !ipmSettingSpecs.some((spec) => spec.key === key));
  if (foreign.length > 0) {
    const names = foreign.map((key) => ALL_SOLVER_SETTINGS.find((spec) => spec.key === key)?.label ?? `"${key}"`);
    return `${names.join(', ')} ${foreign.length === 1 ? 'is not a setting' : 'are not settings'} of the interior-point solver.`;
  }
  try {
    resolveSettings(ipmSettingSpecs, own);
    return null;
  } catch (error) {
    if (isConvexNetError(error)) return `The settings given are not the interior-point solver's: ${error.message}`;
    throw error;
  }
}
