import { relativeGap } from '../../convex/dual-certificate';
import { prunedNote, pruneLimits, pruneNegligibleBlocks } from '../../convex/prune-blocks';
import { recoverNetwork } from '../../convex/recover-network';
import { accuracyForLoss } from '../classification-accuracy';
import { formatPercent, interruption, type HistoryPoint, type SolveContext, type SolveResult, type SolverStatus } from '../solver-types';
import { linearSystemDetail, linearSystemNote, type LinearSystemWork } from './linear-system-note';
import { clampRho, MIN_RHO } from './rho-bounds';
import type { AdmmEngine } from './admm-engine';
import type { AdmmProblem, AdmmSolution } from './admm-problem';
import type { AdmmSettings } from './admm-settings';
import type { AdmmUnits } from './admm-units';
import { warmStartOf } from './admm-warm-start';

/**
 * The larger of the relative mismatch between the network's and the convex model's objectives
 * and the cone violation: small when the network reproduces the convex model.
 */
function coneMismatchOf(objectives: { network: number; convex: number; coneViolation: number }): number {
  return Math.max(Math.abs(objectives.network - objectives.convex) / Math.max(Math.abs(objectives.network), 1e-12), objectives.coneViolation);
}

/** The settings the outer loop reads (shared by ADMM and ADMM-RBCD). */
export type AdmmLoopSettings = Pick<AdmmSettings, 'maxIterations' | 'tolerance' | 'epsAbs' | 'epsRel' | 'checkEvery' | 'timeLimitMs' | 'adaptiveRho'>;

/**
 * Default penalty rho = beta / sqrt(n). The v-step shrinks blocks by beta / rho, so rho has to
 * follow beta (with the default beta = 1e-4 n, a rho of 1/n left large problems stuck at the
 * empty network: threshold 1e-4 n^2); the 1/sqrt(n) factor matched the fastest fixed rho
 * measured on the reference problem (n = 8), two moons (n = 120) and the n = 600 benchmark.
 */
export function defaultRho(n: number, beta: number): number {
  // Only the floor (rho-bounds.ts): a default above MAX_RHO follows beta as it always did.
  return Math.max(MIN_DEFAULT_RHO, beta / Math.sqrt(Math.max(1, n)));
}

/** The smallest default rho: the floor adaptive rho and warm starts keep to as well (rho-bounds.ts). */
export const MIN_DEFAULT_RHO = MIN_RHO;

/**
 * Checks are spaced by at least this fraction of the iterations done. A check costs about 1.5
 * iterations at n = 5000 (three passes over X plus a fused sweep, against two passes per
 * iteration), so a fixed interval of 10 spends ~15% of a long solve on checks; spacing them by 5%
 * of the iterations done bounds that, delays a stop by at most 5% of the iterations, and leaves
 * the first 200 iterations at the requested interval (the history stays dense where the
 * objective moves most).
 */
export const CHECK_GROWTH = 0.05;

/** Iterations from a check after `done` iterations to the next one. */
export function checkSpacing(done: number, checkEvery: number): number {
  return Math.max(checkEvery, Math.floor(done * CHECK_GROWTH));
}

/** Rho changes allowed per solve, so that adaptation cannot keep ADMM from converging. */
const MAX_RHO_CHANGES = 24;
/** Adapt when one residual exceeds the other by this factor, and change rho by RHO_STEP. */
const RHO_IMBALANCE = 10;
const RHO_STEP = 2;

/**
 * The outer loop shared by every ADMM variant: iterate, and at every check compute residuals,
 * the recovered network's objective and the dual certificate; stop when the certified relative
 * gap is below the tolerance or Boyd's residual criteria hold (eps_pri = sqrt(p) epsAbs +
 * epsRel max(||Ax||, ||z||), eps_dual = sqrt(n) epsAbs + epsRel ||rho A^T y||), at the
 * iteration or time limit, on cancel, or on non-finite numbers.
 * `problem` and `engine` are in solver units (admm-units.ts): the tests above run there, and
 * everything the run reports (history, progress, objective, bound, residuals, blocks, network,
 * predictions, final iterates) is mapped back to the original units by `units`.
 */
