import type { ProgressEvent } from '../../src-core/solvers/solver-types';
import { formatPercent } from '../../src-core/solvers/solver-types';
import { iterationUnit } from '../../src-core/training/solver-support';

/** Least time between two progress lines. */
export const PROGRESS_INTERVAL_MS = 500;

/**
 * A progress callback that writes at most one line per interval (the first one interval after
 * start), so fast runs stay quiet and long runs show a steady heartbeat. `heading`, when given,
 * is written once before the first progress line. `wholeRun`: the fractions are of the whole run
 * (a run that trains pattern networks before its solve), not of the solver's budget.
 */
export function createProgressPrinter(write: (line: string) => void, now: () => number, heading = '', intervalMs = PROGRESS_INTERVAL_MS, unit = 'iteration', wholeRun = false): (event: ProgressEvent) => void {
  let last = now();
  let headingPending = heading !== '';
  return (event) => {
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    if (headingPending) write(`${heading}\n`);
    headingPending = false;
    write(`${formatProgress(event, unit, wholeRun)}\n`);
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
