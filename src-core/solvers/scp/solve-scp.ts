import { ConvexNetError } from '../../errors';
import { relativeGap } from '../../convex/dual-certificate';
import { counted } from '../../text/counted';
import { formatCount } from '../../text/count-text';
import type { Loss } from '../../losses/loss';
import { accuracyForLoss } from '../classification-accuracy';
import { defaultContext, interruption, type HistoryPoint, type SolveContext, type SolveResult, type SolverStatus } from '../solver-types';
import { createAdmmIterator } from './scp-admm';
import { ScpCertificate } from './scp-certificate';
import { buildScpFeatures } from './scp-features';
import { createFistaIterator } from './scp-fista';
import { scpMethodProblem } from './scp-method';
import { createIpmIterator } from './scp-ipm';
import { ipmAffordable } from './scp-ipm-system';
import type { ScpIterator } from './scp-iterator';
import { l1Norm } from './scp-kernels';
import { recoverScpNetwork } from './scp-recover';
import type { ScpSettings } from './scp-settings';
import { resolveScpSettings } from './scp-settings';
import type { ScpMethod, ScpProblem, ScpSolution } from './scp-types';
import { validateScpProblem } from './scp-validate';

export type { ScpMethod, ScpProblem, ScpSolution } from './scp-types';

/**
 * Sampled-convex-program (SCP) training, paper-spec.md section 5:
 *   min_alpha  L(Phi alpha, y) + beta ||alpha||_1,   Phi = [(X u_j)_+]_{j=1..N},
 * by FISTA (smooth losses), an interior-point method (hinge, when affordable) or ADMM, with a
 * duality-gap certificate at every check (scp-certificate.ts):
 *   relativeGap = |objective - lowerBound| / max(|objective|, 1e-12),
 * status 'solved' once it is <= tolerance. objective is the best point seen at a check (possibly
 * a polished candidate, scp-polish.ts) and lowerBound the best bound; both are rigorous for the
 * program with the N given directions. The recovered network has the same objective.
 */
