import { describe, expect, it } from 'vitest';
import type { PermutationImportance } from '../../../src-core/model/permutation-importance';
import { importanceRows, importanceSummary, MAX_IMPORTANCE_ROWS } from '../../../src-renderer/format/importance-rows';

const accuracy: PermutationImportance = {
  metric: 'accuracy',
  baseline: 0.95,
  rows: 200,
  heldOutRows: 200,
  repeats: 5,
  columns: [
    { column: 'petal', drop: 0.4, spread: 0.02 },
    { column: 'sepal', drop: 0.1, spread: 0.015 },
    { column: 'noise', drop: -0.005, spread: 0.01 },
  ],
};

describe('input importance rows', () => {
  it('shows accuracy drops in percentage points with bars against the largest drop (none for a negative one)', () => {
    expect(importanceRows(accuracy)).toEqual([
      { column: 'petal', drop: '40.0 pts', spread: '2.0 pts', barPercent: 100 },
      { column: 'sepal', drop: '10.0 pts', spread: '1.5 pts', barPercent: 25 },
      { column: 'noise', drop: '-0.5 pts', spread: '1.0 pts', barPercent: 0 },
    ]);
    expect(importanceSummary(accuracy)).toMatch(/^How much the test accuracy \(95\.0%\) falls when one column's values are shuffled across the 200 held-out rows \(mean of 5 shuffles/);
  });

  it('shows R² drops to three decimals, says when the rows are a sample, and lists at most MAX_IMPORTANCE_ROWS columns', () => {
    const columns = Array.from({ length: 30 }, (_, k) => ({ column: `c${k}`, drop: 0.3 - 0.01 * k, spread: 0.001 }));
    const r2: PermutationImportance = { metric: 'r2', baseline: 0.8123, rows: 1000, heldOutRows: 5000, repeats: 5, columns };
    const rows = importanceRows(r2);
    expect(rows).toHaveLength(MAX_IMPORTANCE_ROWS);
    expect(rows[0]).toEqual({ column: 'c0', drop: '0.300', spread: '0.001', barPercent: 100 });
    // The score quoted is on the sampled rows: the text says so, since the Metrics table's is on every test row.
    expect(importanceSummary(r2)).toMatch(
      /^How much the test R² falls when one column's values are shuffled across 1,000 evenly spaced of the 5,000 held-out rows \(on these rows it is 0\.812 unshuffled; the Metrics table scores all 5,000\) \(mean of 5 shuffles/,
    );
  });

  it('ends with the caution about few rows when there are few', () => {
    expect(importanceSummary(accuracy)).not.toMatch(/rough/);
    const few: PermutationImportance = { ...accuracy, rows: 8, heldOutRows: 8 };
    expect(importanceSummary(few)).toMatch(/look unimportant\. With only 8 rows \(one row is 12\.5 points of accuracy\) these drops are rough: a larger test share gives steadier ones\.$/);
  });
});
