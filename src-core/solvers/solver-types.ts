/**
 * The shape every solver shares: a synchronous function (problem, settings, context) -> result.
 * Running out of iterations or time is a status, never an exception; bad settings or data throw
 * a ConvexNetError before the first iteration.
 */
/**
 * How a solve ended. 'stalled': no further progress was possible before the tolerance (an
 * interior-point method out of digits, a step of length zero); the best iterate is still a valid,
 * certified model. 'numerical-failure': the numbers became invalid (not finite), no model.
 */
export type SolverStatus = 'solved' | 'max-iterations' | 'stalled' | 'time-limit' | 'cancelled' | 'numerical-failure';

/** One row of the per-check history that the charts draw. Fields a solver cannot compute are absent. */
export interface HistoryPoint {
  iteration: number;
  elapsedMs: number;
  /** Training objective of the current iterate (for convex solvers: the recovered network's objective). */
  objective: number;
  /** Certified lower bound on the optimum of the program being solved. */
  lowerBound?: number;
  /** (objective - lowerBound) / max(|objective|, tiny). */
  relativeGap?: number;
  primalResidual?: number;
  dualResidual?: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  /**
   * What happened at this point that explains a jump in the lines (e.g. "cone rows added": the
   * interior-point method's working set grew and it restarted); the charts mark it.
   */
  event?: string;
}

/** One level of a run made of several solves: the k-th beta of a path, epsilon of a sweep, fold of a cross-validation. */
export interface ProgressStage {
  readonly name: 'beta' | 'epsilon' | 'fold';
  /** 0-based position in the order the solves run. */
  readonly index: number;
  readonly count: number;
}

export interface ProgressEvent extends HistoryPoint {
  /**
   * Fraction 0..1 of the iteration budget used (a rough progress bar); of the whole run when
   * staged, or when the run trains pattern networks first (their epochs take the bar's first
   * part, patternPhaseShare in pattern-network-estimate.ts).
   */
  fraction: number;
  /** One-vs-rest: which head (0-based) of how many is being trained. */
  head?: number;
  headCount?: number;
  /** Where in a multi-solve run this solve is, outermost first (e.g. fold 2 of 5, then beta 3 of 8). */
  stages?: readonly ProgressStage[];
  /** Set by the interior-point methods: `iteration` counts Newton steps. */
  newtonStep?: boolean;
  /**
   * 'patterns': an event of the back-propagation networks that give a run's patterns before its
   * convex solve (backprop-patterns.ts): `iteration` counts their epochs, and `fraction`, over
   * all the networks, is scaled into their share of the run; not a point of the run's own history.
   */
  phase?: 'patterns';
}

/**
 * An event of the stage's own solve as an event of the whole run: the fraction is rescaled to
 * (index + fraction) / count and the stage goes in front of the inner ones. A stage of one solve
 * (count 1) adds nothing to say and is left out.
 */
export function withinStage(event: ProgressEvent, stage: ProgressStage): ProgressEvent {
  const fraction = (stage.index + event.fraction) / stage.count;
  if (stage.count <= 1) return { ...event, fraction };
  return { ...event, fraction, stages: [stage, ...(event.stages ?? [])] };
}

export interface SolveContext {
  /** Checked at every termination check; a true answer ends the solve with status 'cancelled'. */
  isCancelled: () => boolean;
  /** Called at every termination check. */
  onProgress?: (event: ProgressEvent) => void;
  /** Milliseconds; injectable so tests and workers can control time. */
  now: () => number;
}

export function defaultContext(partial: Partial<SolveContext> = {}): SolveContext {
  return {
    isCancelled: partial.isCancelled ?? (() => false),
    now: partial.now ?? monotonicNow,
    ...(partial.onProgress ? { onProgress: partial.onProgress } : {}),
  };
}

/**
 * Whether a solve must stop between iterations: 'cancelled' when the caller asked (checked first),
 * 'time-limit' when timeLimitMs > 0 has passed since startMs, else null.
 */
export function interruption(context: SolveContext, startMs: number, timeLimitMs: number): 'cancelled' | 'time-limit' | null {
  if (context.isCancelled()) return 'cancelled';
  if (timeLimitMs > 0 && context.now() - startMs >= timeLimitMs) return 'time-limit';
  return null;
}

/** performance.now() where the host has it (Node, browsers, workers), Date.now() otherwise. */
export function monotonicNow(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

export interface SolveInfo {
  iterations: number;
  objective: number;
  lowerBound: number | null;
  relativeGap: number | null;
  primalResidual: number | null;
  dualResidual: number | null;
  setupMs: number;
  solveMs: number;
  /**
   * What the user should know about this solve, in plain words, one idea a sentence (e.g. that it
   * stopped early, or needed numerical safeguards, and what that means for the result).
   */
  notes: string[];
  /**
   * The same solve in an expert's terms (method, linear-system path, factorizations, final rho,
   * counts of regularizations): shown folded under the notes, and read by the bench
   * (bench/problem.ts, bench/cases/ipm-solve.ts). Absent when the solver gives none.
   */
  details?: string[];
  /** Set by solvers that can start from another solve's point: whether this one did. */
  warmStarted?: boolean;
  /** Set by the interior-point methods: `iterations` counts Newton steps. */
  newtonSteps?: boolean;
  /**
   * Set by ADMM when status 'solved' came from its primal and dual residual test (Boyd et al.),
   * not from the certificate: the iterates stopped moving, but the certified gap may be above
   * the tolerance (e.g. at a tiny beta, where its dual bound is weak).
   */
  solvedOnResiduals?: boolean;
}

export interface SolveResult<TSolution> {
  status: SolverStatus;
  solution: TSolution;
  info: SolveInfo;
  history: HistoryPoint[];
}

/** Plain-words stopping reason for the UI, the CLI and reports. */
export function describeStatus(status: SolverStatus, relativeGap: number | null, solvedOnResiduals = false): string {
  const gapWords = relativeGap === null ? '' : ` The certified gap is ${formatPercent(relativeGap)}.`;
  switch (status) {
    case 'solved':
      return solvedOnResiduals
        ? `Converged: the solution stopped changing (the primal and dual residuals met their tolerances). The certificate had not yet reached the requested tolerance.${gapWords}`
        : `Reached the requested tolerance.${gapWords}`;
    case 'max-iterations':
      return `Stopped at the iteration limit before reaching the tolerance. A higher iteration limit lets it go on.${gapWords}`;
    case 'stalled':
      return `Stopped before the tolerance: no further progress was possible, because the numbers ran out of accuracy. The best certified solution so far is kept.${gapWords}`;
    case 'time-limit':
      return `Stopped at the time limit before reaching the tolerance. A longer time limit lets it go on.${gapWords}`;
    case 'cancelled':
      return `Cancelled. The last solution reached is kept.${gapWords}`;
    case 'numerical-failure':
      return 'Stopped because the numbers became invalid (not finite). Try standardizing the data, or a smaller step size or penalty.';
  }
}

export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (pct === 0) return '0%';
  if (Math.abs(pct) >= 10) return `${pct.toFixed(1)}%`;
  if (Math.abs(pct) >= 0.01) return `${pct.toPrecision(2)}%`;
  // Plain decimals down to a millionth of a percent (0.0073%, not 7.3e-3%); below, scientific.
  const rounded = Number(pct.toPrecision(2));
  if (Math.abs(rounded) >= 1e-6) return `${rounded.toFixed(1 - Math.floor(Math.log10(Math.abs(rounded))))}%`;
  return `${pct.toExponential(1)}%`;
}
