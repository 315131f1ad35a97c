import type { Dataset } from '../data/dataset';
import { ConvexNetError } from '../errors';
import { parseGridText } from './grid-text';
import { evenlySpacedRows } from '../robust/robustness-for-run';
import type { AdversarialTraining } from '../robust/adversarial-options';
import { computeRobustnessReport } from '../robust/robustness-report';
import { withinStage, type SolveContext } from '../solvers/solver-types';
import { logGrid, MAX_PATH_POINTS, summarizePoint, type PathPoint } from './beta-path';
import { isPartialModel } from './train-model';
import type { TrainOptions, TrainOutcome } from './train-types';
import { warmChain } from './warm-chain';
import { recommendedSolver } from './recommended-solver';
import { isClassWeighted } from './solver-support';
import { defaultNumber } from './cost-probe';
import { pipelineSettings } from './pipeline-settings';
import { spreadsInEpsilonUnits } from '../robust/column-spreads';
import { suggestRobustRadius } from '../robust/suggested-radius';
import type { ThreatNorm } from '../robust/threat-model';

/** Log-spaced radii of a default grid (epsilon 0, the standard model, comes on top). */
export const DEFAULT_EPSILON_POINTS = 7;
/** Default largest radius: this fraction of the median spread (standard deviation) of the perturbable columns. */
export const DEFAULT_EPSILON_SPREAD_FRACTION = 0.25;
/** Default smallest positive radius: the largest divided by this. */
const DEFAULT_EPSILON_RANGE = 30;
/** PGD budget of the sweep (smaller than the robustness report's 50 x 10, to keep a sweep affordable). */
export const SWEEP_PGD = { steps: 20, restarts: 2 } as const;
/** Most rows attacked per point (evenly spaced beyond it). */
export const SWEEP_ATTACK_ROWS = 200;

/**
 * Epsilon 0 (the standard model) and `count` radii from `min` to `max` evenly spaced in log scale.
 * The standard model is always part of the grid: it is the reference every robust point is read against.
 */
export function epsilonGrid(min: number, max: number, count: number): number[] {
  if (!(min > 0)) {
    throw new ConvexNetError('settings/invalid', `The smallest positive epsilon of a sweep must be above 0 (epsilon 0, the standard model, is always included), got ${min}.`);
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_PATH_POINTS - 1) {
    throw new ConvexNetError('settings/invalid', `An epsilon grid needs a whole number of positive radii from 1 to ${MAX_PATH_POINTS - 1}, got ${count}.`);
  }
  if (count === 1) {
    if (!(max === min) || !Number.isFinite(max)) throw new ConvexNetError('settings/invalid', `An epsilon grid of one positive radius needs MIN = MAX, got ${min} and ${max}.`);
    return [0, max];
  }
  return [0, ...logGrid(min, max, count)];
}

/** Reads "MIN:MAX:COUNT" (e.g. "0.01:0.5:7") into epsilon 0 plus COUNT log-spaced radii; COUNT defaults to 7. */
export function parseEpsilonGrid(text: string): number[] {
  const { min, max, count } = parseGridText(text, 'epsilon', '0.01:0.5:7', DEFAULT_EPSILON_POINTS, ' (epsilon 0 is always added)');
  return epsilonGrid(min, max, count);
}

/** How the robust program would sample its patterns: lets the default grid reach the suggested radius. */
export interface EpsilonGridReach {
  readonly norm: ThreatNorm;
  readonly hasBias: boolean;
  readonly patternCount: number;
  readonly seed: number;
}

/**
 * The default grid from the data: `radiiPerEpsilon` are the prepared-unit radii of one unit of
 * epsilon (resolveAdversarial at epsilon 1). A column whose prepared values spread by s_t moves
 * by r_t per unit of epsilon, so its spread in epsilon's units is s_t / r_t; the largest radius is
 * DEFAULT_EPSILON_SPREAD_FRACTION of the median of those spreads over the perturbable columns,
 * the smallest that divided by DEFAULT_EPSILON_RANGE. With `reach`, the smallest is at most half
 * the radius suggested for these rows (robust/suggested-radius.ts): on thousands of dense rows the
 * robust program keeps its neurons only at radii far below the spread (two moons, 5,000 rows:
 * 0.0005 against a grid from 0.0057), and a grid that starts above that shows nothing but the
 * collapsed, near-linear models.
 */
