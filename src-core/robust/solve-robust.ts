import { recoverNetwork } from '../convex/recover-network';
import { validateConvexProblem } from '../convex/validate-problem';
import { relativeGap } from '../convex/dual-certificate';
import type { ConvexSolution } from '../convex/convex-solution';
import { resolveSettings } from '../settings/setting-spec';
import { interruption, type HistoryPoint, type SolveContext, type SolveResult, type SolverStatus } from '../solvers/solver-types';
import { buildRobustConicForm } from './robust-conic-form';
import { robustLowerBound } from './robust-certificate';
import { evaluateRobustBlocks } from './robust-objective';
import { RobustPdhg } from './robust-pdhg';
import { counted } from '../text/counted';
import { prunedNote } from '../convex/prune-blocks';
import { candidateHistoryPoint, judgedAsNetwork, withoutNegligibleBlocks, type RobustCandidate as Candidate, type RobustWarmStartLink } from './robust-candidates';
import { solveRobustIpm } from './solve-robust-ipm';
import { robustMethodFor } from './robust-method';
import type { RobustProblem } from './robust-problem';
import { robustSettingSpecs, type RobustSolverSettings } from './robust-settings';
import { validateThreatModel } from './threat-model';

export type { RobustWarmStart, RobustWarmStartLink } from './robust-candidates';

/** PDLP restart rules: sufficient (0.2) and necessary-with-no-progress (0.8) decay, artificial (0.36). */
const SUFFICIENT_DECAY = 0.2;
const NECESSARY_DECAY = 0.8;
const ARTIFICIAL_FRACTION = 0.36;

/**
 * Convex adversarial training (paper-spec 6.2-6.4) by restarted, preconditioned PDHG
 * (robust-pdhg.ts) with a duality-gap certificate (robust-certificate.ts). Stops when the
 * certified relative gap and the robust-constraint violation are both below the tolerance, at
 * the iteration or time limit, on cancel, or on non-finite numbers. Returns the better of the
 * current and the averaged iterate.
 */
