import type { ProgressEvent } from '../../src-core/solvers/solver-types';
import { formatPercent } from '../../src-core/solvers/solver-types';
import { iterationUnit } from '../../src-core/training/solver-support';
import type { CliEnvironment } from './cli-environment';

/** Least time between two progress lines. */
export const PROGRESS_INTERVAL_MS = 500;

export interface ProgressOptions {
  /**
   * When the command started, on the `now` clock (CliEnvironment.startedAt): the lines show the
   * time since then, one clock for the whole command, not each phase's or solve's own elapsed
   * time (which restarted at every pattern phase, sweep point and fold). Default: now.
   */
  readonly startedAt?: number;
  readonly intervalMs?: number;
  /** The solver's iterations: "iteration", or "Newton step" for ipm. */
  readonly unit?: string;
  /** The fractions are of the whole run (a run that trains pattern networks before its solve), not of the solver's budget. */
  readonly wholeRun?: boolean;
}

/**
 * Writes a run's heading at once, before the work starts (the printer writes its first line only
 * one interval in, so a short run would never show what it does and which solver was chosen
 * why), and returns the run's progress printer.
 */
export function announceRun(env: Pick<CliEnvironment, 'stderr' | 'now' | 'startedAt'>, heading: string, options: Omit<ProgressOptions, 'startedAt'> = {}): (event: ProgressEvent) => void {
  env.stderr(`${heading}\n`);
  return createProgressPrinter(env.stderr, env.now, { ...(env.startedAt !== undefined ? { startedAt: env.startedAt } : {}), ...options });
}

/**
 * A progress callback that writes at most one line per interval (the first one interval after
 * start), so fast runs stay quiet and long runs show a steady heartbeat.
 */
export function createProgressPrinter(write: (line: string) => void, now: () => number, options: ProgressOptions = {}): (event: ProgressEvent) => void {
  const { intervalMs = PROGRESS_INTERVAL_MS, unit = 'iteration', wholeRun = false } = options;
  let last = now();
  const startedAt = options.startedAt ?? last;
  return (event) => {
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    write(`${formatProgress({ ...event, elapsedMs: t - startedAt }, unit, wholeRun)}\n`);
  };
}

/**
 * One progress line; `unit` names the solver's iterations ("iteration", or "Newton step" for ipm).
 * Events of an interior-point solve (also adversarial training's robust one) count Newton steps.
 */
export function formatProgress(event: ProgressEvent, unit = 'iteration', wholeRun = false): string {
  if (event.newtonStep) unit = iterationUnit('ipm', false);
  if (event.phase === 'patterns') unit = 'patterns by back-propagation, epoch';
  const stages = (event.stages ?? []).map((stage) => ` ${stage.name} ${stage.index + 1}/${stage.count},`).join('');
  const head = event.headCount !== undefined && event.headCount > 1 && event.head !== undefined ? ` class ${event.head + 1}/${event.headCount},` : '';
  const parts = [`[${(event.elapsedMs / 1000).toFixed(1)} s]${stages}${head} ${unit} ${event.iteration}`];
  // A staged event's fraction is of the whole sweep or cross-validation, not of this solve's budget.
  const of = wholeRun || (event.stages && event.stages.length > 0) ? 'of the run' : 'of the budget';
  if (Number.isFinite(event.fraction)) parts[0] += ` (${Math.round(Math.min(1, Math.max(0, event.fraction)) * 100)}% ${of})`;
  parts.push(`objective ${formatNumber(event.objective)}`);
  if (event.relativeGap !== undefined && Number.isFinite(event.relativeGap)) parts.push(`gap ${formatPercent(event.relativeGap)}`);
  if (event.trainAccuracy !== undefined) parts.push(`train accuracy ${formatPercent(event.trainAccuracy)}`);
  return parts.join(', ');
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(6) : String(value);
}