/** How a solve names its method: in plain words for the notes, in an expert's terms for the details. */
export interface AdmmMethodWords {
  readonly summary: string;
  readonly detail: string;
}

export function runAdmmLoop(
  problem: AdmmProblem,
  engine: AdmmEngine,
  settings: AdmmLoopSettings,
  context: SolveContext,
  setupMs: number,
  method: AdmmMethodWords,
  units: AdmmUnits,
  afterIteration?: (iteration: number) => void,
): SolveResult<AdmmSolution> {
  const solveStart = context.now();
  const predictions = new Float64Array(problem.X.rows);
  const history: HistoryPoint[] = [];
  let status: SolverStatus = 'max-iterations';
  let iterations = 0;
  let rhoChanges = 0;
  let checksSinceRhoChange = 0;
  const track: { last: { objective: number; lowerBound: number; gap: number; coneMismatch: number; primal: number; dual: number } | null } = { last: null };

  // The largest lower bound proven so far: each check's bound is a weak-duality bound on the same
  // program (rho changes and rescaled duals do not change the program), so the largest holds; a
  // check's own bound moves up and down with the iterates' oscillation.
  let provenBound = -Infinity;
  /** Solved by the residual test rather than the certificate (SolveInfo.solvedOnResiduals). */
  let residualStop = false;
  /**
   * The check with the best certified score, max(gap, cone mismatch), and its v. ADMM's iterates
   * do not improve monotonically (rho adapts, the residuals oscillate): an audit's ADMM-RBCD run
   * (160 rows, squared loss) passed a gap of 0.087% at iteration 1,161 and ended its 3,000 at 1.8%.
   * A run that stops before the tolerance delivers this check's network, as the interior-point
   * method delivers its best certified step.
   */
  const best = { v: new Float64Array(engine.state.v.length), score: Infinity, iteration: 0, primal: Infinity, dual: Infinity };
  const evaluate = (): boolean => {
    const res = engine.residuals();
    const objectives = engine.objectivesAtV(predictions);
    const objective = objectives.network;
    const cert = engine.certificate();
    const primal = units.primalResidual(res.primalParts);
    const dual = units.dualResidual(res.dual);
    if (cert.lowerBound > provenBound) provenBound = cert.lowerBound;
    const lowerBound = provenBound;
    const gap = relativeGap(objective, lowerBound);
    // Both must be small: the network reproduces the convex model AND the blocks lie in their cones.
    const coneMismatch = coneMismatchOf(objectives);
    const point: HistoryPoint = {
      iteration: iterations,
      elapsedMs: context.now() - solveStart,
      objective: units.objective(objective),
      lowerBound: units.objective(lowerBound),
      relativeGap: gap,
      primalResidual: primal,
      ...(Number.isFinite(dual) ? { dualResidual: dual } : {}),
    };
    const acc = accuracyForLoss(problem.loss, predictions, problem.y);
    if (acc !== undefined) point.trainAccuracy = acc;
    history.push(point);
    context.onProgress?.({ ...point, fraction: Math.min(1, iterations / settings.maxIterations) });
    // Objectives in solver units (gaps and scores compare them), residuals as reported.
    track.last = { objective, lowerBound, gap, coneMismatch, primal, dual };
    const score = Math.max(gap, coneMismatch);
    if (score < best.score) {
      best.v.set(engine.state.v);
      best.score = score;
      best.iteration = iterations;
      best.primal = primal;
      best.dual = dual;
    }
    if (!Number.isFinite(objective) || !Number.isFinite(res.primal)) {
      status = 'numerical-failure';
      return true;
    }
    // Certified: the delivered network's training objective is within the tolerance of a proven
    // lower bound on the program's optimum, AND v satisfies the cone constraints to the same
    // relative accuracy (so the network reproduces the convex model). Without the second
    // condition a cone-infeasible iterate can stop early: its network may use activation
    // patterns outside the program and sit, together with a loose bound, below the optimum.
    if (gap <= settings.tolerance && coneMismatch <= settings.tolerance) {
      status = 'solved';
      return true;
    }
    const epsPri = Math.sqrt(res.primalCount) * settings.epsAbs + settings.epsRel * res.primalScale;
    // The dual scale costs a pass over X: computed only once the primal test has passed.
    const primalPassed = epsPri > 0 && res.primal <= epsPri && Number.isFinite(res.dual);
    const epsDual = primalPassed ? Math.sqrt(res.dualCount) * settings.epsAbs + settings.epsRel * engine.dualScale() : 0;
    if (primalPassed && epsDual > 0 && res.dual <= epsDual) {
      status = 'solved';
      residualStop = true;
      return true;
    }
    checksSinceRhoChange++;
    if (settings.adaptiveRho && rhoChanges < MAX_RHO_CHANGES && checksSinceRhoChange >= 2 && Number.isFinite(res.dual)) {
      // Residual balancing (Boyd et al. 2011, 3.4.1): grow rho when the primal residual dominates,
      // shrink it when the dual residual does.
      const factor = res.primal > RHO_IMBALANCE * res.dual ? RHO_STEP : res.dual > RHO_IMBALANCE * res.primal ? 1 / RHO_STEP : 1;
      if (factor !== 1) {
        engine.setRho(clampRho(engine.state.rho * factor), context.now);
        rhoChanges++;
        checksSinceRhoChange = 0;
      }
    }
    return false;
  };

  let lastWasCheck = false;
  let nextCheck = settings.checkEvery;
  while (iterations < settings.maxIterations) {
    const isCheck = iterations + 1 >= nextCheck || iterations + 1 === settings.maxIterations;
    if (isCheck) nextCheck = iterations + 1 + checkSpacing(iterations + 1, settings.checkEvery);
    engine.step(isCheck);
    iterations++;
    afterIteration?.(iterations);
    lastWasCheck = isCheck;
    if (isCheck && evaluate()) break;
    const stop = interruption(context, solveStart, settings.timeLimitMs);
    if (stop) {
      status = stop;
      break;
    }
  }
  if (!lastWasCheck) {
    const keep: SolverStatus = status;
    evaluate();
    if ((status as SolverStatus) !== 'numerical-failure') status = keep;
  }
  const last = track.last!;
  // Not solved: the best certified check, when it still beats the last one against the largest
  // bound proven. The bound only rises, which can turn a check's gap either way: an iterate
  // outside its cones can have a network objective below the program's optimum (measured: a
  // check at gap 0.04% was 1.4% below the final bound), so the score is taken again.
  // (A last check with non-finite numbers scores Infinity: any finite check beats it.)
  const scoreOf = (objective: number, coneMismatch: number): number => {
    const score = Math.max(relativeGap(objective, provenBound), coneMismatch);
    return Number.isNaN(score) ? Infinity : score;
  };
  const finished = status as SolverStatus;
  let delivered = engine.state.v;
  let checked = last;
  const deliveryNotes: string[] = [];
  if (finished !== 'solved' && best.iteration !== iterations && best.score < Infinity) {
    const bestPredictions = new Float64Array(problem.X.rows);
    const objectives = engine.objectivesOf(best.v, bestPredictions);
    const coneMismatch = coneMismatchOf(objectives);
    const lastGap = relativeGap(last.objective, provenBound);
    if (scoreOf(objectives.network, coneMismatch) < scoreOf(last.objective, last.coneMismatch)) {
      delivered = best.v;
      predictions.set(bestPredictions);
      checked = { objective: objectives.network, lowerBound: provenBound, gap: relativeGap(objectives.network, provenBound), coneMismatch, primal: best.primal, dual: best.dual };
      // A cancelled run stays cancelled (a path does not go on after the user's cancel).
      if (finished !== 'cancelled' && finished !== 'numerical-failure' && checked.gap <= settings.tolerance && checked.coneMismatch <= settings.tolerance) status = 'solved';
      deliveryNotes.push(`The model is the best certified check (iteration ${best.iteration}, gap ${formatPercent(checked.gap)}), not the last iteration (gap ${formatPercent(lastGap)}). A warm start goes on from the last iteration.`);
    }
  }
  // The delivered blocks with their negligible blocks zeroed, when that keeps the certified result
  // within bounds (convex/prune-blocks.ts); the iterate itself (state, warm start) is left as it is.
  const P = problem.patterns.count;
  const d = problem.X.cols;
  let triedPruning = false;
  const pruned = pruneNegligibleBlocks(delivered, 2 * P, d, pruneLimits({ gap: checked.gap, violation: checked.coneMismatch }, settings.tolerance), (blocks) => {
    triedPruning = true;
    const objectives = engine.objectivesOf(blocks, predictions);
    return { objective: objectives.network, gap: relativeGap(objectives.network, checked.lowerBound), violation: coneMismatchOf(objectives) };
  });
  const final = pruned ? { ...checked, objective: pruned.evaluation.objective, gap: pruned.evaluation.gap } : checked;
  const blockFactor = units.blockFactor;
  const unitBlocks = pruned ? pruned.blocks : delivered;
  const blocks = { patternCount: P, dim: d, data: blockFactor === 1 ? Float64Array.from(unitBlocks) : unitBlocks.map((x) => x * blockFactor) };
  // `predictions` holds the outputs of the last blocks evaluated: the accepted pruning, or the
  // delivered v, unless every pruning tried was rejected (then the delivered v's are computed again).
  if (!pruned && triedPruning) engine.objectivesOf(delivered, predictions);
  const network = recoverNetwork(blocks, problem.hasBias);
  const unitsNote = units.note();
  const unitsDetail = units.detail();
  const system: LinearSystemWork = {
    path: engine.linearSystemPath,
    factorizations: engine.factorizations,
    factorMs: engine.factorMs,
    largestFactoredDimension: engine.largestFactoredDimension,
    finalRho: units.rho(engine.state.rho),
  };
  const systemNote = linearSystemNote(system);
  const allNotes = [method.summary, ...(unitsNote ? [unitsNote] : []), ...deliveryNotes, ...(systemNote !== null ? [systemNote] : [])];
  if (pruned) allNotes.push(prunedNote(pruned));
  if (problem.patterns.source === 'sampled') {
    allNotes.push('The certificate bounds the optimum of the program with the sampled activation patterns, not over all patterns.');
  }
  const state = units.stateFromUnits(engine.state);
  const trainPredictions = units.targets === 1 ? Float64Array.from(predictions) : predictions.map((p) => p * units.targets);
  return {
    status,
    // beta back in the original units: beta' c c_y is exact (powers of 2).
    solution: { blocks, network, neuronCount: network.output.length, trainPredictions, state, warmStart: warmStartOf(state, units.beta(problem.beta)) },
    info: {
      iterations,
      objective: units.objective(final.objective),
      lowerBound: units.objective(final.lowerBound),
      relativeGap: final.gap,
      primalResidual: final.primal,
      dualResidual: Number.isFinite(final.dual) ? final.dual : null,
      setupMs,
      solveMs: context.now() - solveStart,
      notes: allNotes,
      details: [method.detail, ...(unitsDetail ? [unitsDetail] : []), linearSystemDetail(system)],
      // Said only when the certificate does not also meet the tolerance (it is tested first).
      ...(residualStop && !(final.gap <= settings.tolerance && final.coneMismatch <= settings.tolerance) ? { solvedOnResiduals: true } : {}),
    },
    history,
  };
}