export function solveRobust(problem: RobustProblem, given: Partial<RobustSolverSettings>, context: SolveContext, warm: RobustWarmStartLink = {}): SolveResult<ConvexSolution> {
  const start = context.now();
  validateConvexProblem(problem);
  validateThreatModel(problem.threat, problem.X.cols);
  const settings = resolveSettings<RobustSolverSettings>(robustSettingSpecs, given);
  // The interior-point method writes the cone and loss rows into its own program
  // (robust-conic-qp.ts), so its form need not hold them; PDHG multiplies by all of K.
  const ipmForm = buildRobustConicForm(problem, { coneAndLossEntries: false });
  // Every cone row is kept (no working set, as solve-ipm-conic.ts keeps without an adversary): on
  // two moons with 10,000 rows (squared loss, the suggested radius 2e-4) rows joining the running
  // method near its end left blocks outside their robust cones by 3e-5 (relative), the objective
  // 0.4% below the proven bound, and the solve at its step limit.
  if (robustMethodFor(problem, ipmForm, settings.method) === 'ipm') return solveRobustIpm(problem, ipmForm, settings, context, start, warm);
  const form = buildRobustConicForm(problem);
  const engine = new RobustPdhg(problem, form, settings.relaxation);
  // A point of another layout (other patterns, data or norm) cannot be mapped: start cold.
  const warmStarted = warm.from ? warm.from.z.length === engine.z.length && warm.from.y.length === engine.y.length : null;
  // The primal weight starts afresh: the previous solve's final weight reflects its own last
  // restarts. Measured on epsilon sweeps (6 radii, tolerance 1e-3): hinge on moons (n = 300),
  // the last four radii took 16,400 iterations with the carried weight and 7,200 with a fresh
  // one; on a regression curve (n = 400) the five warm radii took 3,350 and 3,050 (cold: 14,700).
  if (warmStarted) engine.restartFrom(warm.from!.z, warm.from!.y);
  const setupMs = context.now() - start;
  const solveStart = context.now();
  const history: HistoryPoint[] = [];
  let status: SolverStatus = 'max-iterations';
  let iterations = 0;
  let restarts = 0;

  const assess = (z: Float64Array, y: Float64Array): Candidate => {
    const evaluation = evaluateRobustBlocks(problem, engine.blocksOf(z));
    const lowerBound = robustLowerBound(problem, engine.dualCandidate(y)).lowerBound;
    const gap = relativeGap(evaluation.objective, lowerBound);
    return { z: Float64Array.from(z), y: Float64Array.from(y), evaluation, lowerBound, gap, merit: gap + evaluation.coneViolation };
  };

  let best = assess(engine.z, engine.y);
  let lastRestart = best;
  let previousCandidateMerit = Infinity;
  let sinceRestart = 0;

  const record = (c: Candidate): void => {
    const point = candidateHistoryPoint(problem, c, iterations, context.now() - solveStart);
    history.push(point);
    context.onProgress?.({ ...point, fraction: Math.min(1, iterations / settings.maxIterations) });
  };

  while (iterations < settings.maxIterations) {
    engine.step();
    iterations++;
    sinceRestart++;
    const isCheck = iterations % settings.checkEvery === 0 || iterations === settings.maxIterations;
    if (isCheck) {
      const current = assess(engine.z, engine.y);
      const averaged = engine.average();
      const mean = assess(averaged.z, averaged.y);
      const candidate = mean.merit < current.merit ? mean : current;
      if (candidate.merit <= best.merit || !Number.isFinite(best.merit)) best = candidate;
      record(candidate);
      if (!Number.isFinite(candidate.evaluation.objective)) {
        status = 'numerical-failure';
        break;
      }
      if (candidate.gap <= settings.tolerance && candidate.evaluation.coneViolation <= settings.tolerance) {
        best = candidate;
        status = 'solved';
        break;
      }
      if (settings.restarts) {
        const progressed =
          candidate.merit <= SUFFICIENT_DECAY * lastRestart.merit ||
          (candidate.merit <= NECESSARY_DECAY * lastRestart.merit && candidate.merit > previousCandidateMerit);
        if (progressed || sinceRestart >= ARTIFICIAL_FRACTION * iterations) {
          updatePrimalWeight(engine, candidate, lastRestart);
          engine.restartFrom(candidate.z, candidate.y);
          lastRestart = candidate;
          previousCandidateMerit = Infinity;
          sinceRestart = 0;
          restarts++;
        } else {
          previousCandidateMerit = candidate.merit;
        }
      }
    }
    const stop = interruption(context, solveStart, settings.timeLimitMs);
    if (stop) {
      status = stop;
      break;
    }
  }
  if (history.length === 0 || history[history.length - 1]!.iteration !== iterations) {
    const current = assess(engine.z, engine.y);
    if (current.merit <= best.merit) best = current;
    record(best);
  }
  warm.keep?.({ z: best.z, y: best.y });
  const pruned = withoutNegligibleBlocks(problem, form.layout, best, settings.tolerance);
  best = judgedAsNetwork(problem, form.layout, pruned.candidate);
  const blocks = { patternCount: problem.patterns.count, dim: problem.X.cols, data: engine.blocksOf(best.z) };
  const network = recoverNetwork(blocks, problem.hasBias);
  const notes = ['Trained to resist the chosen input perturbations (convex adversarial training), solved with a method of many quick iterations.'];
  const details = [
    'Convex adversarial training: robust program of Bai, Gautam & Sojoudi (patterns held fixed), solved by restarted PDHG.',
    `${counted(restarts, 'restart')}; final primal weight ${engine.omega.toPrecision(3)}.`,
  ];
  if (pruned.count > 0) notes.push(prunedNote(pruned));
  if (warmStarted !== null) notes.push(warmStarted ? 'Started from the previous solution (the previous radius of the sweep).' : 'Warm start ignored: the previous solution has another layout (other data, patterns or norm); started cold.');
  if (problem.patterns.source === 'sampled') notes.push('The certificate bounds the optimum of the robust program with the sampled activation patterns.');
  return {
    status,
    solution: { blocks, network, neuronCount: network.output.length, trainPredictions: best.evaluation.predictions },
    info: {
      iterations,
      objective: best.evaluation.objective,
      lowerBound: best.lowerBound,
      relativeGap: best.gap,
      primalResidual: best.evaluation.coneViolation,
      dualResidual: null,
      setupMs,
      solveMs: context.now() - solveStart,
      notes,
      details,
      warmStarted: warmStarted === true,
    },
    history,
  };
}

/** PDLP's primal weight: omega <- sqrt(omega * ||dy|| / ||dz||) (preconditioned distances), smoothed in the log domain. */
function updatePrimalWeight(engine: RobustPdhg, candidate: Candidate, lastRestart: Candidate): void {
  const dz = engine.primalDistance(candidate.z, lastRestart.z);
  const dy = engine.dualDistance(candidate.y, lastRestart.y);
  if (dz > 1e-10 && dy > 1e-10) {
    const next = Math.exp(0.5 * Math.log(dy / dz) + 0.5 * Math.log(engine.omega));
    if (Number.isFinite(next)) engine.setOmega(Math.min(1e6, Math.max(1e-6, next)));
  }
}
