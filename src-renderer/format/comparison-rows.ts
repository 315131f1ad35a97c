import type { RunResult } from '../../src-core/contract/operations';
import { modelNeuronCount } from '../../src-core/training/model-neurons';
import { patternSourceOf } from '../../src-core/training/pattern-source';
import type { ComparedRun } from '../charts/comparison';
import { splitBySpread } from '../charts/comparison';
import { spreadOf } from '../charts/spread-band';
import { formatElapsed } from './durations';
import { formatCount, formatFractionAsPercent, formatNumber, MISSING } from './numbers';
import { solverLabel } from './option-labels';
import { isConvexSolver } from '../../src-core/training/solver-support';

export interface ComparisonRow {
  readonly name: string;
  /** One cell per compared run, in order. */
  readonly cells: string[];
  /** "min / median / max" over the back-propagation runs when there are several, else null. */
  readonly spread: string | null;
  /** Whether the cells are numbers (right-aligned), not words like the solver's name. */
  readonly numeric: boolean;
}

interface Column {
  readonly name: string;
  /** A number for the spread column; null when the run has no such value. */
  readonly value: (result: RunResult) => number | null;
  readonly format: (value: number | null) => string;
  /** Text cells that are not numbers (e.g. the solver). */
  readonly text?: (result: RunResult) => string;
}

const sum = (result: RunResult, pick: (head: RunResult['heads'][number]) => number | null): number | null => {
  let total = 0;
  for (const head of result.heads) {
    const value = pick(head);
    if (value === null || !Number.isFinite(value)) return null;
    total += value;
  }
  return total;
};

const classification = (result: RunResult, split: 'train' | 'test') => (split === 'train' ? result.train : result.test)?.classification ?? null;
const regression = (result: RunResult, split: 'train' | 'test') => (split === 'train' ? result.train : result.test)?.regression ?? null;

const percent = (value: number | null) => formatFractionAsPercent(value);

const columns: readonly Column[] = [
  { name: 'Solver', value: () => null, format: () => MISSING, text: (r) => solverLabel(r.options.solver) },
  { name: 'Seed', value: (r) => r.options.seed, format: (v) => (v === null ? MISSING : String(v)) },
  { name: 'Patterns', value: () => null, format: () => MISSING, text: patternsText },
  // Objectives of one-vs-rest networks add up: the networks are trained independently.
  { name: 'Training objective', value: (r) => sum(r, (h) => h.objective), format: (v) => formatNumber(v) },
  { name: 'Certified lower bound', value: (r) => sum(r, (h) => h.lowerBound), format: (v) => formatNumber(v) },
  { name: 'Test accuracy', value: (r) => classification(r, 'test')?.accuracy ?? null, format: percent },
  { name: 'Training accuracy', value: (r) => classification(r, 'train')?.accuracy ?? null, format: percent },
  { name: 'Test R²', value: (r) => regression(r, 'test')?.r2 ?? null, format: (v) => formatNumber(v) },
  { name: 'Test MSE', value: (r) => regression(r, 'test')?.mse ?? null, format: (v) => formatNumber(v) },
  { name: 'Active neurons', value: (r) => modelNeuronCount(r.heads), format: (v) => (v === null ? MISSING : formatCount(v)) },
  { name: 'Solve time', value: (r) => r.solveMs, format: (v) => (v === null ? MISSING : formatElapsed(v)) },
];

/** Where a convex run's patterns came from: the exact set, random directions or a back-propagation network. */
function patternsText(result: RunResult): string {
  const { solver, formulation } = result.options;
  if (!isConvexSolver(solver)) return MISSING;
  if (formulation === 'exact') return 'Exact (all)';
  return patternSourceOf(result.options.solverSettings) === 'backprop' ? 'From back-propagation' : 'Random';
}

/**
 * A hint when back-propagation reached a lower training objective than a convex run of the same
 * problem (loss and beta; the objectives are then the same function of the network) whose patterns
 * were random: the sampled program is only as good as its patterns, and patterns from a
 * back-propagation network make the convex result at least as good as such a network. Null
 * otherwise (the convex run is ahead, exact, or already uses them).
 */
export function patternSourceAdvice(runs: readonly ComparedRun[]): string | null {
  const total = (result: RunResult): number => result.heads.reduce((s, h) => s + h.objective, 0);
  const backprop = runs.filter((run) => run.result.options.solver === 'backprop' && !run.result.options.adversarial);
  for (const run of runs) {
    const r = run.result;
    if (!isConvexSolver(r.options.solver) || r.options.adversarial || patternsText(r) !== 'Random') continue;
    const better = backprop.filter((b) => b.result.options.loss === r.options.loss && b.result.options.beta === r.options.beta && total(b.result) < total(r));
    if (better.length === 0) continue;
    return `Back-propagation reached a lower training objective than ${run.label}, whose patterns are random: the sampled program is only as good as its patterns, and random ones can miss the hyperplanes these data need. With Pattern source "From a back-propagation network" (Train, Advanced) the convex program takes such a network's patterns, and its certified result is never worse than that network.`;
  }
  return null;
}

/**
 * The metrics of compared runs side by side, with the spread of the back-propagation runs when
 * there are several (rows no compared run has are left out).
 */
export function comparisonRows(runs: readonly ComparedRun[]): ComparisonRow[] {
  const { backprop } = splitBySpread(runs);
  return columns
    .filter((column) => column.text !== undefined || runs.some((run) => column.value(run.result) !== null))
    .map((column) => {
      const cells = runs.map((run) => (column.text ? column.text(run.result) : column.format(column.value(run.result))));
      const spread = backprop.length > 0 && !column.text && column.name !== 'Seed' ? spreadOf(backprop.map((run) => column.value(run.result) ?? Number.NaN)) : null;
      return { name: column.name, cells, spread: spread ? [spread.min, spread.median, spread.max].map((v) => column.format(v)).join(' / ') : null, numeric: !column.text };
    });
}