export function defaultEpsilonGrid(train: Dataset, radiiPerEpsilon: readonly number[], reach?: EpsilonGridReach, count: number = DEFAULT_EPSILON_POINTS): number[] {
  const spreads = spreadsInEpsilonUnits(train.X, radiiPerEpsilon);
  if (spreads.length === 0) {
    throw new ConvexNetError('settings/invalid', 'No input column can be perturbed (all are categorical, immutable or constant), so there is no radius to sweep.');
  }
  spreads.sort((a, b) => a - b);
  const median = spreads.length % 2 === 1 ? spreads[(spreads.length - 1) / 2]! : (spreads[spreads.length / 2 - 1]! + spreads[spreads.length / 2]!) / 2;
  const max = Number((DEFAULT_EPSILON_SPREAD_FRACTION * median).toPrecision(2));
  const suggested = reach ? suggestRobustRadius(train.X, radiiPerEpsilon, reach) : null;
  const min = Math.min(max / DEFAULT_EPSILON_RANGE, suggested ? suggested.value / 2 : Infinity);
  return epsilonGrid(min, max, count);
}

/**
 * Solvers that train adversarially (the robust convex program, or back-propagation with PGD/FGSM
 * examples); 'scp' and 'ipm' have no adversarial training and are refused by name.
 */
export const EPSILON_SWEEP_SOLVERS: readonly TrainOptions['solver'][] = ['admm', 'admm-rbcd', 'backprop'];

/** Refuses, before any training, a sweep whose solver cannot train adversarially. */
export function checkEpsilonSweepSolver(solver: TrainOptions['solver']): void {
  if (!EPSILON_SWEEP_SOLVERS.includes(solver)) {
    throw new ConvexNetError('settings/invalid', `An epsilon sweep trains adversarially, which works with ${EPSILON_SWEEP_SOLVERS.join(', ')}; "${solver}" does not support it. Choose one of those solvers.`);
  }
}

/** One solved point of an epsilon sweep: the beta-path point's metrics plus its robustness. */
export interface EpsilonPathPoint extends PathPoint {
  readonly epsilon: number;
  /** Accuracy (classification) or R² (regression) under PGD at this point's own epsilon; at 0 the clean score. */
  readonly pgdScore: number | null;
  /**
   * Proven at this point's own epsilon (interval bounds, exact where small; robustness-report.ts):
   * the fraction of attacked rows certified robust, or for regression the R² implied by the
   * certified upper bound on the attacked RMSE. A lower bound on what any attack can leave, so
   * never above pgdScore.
   */
  readonly certifiedScore: number | null;
  /** The same attack on the standard (epsilon 0) model, when the grid has epsilon 0. */
  readonly standardPgdScore: number | null;
  /** Under PGD at the grid's largest epsilon (the common yardstick for choosing a point). */
  readonly pgdAtLargestScore: number | null;
}

export interface EpsilonPathOptions {
  /**
   * Start each robust convex solve from the previous radius's solution (default true): only the
   * radii change between points, so the conic form keeps its layout (solve-robust.ts).
   */
  readonly warmStart?: boolean;
  readonly steps?: number;
  readonly restarts?: number;
  readonly maxAttackRows?: number;
  readonly onPoint?: (point: EpsilonPathPoint, index: number) => void;
}

export interface EpsilonPathResult {
  /** In increasing epsilon. */
  readonly points: EpsilonPathPoint[];
  readonly outcomes: TrainOutcome[];
  readonly cancelled: boolean;
  /** True when robust convex solves were started from the previous radius (PDHG; not the interior-point method or backprop). */
  readonly warmStart: boolean;
  /** Rows the attacks ran on: the test rows, else the training rows (evenly spaced subset beyond maxAttackRows). */
  readonly attackedOn: 'test' | 'training';
  readonly attackedRows: number;
  readonly attack: { readonly steps: number; readonly restarts: number };
}

/**
 * Trains the same settings (data, patterns, seed, beta) at every radius of `threats`, which are
 * adversarial settings already resolved against the preprocessing (featureRadii filled in); a
 * radius of 0 trains the standard model (no adversary). Radii are solved in increasing order,
 * each robust convex solve given the previous radius's solution (PDHG starts from its primal-dual
 * point; the interior-point method solves from scratch; the first radius starts cold); the
 * back-propagation baseline starts every radius afresh
 * from its seed. Every model is then attacked by PGD at its own radius and at the
 * grid's largest radius, and the standard model at every radius, on the same rows.
 */
