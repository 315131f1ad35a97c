import type { ConvexProblem } from '../../convex/convex-problem';
import type { ConvexSolution } from '../../convex/convex-solution';
import { DualCertificate, relativeGap } from '../../convex/dual-certificate';
import { groupNormSum } from '../../convex/group-shrink';
import { prunedNote, pruneLimits, pruneNegligibleBlocks, type PruneMeasures } from '../../convex/prune-blocks';
import { recoverNetwork } from '../../convex/recover-network';
import { emptyNetworkSolve, emptyNetworkThreshold } from '../../convex/empty-network-optimum';
import { validateConvexProblem } from '../../convex/validate-problem';
import { ConvexNetError } from '../../errors';
import { resolveSettings } from '../../settings/setting-spec';
import { predictionsAndConeViolation } from '../admm/cone-sweep';
import { accuracyForLoss } from '../classification-accuracy';
import { interruption, type HistoryPoint, type SolveContext, type SolveResult, type SolverStatus } from '../solver-types';
import { ConeWorkingSet, tightRows, workingSetPlan, IN_PLACE_ROUND_SPACING, WORKING_SET_EVENT, WORKING_SET_GROWTH_PER_COLUMN, WORKING_SET_ROUND_GAP, WORKING_SET_VIOLATION } from './cone-working-set';
import type { CouplingCache } from './coupling-cache';
import { IpmEngine, type IpmIterate } from './ipm-engine';
import { chooseIpmSystemPath, ipmSizeProblem, type IpmSystemPath } from './ipm-newton-system';
import { ipmSettingSpecs, type IpmSettings } from './ipm-settings';
import { solveIpmConic } from './solve-ipm-conic';
import { workingSetNote } from './working-set-note';
import { safeguardNote } from './safeguard-note';
import { counted } from '../../text/counted';

export { WORKING_SET_EVENT } from './cone-working-set';

export interface IpmProblem extends ConvexProblem {
  readonly hasBias: boolean;
}

/**
 * Warm-start plumbing: `from` starts the solve from another solve's final iterate (same X and
 * patterns, e.g. the previous beta of a path; see IpmEngine's constructor); `keep` receives this
 * solve's final iterate (n x 2P slacks and multipliers: asked for only when needed); `coupling`
 * shares the direct Newton system's Q and either system's large factor with the other solves on
 * the same X and patterns (coupling-cache.ts).
 */
export interface IpmWarmStartLink {
  readonly from?: IpmIterate;
  readonly keep?: (final: IpmIterate) => void;
  readonly coupling?: CouplingCache;
}

/** A step this short means the iterates cannot move any more (numerical limit reached). */
const STALLED_STEP = 1e-9;
/**
 * Stop after this many steps without progress (digits exhausted). Progress is a better certified
 * score, or a primal or dual residual PROGRESS_RESIDUAL_FACTOR times below its value at the last
 * progress: in the infeasible start phase the certified score of the iterates can stay worse
 * than that of the starting point for many steps while the residuals fall by orders of magnitude
 * (two moons, 1500 rows, beta = 15: both fell 400-fold in 8 steps and the solve was stopped at
 * its starting point with a gap of 99%).
 */
const NO_PROGRESS_STEPS = 8;
const PROGRESS_RESIDUAL_FACTOR = 0.1;

/**
 * Rows per block and column a warm start adds nearest to the previous solution (see solveIpm).
 * Measured on 8-point paths (gap 1e-3) once warm starts passed on the previous solve's tight rows,
 * Newton steps in all at 2 / 1 / 0.5 / 0.25 / 0 per column: n = 5000, d = 21, P = 32 regression
 * 80 / 76 / 74 / 74 / 81 (at 0 one point needed a round: 21 steps), the same binary 76 / 75 at
 * 1 / 0.5; n = 2000: 85 / 81 / 80 at 1 / 0.5 / 0.25; n = 3000, d = 41: 79 / 79 / 77.
 */
const WORKING_SET_WARM_PER_COLUMN = 0.5;

