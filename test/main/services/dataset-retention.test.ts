import { describe, expect, it } from 'vitest';
import { rowTable, type RawTable } from '../../../src-core/data/raw-table';
import { datasetsToEvict, type RetainedDataset } from '../../../src-main/services/dataset-retention';

/** A table of `rows` x 2 cells. */
const table = (rows: number): RawTable => rowTable(['a', 'b'], Array.from({ length: rows }, () => ['1', '2']));
const dataset = (datasetId: string, t: RawTable, held = false): RetainedDataset => ({ datasetId, table: t, held });

describe('datasetsToEvict', () => {
  it('keeps everything within the limits', () => {
    const t = table(10);
    expect(datasetsToEvict([dataset('d1', t), dataset('d2', table(10))], { maxDatasets: 2, maxCells: 40 })).toEqual([]);
  });

  it('unloads whole tables past the cell limit, the least recently used first, counting a shared table once', () => {
    const [a, b, c] = [table(10), table(10), table(10)];
    // d1 and d3 share table a (a configured copy), used last by d3: b is the least recently used table.
    const byRecency = [dataset('d1', a), dataset('d2', b), dataset('d3', a), dataset('d4', c)];
    expect(datasetsToEvict(byRecency, { maxDatasets: 10, maxCells: 40 })).toEqual([{ datasetId: 'd2', reason: 'cells' }]);
    expect(datasetsToEvict(byRecency, { maxDatasets: 10, maxCells: 20 })).toEqual([
      { datasetId: 'd2', reason: 'cells' },
      { datasetId: 'd1', reason: 'cells' },
      { datasetId: 'd3', reason: 'cells' },
    ]);
  });

  it('never unloads the most recently used dataset or one a job holds, even over the limits', () => {
    const [a, b, c] = [table(10), table(10), table(100)];
    expect(datasetsToEvict([dataset('d1', a, true), dataset('d2', b), dataset('d3', c)], { maxDatasets: 10, maxCells: 20 })).toEqual([{ datasetId: 'd2', reason: 'cells' }]);
    // Another dataset on a held table does not free its cells: it stays too.
    expect(datasetsToEvict([dataset('d1', a, true), dataset('d2', a), dataset('d3', c)], { maxDatasets: 10, maxCells: 20 })).toEqual([]);
  });

  it('past the count limit, unloads the least recently used datasets not held', () => {
    const t = table(1);
    const byRecency = [dataset('d1', t, true), dataset('d2', t), dataset('d3', t), dataset('d4', t)];
    expect(datasetsToEvict(byRecency, { maxDatasets: 2, maxCells: 1000 })).toEqual([
      { datasetId: 'd2', reason: 'count' },
      { datasetId: 'd3', reason: 'count' },
    ]);
  });
});
