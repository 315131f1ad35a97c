import type { RunResult } from '../../src-core/contract/operations';
import { modelNeuronCount } from '../../src-core/training/model-neurons';
import type { ComparedRun } from '../charts/comparison';
import { splitBySpread } from '../charts/comparison';
import { spreadOf } from '../charts/spread-band';
import { formatElapsed } from './durations';
import { formatCount, formatFractionAsPercent, formatNumber, MISSING } from './numbers';
import { solverLabel } from './option-labels';

export interface ComparisonRow {
  readonly name: string;
  /** One cell per compared run, in order. */
  readonly cells: string[];
  /** "min / median / max" over the back-propagation runs when there are several, else null. */
  readonly spread: string | null;
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
      return { name: column.name, cells, spread: spread ? [spread.min, spread.median, spread.max].map((v) => column.format(v)).join(' / ') : null };
    });
}
