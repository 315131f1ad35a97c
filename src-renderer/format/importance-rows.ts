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

/**
 * What the numbers are, in one paragraph. When the held-out rows are sampled, the unshuffled
 * score is on the sample and differs from the Metrics table's (on every test row): the sentence
 * says on which rows it is, so the two figures do not look contradictory.
 */
export function importanceSummary(importance: PermutationImportance): string {
  const score = importance.metric === 'accuracy' ? `${(100 * importance.baseline).toFixed(1)}%` : formatFixed(importance.baseline, 3);
  const metric = importance.metric === 'accuracy' ? 'accuracy' : 'R²';
  const caution = fewRowsCaution(importance);
  const sampled = importance.rows < importance.heldOutRows;
  const opening = sampled
    ? `How much the test ${metric} falls when one column's values are shuffled across ${formatCount(importance.rows)} evenly spaced of the ` +
      `${formatCount(importance.heldOutRows)} held-out rows (on these rows it is ${score} unshuffled; the Metrics table scores all ${formatCount(importance.heldOutRows)})`
    : `How much the test ${metric} (${score}) falls when one column's values are shuffled across the ${countOf(importance.rows, 'held-out row')}`;
  return (
    `${opening} (mean of ${importance.repeats} shuffles, ± their spread). Near 0: the model does not rely on the column here; ` +
    'a correlated column can stand in for a shuffled one, so both may look unimportant.' +
    (caution === null ? '' : ` ${caution}`)
  );
}
