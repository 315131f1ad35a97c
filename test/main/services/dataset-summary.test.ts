import { describe, expect, it } from 'vitest';
import { rowTable } from '../../../src-core/data/raw-table';
import { readTarget } from '../../../src-core/data/target-column';
import { summarizeDataset } from '../../../src-main/services/dataset-summary';

/** Rows x, y with the target y empty in `missing` of them. */
function summaryWith(missing: number): readonly string[] {
  const rows = Array.from({ length: 30 }, (_, i) => [String(i), i < missing ? '' : String(i % 2 ? 'yes' : 'no')]);
  const table = rowTable(['x', 'y'], rows);
  return summarizeDataset('d', 'data', table, readTarget(table, 'y')).warnings ?? [];
}

describe('summarizeDataset\'s warnings', () => {
  it('count the rows without a target in the right number, never "row(s)"', () => {
    expect(summaryWith(1)).toEqual(['1 row has no value in the target "y"; training leaves it out.']);
    expect(summaryWith(2)).toEqual(['2 rows have no value in the target "y"; training leaves them out.']);
    expect(summaryWith(0)).toEqual([]);
  });
});