export function solveScp(
  problem: ScpProblem,
  settings: Partial<ScpSettings> = {},
  context: SolveContext = defaultContext(),
): SolveResult<ScpSolution> {
  const start = context.now();
  const s = resolveScpSettings(settings);
  validateScpProblem(problem);
  const { X, y, loss, beta, directions, hasBias } = problem;
  const weights = problem.sampleWeights;
  const n = X.rows;
  const N = directions.rows;
  if (settings.neurons !== undefined && settings.neurons !== N) {
    throw new ConvexNetError('settings/invalid', `Sampled neurons (neurons) is ${settings.neurons} but the problem has ${N} directions; sample the directions with the same count.`);
  }
  const method = chooseMethod(s.method, loss, n, N);
  const phi = buildScpFeatures(X, directions);
  const alpha0 = problem.warmStart ? Float64Array.from(problem.warmStart) : new Float64Array(N);
  const iterator = createIterator(method, problem, phi, alpha0, s.rho);
  const certificate = new ScpCertificate(phi, loss, y, weights, beta);
  const checkEvery = iterator.checkEvery ?? s.checkEvery;
  const setupDone = context.now();

  const z = new Float64Array(n);
  const zPolish = new Float64Array(n);
  const history: HistoryPoint[] = [];
  // Every dual candidate certifies the same optimum and every alpha is a feasible point, so the
  // best of each seen so far is kept.
  let bestLowerBound = -Infinity;
  let best: Kept | null = null;
  let previousSignature: number | null = null;
  let polishWait = 1;
  let workSincePolish = 0;
  let lastPolishWork = 0;
  let checksSincePolish = 0;
  let polishAccepted = 0;

  const objectiveOf = (alpha: Float64Array, scores: Float64Array): number => loss.value(scores, y, weights) + beta * l1Norm(alpha);
  const raiseBound = (dual: Float64Array): void => {
    const bound = certificate.evaluate(dual).lowerBound;
    if (Number.isFinite(bound) && bound > bestLowerBound) bestLowerBound = bound;
  };
  // Two-sided (relativeGap): the objective is exact for any alpha, so a bound above it is rounding
  // (-1e-16..-1e-12 was reported) and must not read as a negative gap.
  const gapOf = (objective: number): number | null => (Number.isFinite(bestLowerBound) ? relativeGap(objective, bestLowerBound) : null);
  const offer = (alpha: Float64Array, scores: Float64Array, objective: number, primal: number | null, dual: number | null): void => {
    if (best === null || objective < best.objective) {
      best = { alpha: Float64Array.from(alpha), scores: Float64Array.from(scores), objective, primal, dual };
    } else {
      best.primal = primal;
      best.dual = dual;
    }
  };

  const check = (iteration: number): SolverStatus | null => {
    const cp = iterator.checkPoint(z);
    const objective = objectiveOf(cp.alpha, cp.scores);
    if (!Number.isFinite(objective) || !cp.alpha.every(Number.isFinite)) return 'numerical-failure';
    raiseBound(z);
    offer(cp.alpha, cp.scores, objective, cp.primalResidual, cp.dualResidual);
    maybePolish(objective);
    const kept = best as Kept;
    const gap = gapOf(kept.objective);
    const point: HistoryPoint = {
      iteration,
      elapsedMs: context.now() - start,
      objective: kept.objective,
      ...(gap === null ? {} : { lowerBound: bestLowerBound, relativeGap: gap }),
      ...(cp.primalResidual === null ? {} : { primalResidual: cp.primalResidual }),
      ...(cp.dualResidual === null ? {} : { dualResidual: cp.dualResidual }),
      ...(loss.labels === 'real' ? {} : { trainAccuracy: accuracyForLoss(loss, kept.scores, y) as number }),
    };
    history.push(point);
    context.onProgress?.({ ...point, fraction: Math.min(1, iteration / s.maxIterations) });
    if (gap !== null && gap <= s.tolerance) return 'solved';
    const stop = interruption(context, start, s.timeLimitMs);
    if (stop) return stop;
    if (iterator.finished?.()) return 'stalled';
    iterator.afterCheck();
    return null;
  };

  /**
   * Polish when the active sets are unchanged since the previous check, or after `polishWait`
   * checks (doubling after each polish that did not finish the job), and never spend more work
   * polishing than iterating: the iteration flops since the last polish must exceed its flops.
   * Counted, not timed, so that runs are reproducible bit for bit.
   */
  const maybePolish = (objective: number): void => {
    const signature = iterator.signature();
    const stable = signature === previousSignature;
    previousSignature = signature;
    checksSincePolish++;
    const gap = gapOf((best as Kept).objective);
    if (gap !== null && gap <= s.tolerance) return;
    if (!(stable || checksSincePolish >= polishWait)) return;
    if (workSincePolish < lastPolishWork) return;
    checksSincePolish = 0;
    const work = { flops: 0 };
    const candidate = iterator.polish(zPolish, work);
    let improved = false;
    if (candidate) {
      raiseBound(zPolish);
      const candidateObjective = objectiveOf(candidate.alpha, candidate.scores);
      if (candidateObjective < objective) {
        iterator.adopt(candidate, zPolish);
        const kept = best as Kept;
        offer(candidate.alpha, candidate.scores, candidateObjective, kept.primal, kept.dual);
        polishAccepted++;
        improved = true;
      }
    }
    const gapAfter = gapOf((best as Kept).objective);
    polishWait = improved && gapAfter !== null && gapAfter <= s.tolerance ? 1 : Math.min(2 * polishWait, 16);
    lastPolishWork = work.flops;
    workSincePolish = 0;
  };

  /**
   * Dense iterates (interior point) end with a sparse solution: among the kept point, its polished
   * vertex and its thresholded active-set version, keep the one with the fewest neurons whose
   * certified gap is still within max(tolerance, gap of the kept point).
   */
  const sparsify = (kept: Kept): void => {
    const allowed = Math.max(s.tolerance, gapOf(kept.objective) ?? Infinity);
    const options: Kept[] = [kept];
    iterator.checkPoint(z);
    const polished = iterator.polish(zPolish, { flops: 0 });
    if (polished) raiseBound(zPolish);
    for (const c of [polished, iterator.sparseCandidate?.() ?? null]) {
      if (c) options.push({ alpha: c.alpha, scores: c.scores, objective: objectiveOf(c.alpha, c.scores), primal: kept.primal, dual: kept.dual });
    }
    let choice = kept;
    for (const o of options) {
      const gap = gapOf(o.objective);
      if (gap === null || !(gap <= allowed)) continue;
      const better = nonzeros(o.alpha) < nonzeros(choice.alpha) || (nonzeros(o.alpha) === nonzeros(choice.alpha) && o.objective < choice.objective);
      if (better) choice = o;
    }
    if (choice !== kept) {
      best = choice;
      if (choice === options[1] && polished) polishAccepted++;
    }
  };

  let iteration = 0;
  let status = check(0);
  while (status === null) {
    if (iteration >= s.maxIterations) {
      status = 'max-iterations';
      break;
    }
    iterator.step();
    iteration++;
    workSincePolish += iterator.stepWork;
    if (iteration % checkEvery === 0 || iteration === s.maxIterations || iterator.finished?.()) status = check(iteration);
  }

  if (best !== null && iterator.sparseCandidate) sparsify(best);
  // A stalled method whose final polish reached the tolerance has solved the problem after all.
  const finalGap = best === null ? null : gapOf((best as Kept).objective);
  if (status === 'stalled' && finalGap !== null && finalGap <= s.tolerance) status = 'solved';

  const kept: Kept = best ?? { alpha: alpha0, scores: new Float64Array(n), objective: Number.NaN, primal: null, dual: null };
  const { network, neuronDirections } = recoverScpNetwork(directions, kept.alpha, hasBias);
  const certificateNote =
    `The certificate is for the ${N} sampled neuron directions: no network built from these directions has a lower training objective ` +
    `than the lower bound, but a network using other directions may.`;
  const end = context.now();
  return {
    status,
    solution: {
      alpha: kept.alpha,
      network,
      neuronCount: network.output.length,
      neuronDirections,
      trainScores: kept.scores,
      objective: kept.objective,
      method,
      certificateNote,
    },
    info: {
      iterations: iteration,
      objective: kept.objective,
      lowerBound: Number.isFinite(bestLowerBound) ? bestLowerBound : null,
      relativeGap: Number.isFinite(kept.objective) ? gapOf(kept.objective) : null,
      primalResidual: kept.primal,
      dualResidual: kept.dual,
      setupMs: setupDone - start,
      solveMs: end - setupDone,
      notes: [certificateNote, `The model uses ${formatCount(network.output.length)} of the ${counted(N, 'sampled neuron')}; the others got a weight of zero.`],
      details: [...iterator.details(), `Polished candidates accepted: ${polishAccepted}.`],
    },
    history,
  };
}