export function solveEpsilonPath(train: Dataset, test: Dataset | null, options: TrainOptions, threats: readonly AdversarialTraining[], context: SolveContext, pathOptions: EpsilonPathOptions = {}): EpsilonPathResult {
  if (threats.some((t) => t.epsilon > 0)) checkEpsilonSweepSolver(options.solver);
  if (threats.length === 0 || threats.length > MAX_PATH_POINTS) {
    throw new ConvexNetError('settings/invalid', `An epsilon sweep needs from 1 to ${MAX_PATH_POINTS} radii, got ${threats.length}.`);
  }
  for (const threat of threats) {
    if (!(threat.epsilon >= 0) || !Number.isFinite(threat.epsilon)) throw new ConvexNetError('settings/invalid', `Every epsilon of a sweep must be a number of at least 0, got ${threat.epsilon}.`);
    if (threat.epsilon > 0 && !threat.featureRadii) {
      throw new ConvexNetError('settings/invalid', 'The radii of an epsilon sweep must be resolved against the fitted preprocessing first (resolveAdversarial).');
    }
  }
  const ordered = [...threats].sort((a, b) => a.epsilon - b.epsilon);
  const onTest = test !== null && test.X.rows > 0;
  const attacked = evenlySpacedRows(onTest ? test : train, pathOptions.maxAttackRows ?? SWEEP_ATTACK_ROWS);
  const attack = { steps: pathOptions.steps ?? SWEEP_PGD.steps, restarts: pathOptions.restarts ?? SWEEP_PGD.restarts };
  const largest = ordered[ordered.length - 1]!;
  const scores = (heads: TrainOutcome['heads'], threat: AdversarialTraining): AttackedScores => attackedScores(heads, threat, attacked, attack, context);
  const score = (heads: TrainOutcome['heads'], threat: AdversarialTraining): number | null => scores(heads, threat).pgd;

  const points: EpsilonPathPoint[] = [];
  const outcomes: TrainOutcome[] = [];
  let standard: TrainOutcome | null = null;
  let cancelled = false;
  const warm = pathOptions.warmStart ?? true;
  const trainPoint = warmChain(warm);
  for (let step = 0; step < ordered.length; step++) {
    // The first point always runs (a cancelled solve returns at once with status 'cancelled'), so
    // a cancelled sweep still ends with a model, as a cancelled training run does.
    if (step > 0 && context.isCancelled()) {
      cancelled = true;
      break;
    }
    const threat = ordered[step]!;
    const stepContext: SolveContext = {
      ...context,
      ...(context.onProgress ? { onProgress: (e) => context.onProgress!(withinStage(e, { name: 'epsilon', index: step, count: ordered.length })) } : {}),
    };
    const { adversarial: _dropped, ...plain } = options;
    void _dropped;
    const pointOptions: TrainOptions = threat.epsilon === 0 ? standardPointOptions(plain, train) : { ...plain, adversarial: { ...threat, compareStandard: false } };
    const outcome = trainPoint(train, pointOptions, stepContext);
    // A one-vs-rest point cancelled before all its heads has no model to score: the sweep ends before it.
    if (isPartialModel(outcome, train)) {
      cancelled = true;
      break;
    }
    if (threat.epsilon === 0) standard = outcome;
    const base = summarizePoint(outcome, options.beta, train, test);
    const ownScores = scores(outcome.heads, threat);
    const own = ownScores.pgd;
    const point: EpsilonPathPoint = {
      ...base,
      epsilon: threat.epsilon,
      pgdScore: own,
      certifiedScore: ownScores.certified,
      standardPgdScore: standard ? (standard === outcome ? own : score(standard.heads, threat)) : null,
      pgdAtLargestScore: threat === largest ? own : score(outcome.heads, largest),
    };
    points.push(point);
    outcomes.push(outcome);
    pathOptions.onPoint?.(point, step);
    if (outcome.status === 'cancelled') {
      cancelled = true;
      break;
    }
  }
  // Only PDHG starts from the previous radius; the interior-point method (small and medium
  // programs) solves every radius cold in a few dozen steps.
  const warmStarted = outcomes.some((outcome) => outcome.heads.some((head) => head.info.warmStarted === true));
  return { points, outcomes, cancelled, warmStart: warm && options.solver !== 'backprop' && warmStarted, attackedOn: onTest ? 'test' : 'training', attackedRows: attacked.X.rows, attack };
}

/**
 * The point most robust at the grid's largest radius (PGD score there), the common yardstick of
 * every model; ties go to the smaller epsilon, which gives up less clean accuracy.
 */