interface Evaluation {
  objective: number;
  /** The convex program's objective at the same blocks (linear predictions). */
  convexObjective: number;
  lowerBound: number;
  gap: number;
  coneMismatch: number;
  /** The cone part of coneMismatch (relative violation of the cone rows). */
  coneViolation: number;
}

/**
 * Interior-point solver for the squared-loss convex program (see ipm-engine.ts for the method).
 * Every iteration is certified with the same weak-duality bound as ADMM (dual-certificate.ts),
 * from z = F u - y and the method's own multipliers of the cone constraints; the delivered
 * network is the final iterate with negligible blocks pruned, re-certified.
 */
export function solveIpm(problem: IpmProblem, given: Partial<IpmSettings>, context: SolveContext, warm: IpmWarmStartLink = {}): SolveResult<ConvexSolution> {
  const start = context.now();
  validateConvexProblem(problem);
  const settings = resolveSettings<IpmSettings>(ipmSettingSpecs, given);
  // A beta at which the empty network is provably optimal needs no Newton step (and from ~1e16
  // on, the steps' numbers overflowed): the answer and its exact certificate come directly.
  const emptyAbove = emptyNetworkThreshold(problem);
  if (emptyAbove !== null) return emptyNetworkSolve(problem, emptyAbove, context, start);
  // Other losses and class weights: the conic form of the same program (solve-ipm-conic.ts).
  if (problem.loss.name !== 'squared' || problem.sampleWeights) return solveIpmConic(problem, settings, context, start);
  const { X, patterns } = problem;
  const tooLarge = ipmSizeProblem(X.rows, X.cols, patterns.count, settings.linearSystem);
  if (tooLarge !== null) throw new ConvexNetError('settings/invalid', tooLarge);
  const path = chooseIpmSystemPath(X.rows, X.cols, patterns.count, settings.linearSystem as IpmSystemPath | 'auto');
  const plan = workingSetPlan(X.rows, X.cols, settings.coneRows);
  const previousRows = warm.from?.activeRows ? tightRows(warm.from.activeRows, warm.from.sLin, warm.from.zLin) : undefined;
  const candidateSet = plan !== null ? ConeWorkingSet.nearGenerators(X, patterns, plan.startPerColumn * X.cols, previousRows) : null;
  if (candidateSet !== null && warm.from && warm.from.u.length === 2 * patterns.count * X.cols) {
    // A warm start also keeps the rows nearest to the previous solution's blocks: the new
    // optimum moves across them. Measured on the n = 5000 bench path (8 betas): every warm
    // point then needs no added rows (before: one round each, 10-22 Newton steps; now 7-12).
    candidateSet.addNearest(X, patterns.masks, warm.from.u, Math.max(1, Math.round(WORKING_SET_WARM_PER_COLUMN * X.cols)));
  }
  // A set that keeps every row is the full program (small n): solved as such.
  const workingSet = candidateSet !== null && !candidateSet.isEverything ? candidateSet : null;
  const engine = new IpmEngine(problem, path, context.now, workingSet, warm.coupling ?? null, warm.from ?? null);
  let workingSetRounds = 0;
  /** The step of the last working-set round (or the start). */
  let lastRound = 0;
  const { warmStarted } = engine;
  const setupMs = context.now() - start;
  const solveStart = context.now();
  const { n, d, P } = engine;
  const certificate = new DualCertificate(engine.ops);
  const predictions = new Float64Array(n);
  const history: HistoryPoint[] = [];
  let status: SolverStatus = 'max-iterations';
  /** Why the loop stopped early without meeting the tolerance (no progress, or no step possible). */
  let stalled: string | null = null;
  let iterations = 0;
  let last: (Evaluation & { primal: number; dual: number }) | null = null;
  let delivered: Float64Array | null = null;
  let deliveredEval: Evaluation | null = null;
  // The best certified iterate so far (score: the larger of gap and cone mismatch). Past the
  // last digits the iterates can degrade; what is delivered is never worse than the best seen.
  const best = { u: new Float64Array(engine.u.length), score: Infinity, lowerBound: -Infinity, iteration: 0 };
  /** The last step that made progress (see NO_PROGRESS_STEPS) and its residuals. */
  const progress = { iteration: 0, primal: Infinity, dual: Infinity, lowerBound: -Infinity };

  const linear = new Float64Array(n);
  /** Objective, gap and cone mismatch of `blocks`; leaves their network's outputs in `predictions`. */
  const evaluateBlocks = (blocks: Float64Array, XU: Float64Array, lowerBound: number): Evaluation => {
    const coneViolation = predictionsAndConeViolation(XU, engine.ops.masks, n, P, predictions, linear);
    const penalty = problem.beta * groupNormSum(blocks, 2 * P, d);
    const objective = problem.loss.value(predictions, problem.y) + penalty;
    const convex = problem.loss.value(linear, problem.y) + penalty;
    const coneMismatch = Math.max(Math.abs(objective - convex) / Math.max(Math.abs(objective), 1e-12), coneViolation);
    return { objective, convexObjective: convex, lowerBound, gap: relativeGap(objective, lowerBound), coneMismatch, coneViolation };
  };

  /** The pruning of the delivered blocks, for the notes. */
  let prunedBlocks: { count: number; threshold: number } | null = null;
  /** X u of the blocks evaluated at delivery (allocated once, only then). */
  let deliveryXU: Float64Array | null = null;
  const deliveryBuffer = (): Float64Array => (deliveryXU ??= new Float64Array(n * 2 * P));
  /** The last pruning tried was rejected: `predictions` then holds a rejected candidate's outputs. */
  let rejectedLast = false;
  /**
   * An interior point is never exactly zero: `u` with its negligible blocks zeroed
   * (convex/prune-blocks.ts) if that keeps `limits`, each candidate checked with its own
   * objective against the same lower bound; null if no pruning does.
   */
  const tryPruned = (u: Float64Array, lowerBound: number, limits: PruneMeasures): { blocks: Float64Array; evaluation: Evaluation; count: number; threshold: number } | null => {
    const XU = deliveryBuffer();
    let evaluated = false;
    const pruned = pruneNegligibleBlocks(u, 2 * P, d, limits, (blocks) => {
      evaluated = true;
      engine.ops.applyBlocks(blocks, XU);
      const evaluation = evaluateBlocks(blocks, XU, lowerBound);
      return { ...evaluation, violation: evaluation.coneMismatch };
    });
    if (pruned) prunedBlocks = pruned;
    rejectedLast = evaluated && pruned === null;
    return pruned;
  };
  /** The largest cone violation a delivered solution may have (see WORKING_SET_VIOLATION). */
  const violationLimit = workingSet === null ? settings.tolerance : WORKING_SET_VIOLATION * settings.tolerance;
  const meetsTolerance = (e: Evaluation): boolean => e.gap <= settings.tolerance && e.coneMismatch <= settings.tolerance && e.coneViolation <= violationLimit;
  const withinTolerance = { gap: settings.tolerance, violation: violationLimit };

  /**
   * The largest lower bound proven so far. Every step's bound is a weak-duality bound on the
   * same program (a working set's, with multipliers 0 on the rows left out, bounds the full
   * program and every later working program, which only add rows), so the largest is one too.
   * A step's own bound can fall: after a working set grows, the restart's blended iterate
   * certifies little for a few steps, though the bound of the round before still holds.
   */
  let provenBound = -Infinity;
  /** Set by a working-set restart, for the next history point (its first iterate). */
  let pendingEvent: string | null = null;
  for (;;) {
    const res = engine.residuals();
    const bound = certificate.boundFromAdjoint(problem.loss, problem.y, undefined, problem.beta, engine.residual, engine.residualAdjoint);
    if (bound.lowerBound > provenBound) provenBound = bound.lowerBound;
    const evaluation = evaluateBlocks(engine.u, engine.XU, provenBound);
    last = { ...evaluation, primal: res.primal, dual: res.dual };
    const point: HistoryPoint = {
      iteration: iterations,
      elapsedMs: context.now() - solveStart,
      objective: evaluation.objective,
      lowerBound: evaluation.lowerBound,
      relativeGap: evaluation.gap,
      primalResidual: res.primal,
      dualResidual: res.dual,
      ...(pendingEvent !== null ? { event: pendingEvent } : {}),
    };
    pendingEvent = null;
    const acc = accuracyForLoss(problem.loss, predictions, problem.y);
    if (acc !== undefined) point.trainAccuracy = acc;
    history.push(point);
    context.onProgress?.({ ...point, fraction: Math.min(1, iterations / settings.maxIterations), newtonStep: true });
    if (!Number.isFinite(evaluation.objective) || !Number.isFinite(res.primal) || !Number.isFinite(res.mu)) {
      status = 'numerical-failure';
      break;
    }
    const score = Math.max(evaluation.gap, evaluation.coneMismatch);
    const improved = score < best.score;
    if (improved) {
      best.u.set(engine.u);
      best.score = score;
      best.lowerBound = evaluation.lowerBound;
      best.iteration = iterations;
    }
    // With a working set the iterates' networks can sit below the proven bound (they are outside
    // rows left out), so their gap can widen for many steps while the working program converges
    // (measured at n = 100k: 10 steps, the residuals falling 2.5-fold): a proven bound risen by
    // more than the tolerance is progress there too.
    const boundRose = workingSet !== null && evaluation.lowerBound > progress.lowerBound + settings.tolerance * Math.abs(evaluation.lowerBound);
    if (improved || boundRose || res.primal <= PROGRESS_RESIDUAL_FACTOR * progress.primal || res.dual <= PROGRESS_RESIDUAL_FACTOR * progress.dual) {
      progress.iteration = iterations;
      progress.primal = res.primal;
      progress.dual = res.dual;
      progress.lowerBound = Math.max(progress.lowerBound, evaluation.lowerBound);
    }
    const inPlace = plan !== null && plan.growInPlace;
    // A round is also due when the working program has stopped making progress (it would stop
    // here as stalled): at a tight tolerance it can stall above WORKING_SET_ROUND_GAP of it, and
    // then delivered a network outside rows left out. Measured, n = 30,000, d = 21, P = 64, 1e-6:
    // stalled at 3.2e-5 with its objective 0.2% below the optimum; with this round, solved.
    const stalledHere = iterations - progress.iteration >= NO_PROGRESS_STEPS;
    const roundDue = inPlace
      ? iterations - lastRound >= IN_PLACE_ROUND_SPACING
      : stalledHere || relativeGap(evaluation.convexObjective, evaluation.lowerBound) <= WORKING_SET_ROUND_GAP * settings.tolerance;
    if (workingSet !== null && evaluation.coneViolation > violationLimit && roundDue) {
      // The working program's solution (or, in place, the iterate) is outside cone rows left out: add them.
      if (workingSet.addViolated(engine.XU, engine.ops.masks, engine.u, d, WORKING_SET_GROWTH_PER_COLUMN * d) > 0) {
        if (inPlace) engine.growInPlace();
        else engine.restartWithGrownWorkingSet();
        lastRound = iterations;
        workingSetRounds++;
        pendingEvent = WORKING_SET_EVENT;
        // The iterate (restarted, or with its new rows) is evaluated next, at the same step count:
        // it replaces this point.
        history.pop();
        progress.iteration = iterations;
        progress.primal = Infinity;
        progress.dual = Infinity;
        continue;
      }
    }
    if (meetsTolerance(evaluation)) {
      const pruned = tryPruned(engine.u, evaluation.lowerBound, withinTolerance);
      delivered = pruned ? pruned.blocks : Float64Array.from(engine.u);
      deliveredEval = pruned ? pruned.evaluation : evaluation;
      status = 'solved';
      break;
    }
    if (iterations >= settings.maxIterations) break;
    const stop = interruption(context, solveStart, settings.timeLimitMs);
    if (stop) {
      status = stop;
      break;
    }
    if (stalledHere) {
      // The numbers have run out of digits (or the Newton systems of their accuracy).
      stalled = `no progress in the last ${NO_PROGRESS_STEPS} Newton steps`;
      status = 'stalled';
      break;
    }
    const report = engine.step(res.mu);
    iterations++;
    if (!(report.alpha > STALLED_STEP)) {
      stalled = `a Newton step of length ${report.alpha.toExponential(1)}: the iterates cannot move`;
      status = 'stalled';
      break;
    }
  }
  if (delivered === null || deliveredEval === null) {
    // Not solved: deliver the best iterate, pruned within pruneLimits (its own gap and mismatch,
    // or the tolerance where they meet it).
    const source = best.score < Infinity ? best : { u: engine.u, lowerBound: last!.lowerBound };
    const XU = deliveryBuffer();
    engine.ops.applyBlocks(source.u, XU);
    const unpruned = evaluateBlocks(source.u, XU, source.lowerBound);
    const pruned = tryPruned(source.u, source.lowerBound, pruneLimits({ gap: unpruned.gap, violation: unpruned.coneMismatch }, settings.tolerance));
    delivered = pruned ? pruned.blocks : Float64Array.from(source.u);
    deliveredEval = pruned ? pruned.evaluation : unpruned;
    // A network that meets the tolerance is solved, but a cancelled run stays cancelled: callers
    // stop on it (a beta path does not go on to its next point after the user cancelled).
    if (meetsTolerance(deliveredEval) && status !== 'cancelled') status = 'solved';
  }
  // `predictions` holds the outputs of the last blocks evaluated: the delivered ones (the accepted
  // pruning, or the iterate when none was tried), unless every pruning tried was rejected.
  if (rejectedLast) {
    const XU = deliveryBuffer();
    engine.ops.applyBlocks(delivered, XU);
    predictionsAndConeViolation(XU, engine.ops.masks, n, P, predictions, linear);
  }
  warm.keep?.(engine.iterate());
  const blocks = { patternCount: P, dim: d, data: delivered };
  const network = recoverNetwork(blocks, problem.hasBias);
  const { system } = engine;
  const qSource = system.couplingReused ? 'Q from an earlier solve on the same data' : `Q formed in ${system.setupMs.toFixed(0)} ms`;
  const safeguards = safeguardNote(system.regularizations);
  const notes = ['Solved with the interior-point method: a few dozen precise steps.', ...(safeguards !== null ? [safeguards] : [])];
  // The expert's account; bench/cases/ipm-solve.ts reads the "Newton systems:" line.
  const details = [
    'Interior-point method (Mehrotra predictor-corrector, Nesterov-Todd scaling) on the convex program.',
    `Newton systems: ${system.path} path${system.path === 'direct' ? ` (${qSource})` : ''}; ${counted(system.regularizations, 'diagonal regularization')}.`,
  ];
  if (stalled !== null && status !== 'solved') {
    notes.push(`Stopped before the tolerance: ${stalled}. The best certified solution (step ${best.iteration}) is kept.`);
  }
  if (workingSet !== null) {
    const violation = deliveredEval.coneViolation;
    const others = violation === 0 ? 'The delivered network satisfies every row.' : `The delivered network's cone violation over all rows is ${violation.toExponential(1)} (relative).`;
    notes.push(`${workingSetNote(workingSet.count, n * 2 * P, warmStarted === true, workingSetRounds)} ${others} The certificate covers all of them.`);
  }
  if (prunedBlocks !== null) notes.push(prunedNote(prunedBlocks));
  if (warmStarted !== null) {
    notes.push(warmStarted ? 'Started from the previous solution blended with a centred point.' : 'Warm start ignored: the previous solution has other shapes (other data or patterns); started cold.');
  }
  if (problem.patterns.source === 'sampled') {
    notes.push('The certificate bounds the optimum of the program with the sampled activation patterns, not over all patterns.');
  }
  return {
    status,
    solution: { blocks, network, neuronCount: network.output.length, trainPredictions: Float64Array.from(predictions) },
    info: {
      iterations,
      objective: deliveredEval.objective,
      lowerBound: deliveredEval.lowerBound,
      relativeGap: deliveredEval.gap,
      primalResidual: last!.primal,
      dualResidual: last!.dual,
      setupMs,
      solveMs: context.now() - solveStart,
      notes,
      details,
      newtonSteps: true,
    },
    history,
  };
}
