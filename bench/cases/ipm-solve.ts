/**
 * A cold solve with the interior-point method (src-core/solvers/ipm) to a certified relative
 * gap, on exactly the problem the ADMM solve cases build (bench/problem.ts, same seed): the
 * interior-point twin of admm-solve's cold measurement. No warm repeats, no NumPy baseline.
 *
 * Times:
 * - coldTotalMs: pattern sampling + solveIpm (setup + Newton steps, each certified), the FIRST
 *   solve in a fresh process (JIT cold).
 * - time to each gap threshold: patternMs + setupMs + elapsedMs of the first history point
 *   (one per Newton step, every step is certified) whose certified relative gap is <= threshold.
 * - medianStepMs / cpuStepMs: median wall / CPU duration of one loop of the solver, i.e. one
 *   Newton step (factorization + predictor + corrector solves) plus the certification of the new
 *   iterate, from the IterationClock stamps (solveIpm calls isCancelled once before every step).
 */
import { solveIpm, type IpmProblem } from '../../src-core/solvers/ipm/solve-ipm';
import { buildRegressionProblem } from '../problem';
import { IterationClock, downsample, firstGapTimes, measured, median, sig } from '../stats';
import type { IpmSolveParams, Metrics } from '../types';

export interface IpmSystemNote {
  /** 'direct' | 'woodbury' as solveIpm reports it, or null if the note's wording is not recognized. */
  linearSystemPath: string | null;
  /** Time to form Q = F_+^T F_+ once (direct path), ms, when the note gives it. */
  qFormMs: number | null;
  /** Diagonal regularizations of the Newton systems, when the note gives it. */
  regularizations: number | null;
  /** The note itself (solveIpm's notes[1]). */
  note: string | null;
}

/**
 * Reads solveIpm's linear-system line of its details ("Newton systems: direct path (Q formed in
 * 12 ms); 0 diagonal regularizations."). Does not throw: the raw note is kept either way, and a changed
 * wording shows as a null path rather than failing a long solve after the fact.
 */
export function parseIpmSystemNote(notes: readonly string[] = []): IpmSystemNote {
  const note = notes.find((s) => s.startsWith('Newton systems:')) ?? notes[1] ?? null;
  if (note === null) return { linearSystemPath: null, qFormMs: null, regularizations: null, note: null };
  const path = /Newton systems: (\w+) path/.exec(note);
  const q = /Q formed in ([0-9.]+) ms/.exec(note);
  const reg = /(\d+) diagonal regularization/.exec(note);
  return {
    linearSystemPath: path ? path[1]! : null,
    qFormMs: q ? Number(q[1]) : null,
    regularizations: reg ? Number(reg[1]) : null,
    note,
  };
}

/** Durations between consecutive stamps: every stamp is one loop of solveIpm (step + certification). */
function diffs(stamps: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < stamps.length; i++) out.push(stamps[i]! - stamps[i - 1]!);
  return out;
}

export function runIpmSolveCase(params: IpmSolveParams): Metrics {
  const built = buildRegressionProblem(params.n, params.features, params.patterns, params.seed);
  const { patternMs } = built;
  // The same problem object as the ADMM cases (bias column, sampled patterns, beta = 1e-4 n, hasBias).
  const problem: IpmProblem = built.problem;
  const n = problem.X.rows;
  const d = problem.X.cols;
  const P = problem.patterns.count;

  const clock = new IterationClock();
  const run = measured(() => {
    clock.start();
    return solveIpm(problem, { tolerance: params.tolerance, maxIterations: params.maxIterations, timeLimitMs: params.timeLimitMs, linearSystem: params.linearSystem }, clock.context());
  });
  const { value: result, ms: wallMs, cpuMs: coldCpuMs } = run;
  const stepWallMs = diffs(clock.wall);
  const stepCpuMs = diffs(clock.cpu);

  const info = result.info;
  const system = parseIpmSystemNote(info.details);
  // From the start of training; `iteration` is the Newton step that first certified each gap.
  const gapTimes = firstGapTimes(result.history, params.gapThresholds, patternMs + info.setupMs);

  return {
    method: 'ipm',
    n,
    features: params.features,
    d,
    P,
    dP: d * P,
    beta: problem.beta,
    tolerance: params.tolerance,
    status: result.status,
    // 0 neurons means the delivered network is the zero network (objective (1/2)||y||^2).
    neurons: result.solution.neuronCount,
    zeroNetworkObjective: 0.5 * problem.y.reduce((acc, v) => acc + v * v, 0),
    // Newton steps.
    iterations: info.iterations,
    objective: info.objective,
    lowerBound: info.lowerBound,
    relativeGap: info.relativeGap,
    reachedTolerance: info.relativeGap !== null && info.relativeGap <= params.tolerance,
    patternMs,
    setupMs: info.setupMs,
    solveMs: info.solveMs,
    coldTotalMs: patternMs + wallMs,
    coldCpuMs,
    medianStepMs: median(stepWallMs),
    cpuStepMs: median(stepCpuMs),
    maxStepMs: stepWallMs.length ? Math.max(...stepWallMs) : null,
    stepsTimed: stepWallMs.length,
    linearSystemRequested: params.linearSystem,
    linearSystemPath: system.linearSystemPath,
    qFormMs: system.qFormMs,
    regularizations: system.regularizations,
    pathNote: system.note,
    gapTimes,
    history: downsample(result.history, 40).map((h) => ({
      iteration: h.iteration,
      timeMs: sig(patternMs + info.setupMs + h.elapsedMs),
      objective: sig(h.objective, 8),
      relativeGap: h.relativeGap === undefined ? null : sig(h.relativeGap),
    })),
    notes: info.notes,
    details: info.details ?? [],
  };
}