export function selectEpsilonPoint(points: readonly { readonly epsilon?: number; readonly pgdAtLargestScore?: number | null }[]): { index: number; reason: string } {
  let index = 0;
  points.forEach((p, i) => {
    if ((p.pgdAtLargestScore ?? -Infinity) > (points[index]!.pgdAtLargestScore ?? -Infinity)) index = i;
  });
  const largest = points[points.length - 1]!.epsilon ?? 0;
  return { index, reason: `epsilon = ${Number((points[index]!.epsilon ?? 0).toPrecision(3))} has the best score under PGD at the largest radius (${Number(largest.toPrecision(3))}).` };
}

interface AttackedScores {
  readonly pgd: number | null;
  readonly certified: number | null;
}

/**
 * Accuracy or R² of the model on `data` under PGD with the threat (the clean score at radius 0),
 * and the certified one (robust fraction, or R² from the certified RMSE bound).
 */
function attackedScores(heads: TrainOutcome['heads'], threat: AdversarialTraining, data: Dataset, attack: { steps: number; restarts: number }, context: SolveContext): AttackedScores {
  if (data.X.rows === 0) return { pgd: null, certified: null };
  const epsilon = threat.epsilon;
  const radiiPerEpsilon = epsilon > 0 ? Float64Array.from(threat.featureRadii!, (r) => r / epsilon) : new Float64Array(data.X.cols);
  const report = computeRobustnessReport({
    task: data.task,
    heads: [...heads].sort((a, b) => (a.classIndex ?? 0) - (b.classIndex ?? 0)).map((h) => h.network),
    X: data.X,
    y: data.y,
    classCount: data.task === 'regression' ? 0 : data.classNames.length,
    norm: threat.norm,
    radiiPerEpsilon,
    epsilons: [epsilon],
    units: threat.units,
    unitsText: '',
    dataSet: 'test',
    steps: attack.steps,
    restarts: attack.restarts,
    attacks: ['pgd', 'certify'],
    isCancelled: context.isCancelled,
  });
  const point = report.points[0];
  if (!point) return { pgd: null, certified: null };
  if (data.task !== 'regression') return { pgd: point.accuracy.pgd, certified: point.accuracy.certified };
  // R² under attack: 1 - (attacked mean squared error) / (variance of the targets).
  const n = data.y.length;
  const mean = data.y.reduce((s, v) => s + v, 0) / n;
  const variance = data.y.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const r2 = (rmse: number | null | undefined): number | null => (rmse === undefined || rmse === null || !(variance > 0) ? null : 1 - (rmse * rmse) / variance);
  return { pgd: r2(point.error?.pgd), certified: r2(point.error?.certifiedBound) };
}

/**
 * The options of a sweep's radius 0 (the standard model): the run's, except that a program ADMM or
 * ADMM-RBCD would solve goes to the interior-point solver when that solver is recommended for it
 * (recommendedSolver: small enough), as the positive radii go to the robust interior-point method.
 * Its tolerance and time limit carry over; its iteration limit is its own (Newton steps). Measured
 * before: in `convexnet sweep --loss bce --epsilon-grid auto` on two moons (400 rows), radius 0 by
 * ADMM-RBCD ended at its iteration limit (gap 0.41%) after ~100 s, while the seven robust radii
 * were certified in 3.8 s.
 */
function standardPointOptions(plain: TrainOptions, train: Dataset): TrainOptions {
  if (plain.solver !== 'admm' && plain.solver !== 'admm-rbcd') return plain;
  const given = plain.solverSettings ?? {};
  const tolerance = typeof given['tolerance'] === 'number' ? given['tolerance'] : defaultNumber(plain.solver, 'tolerance')!;
  const settings = {
    tolerance,
    ...(typeof given['timeLimitMs'] === 'number' ? { timeLimitMs: given['timeLimitMs'] } : {}),
    // The pipeline's own settings go with the program, whichever solver solves it (with the pattern
    // source, radius 0 keeps the robust radii's patterns: the same structure key).
    ...pipelineSettings(given),
  };
  const classWeighted = isClassWeighted(plain);
  const choice = recommendedSolver(
    { task: plain.task, rows: train.X.rows, features: train.X.cols, bias: plain.bias },
    { loss: plain.loss, formulation: plain.formulation, patterns: plain.patterns, tolerance, classWeighted, givenSettings: settings },
  );
  return choice.value === 'ipm' ? { ...plain, solver: 'ipm', solverSettings: settings } : plain;
}
