import { fewRowsCaution, formatImportanceDrop, type PermutationImportance } from '../../src-core/model/permutation-importance';
import { countOf, formatCount, formatFixed } from './numbers';

/** Columns listed at most (largest drops first); the rest are counted. */
export const MAX_IMPORTANCE_ROWS = 20;

export interface ImportanceRow {
  readonly column: string;
  readonly drop: string;
  readonly spread: string;
  /** Bar length, 0..100: the drop against the largest one (negative drops draw none). */
  readonly barPercent: number;
}

export function importanceRows(importance: PermutationImportance): ImportanceRow[] {
  const largest = Math.max(0, ...importance.columns.map((c) => c.drop));
  return importance.columns.slice(0, MAX_IMPORTANCE_ROWS).map((c) => ({
    column: c.column,
    drop: formatImportanceDrop(c.drop, importance.metric),
    spread: formatImportanceDrop(c.spread, importance.metric),
    barPercent: largest > 0 ? Math.max(0, Math.round((100 * c.drop) / largest)) : 0,
  }));
}

/** What the numbers are, in one paragraph. */
export function importanceSummary(importance: PermutationImportance): string {
  const score = importance.metric === 'accuracy' ? `accuracy (${(100 * importance.baseline).toFixed(1)}%)` : `R² (${formatFixed(importance.baseline, 3)})`;
  const caution = fewRowsCaution(importance);
  const rows = importance.rows < importance.heldOutRows ? `${formatCount(importance.rows)} evenly spaced of the ${formatCount(importance.heldOutRows)} held-out rows` : `the ${countOf(importance.rows, 'held-out row')}`;
  return (
    `How much the test ${score} falls when one column's values are shuffled across ${rows} ` +
    `(mean of ${importance.repeats} shuffles, ± their spread). Near 0: the model does not rely on the column here; ` +
    'a correlated column can stand in for a shuffled one, so both may look unimportant.' +
    (caution === null ? '' : ` ${caution}`)
  );
}