interface Kept {
  alpha: Float64Array;
  scores: Float64Array;
  objective: number;
  primal: number | null;
  dual: number | null;
}

function nonzeros(a: Float64Array): number {
  let c = 0;
  for (let j = 0; j < a.length; j++) if (a[j] !== 0) c++;
  return c;
}

function createIterator(method: ScpMethod, problem: ScpProblem, phi: ReturnType<typeof buildScpFeatures>, alpha0: Float64Array, rho: number): ScpIterator {
  const { loss, y, sampleWeights, beta } = problem;
  switch (method) {
    case 'fista':
      return createFistaIterator(phi, loss, y, sampleWeights, beta, alpha0);
    case 'ipm':
      return createIpmIterator(phi, y, sampleWeights, beta, alpha0);
    case 'admm':
      return createAdmmIterator(phi, loss, y, sampleWeights, beta, alpha0, rho);
  }
}

function chooseMethod(requested: string, loss: Loss, n: number, N: number): ScpMethod {
  const problem = scpMethodProblem(requested, loss);
  if (problem) throw new ConvexNetError('settings/invalid', problem);
  switch (requested) {
    case 'admm':
    case 'fista':
    case 'ipm':
      return requested;
    default:
      if (loss.smooth) return 'fista';
      return loss.name === 'hinge' && ipmAffordable(n, N) ? 'ipm' : 'admm';
  }
}
