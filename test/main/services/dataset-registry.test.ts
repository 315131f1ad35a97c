import { describe, expect, it } from 'vitest';
import type { ReadTableDetails } from '../../../src-core/data/formats/read-table';
import { DatasetRegistry, DEFAULT_PREPARATION } from '../../../src-main/services/dataset-registry';
import { rowTable } from '../../../src-core/data/raw-table';
import { loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import { profileColumns } from '../../../src-core/data/column-profile';
import { readTarget } from '../../../src-core/data/target-column';
import { ConvexNetError } from '../../../src-core/errors';
import { expectConvexNetError } from '../../core/data/expect-error';

const details: ReadTableDetails = { format: 'csv', encoding: 'utf-8', dialect: { delimiter: ',', decimal: '.', header: true }, sheet: null, sheets: [] };

describe('DatasetRegistry.addImported', () => {
  it('falls back to the next usable column when the suggested target cannot be one (a single class)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [String(i % 4), i % 2 ? 'p' : 'q', 'same-everywhere']);
    // "label" is named like a target but constant (flagged, so not suggested); "y" wins from the right.
    const registry = new DatasetRegistry();
    const dataset = await registry.addImported('f.csv', 'f.csv', rowTable(['x', 'y', 'label'], rows), details);
    expect(dataset.target).toBe('y');
    expect(dataset.configuration).toEqual({ target: 'y', task: 'binary', ignoredColumns: ['label'], preparation: DEFAULT_PREPARATION, classWeights: 'none' });
  });

  it('refuses a file with a single column, naming it', async () => {
    await expect(new DatasetRegistry().addImported('one.csv', 'one.csv', rowTable(['a'], [['1']]), details)).rejects.toThrow(/^one\.csv has 1 column/);
  });

  it('names the sheet read and the other sheets when a workbook sheet has a single column', async () => {
    const workbook: ReadTableDetails = { format: 'xlsx', encoding: null, dialect: null, sheet: 'Notes', sheets: ['Notes', 'Data', 'Other'] };
    await expect(new DatasetRegistry().addImported('book.xlsx', 'book.xlsx', rowTable(['note'], [['read me']]), workbook)).rejects.toThrow(
      'book.xlsx, sheet "Notes", has 1 column; a dataset needs at least one feature column and a target column. The workbook\'s other sheets: "Data", "Other"; choose the one with the data under Reading options > Sheet.',
    );
  });

  it('keeps a flagged column as a feature when ignoring it would leave no features', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`id-${i}`, i % 2 ? 'a' : 'b']);
    const dataset = await new DatasetRegistry().addImported('ids.csv', 'ids.csv', rowTable(['key', 'class'], rows), details);
    expect(dataset.target).toBe('class');
    expect(dataset.configuration.ignoredColumns).toEqual([]);
  });

  it('profiles the columns and reads the targets it tries with its profiler and target reader (in the app, the data worker)', async () => {
    const calls: string[] = [];
    const registry = new DatasetRegistry(
      {},
      {
        target: async (table, column, task) => (calls.push(`target ${column}`), readTarget(table, column, task)),
        profiles: async (table, columns) => (calls.push(`profile ${columns.join(' ')}`), profileColumns(table).filter((_, c) => columns.includes(c))),
      },
    );
    const rows = Array.from({ length: 30 }, (_, i) => [String(i % 4), i % 2 ? 'p' : 'q', 'same-everywhere']);
    const table = rowTable(['x', 'y', 'label'], rows);
    const dataset = await registry.addImported('f.csv', 'f.csv', table, details);
    // The constant "label" is not suggested; "y" is read once, for the dataset.
    expect(calls).toEqual(['profile 0 1 2', 'target y']);
    expect((await registry.inspect(dataset.datasetId)).columns).toEqual(profileColumns(table));
  });
});

describe('DatasetRegistry.inspect', () => {
  it('profiles a table once with its profiler, also when asked twice at once, and again after a failure', async () => {
    let profiled = 0;
    let fail = true;
    const registry = new DatasetRegistry({}, {
      profiles: async (table, columns) => {
        profiled++;
        if (fail) throw new ConvexNetError('worker/crashed', 'Preparing the data failed: test.');
        return columns.map((c) => profileColumns(table)[c]!);
      },
    });
    const { datasetId } = registry.loadBuiltIn({ id: 'iris' });
    await expect(registry.inspect(datasetId)).rejects.toThrow('Preparing the data failed: test.');
    fail = false;
    const [first, second] = await Promise.all([registry.inspect(datasetId), registry.inspect(datasetId)]);
    expect(profiled).toBe(2);
    expect(first).toEqual(second);
    expect(first.columns).toEqual(profileColumns(loadBuiltInDataset({ id: 'iris' }).table));
  });
});

describe('DatasetRegistry: memory', () => {
  const moons = (registry: DatasetRegistry, rows: number): string => registry.loadBuiltIn({ id: 'two-moons', rows, seed: rows }).datasetId;

  it('unloads the least recently used data past the cell limit, and says so when it is asked for', async () => {
    // two-moons: 3 columns; 200 rows are 600 cells.
    const registry = new DatasetRegistry({ maxCells: 1500 });
    const first = moons(registry, 200);
    const second = moons(registry, 200);
    registry.get(first); // used last: the second is now the least recently used
    moons(registry, 200);
    expect(registry.get(first).summary.rowCount).toBe(200);
    expect(registry.heldCells()).toBe(1200);
    expect(() => registry.get(second)).toThrow(ConvexNetError);
    await expect(registry.inspect(second)).rejects.toThrow(
      `The dataset "Two moons (200 rows, noise 0.1, seed 200)" (${second}) is no longer loaded: it was unloaded to free memory when more data were loaded after it (the datasets kept at once hold at most 1500 cells), the least recently used first. Load or open it again to use it.`,
    );
    expect(expectConvexNetError(() => registry.get(second), 'data/dataset-unloaded')).toMatch(/no longer loaded/);
    expect(expectConvexNetError(() => registry.get('dataset-99'), 'data/unknown-dataset')).toMatch(/There is no loaded dataset "dataset-99"/);
  });

  it('counts a configured copy\'s table once', async () => {
    const registry = new DatasetRegistry({ maxCells: 700 });
    const first = moons(registry, 200);
    const configured = (await registry.configure({ datasetId: first, target: 'moon', ignoredColumns: ['x2'] })).datasetId;
    expect(registry.heldCells()).toBe(600);
    expect(registry.get(first).table).toBe(registry.get(configured).table);
  });

  it('keeps a dataset a job holds, however much is loaded after it, and unloads it once released', () => {
    const registry = new DatasetRegistry({ maxCells: 1000 });
    const held = registry.hold(moons(registry, 200));
    const later = moons(registry, 200);
    moons(registry, 200);
    // The held one and the newest: 1200 cells, over the limit while the job runs.
    expect(registry.heldCells()).toBe(1200);
    expect(() => registry.get(later)).toThrow(/no longer loaded/);
    held.release();
    expect(registry.heldCells()).toBe(600);
    held.release(); // idempotent: one job, one release
    expect(expectConvexNetError(() => registry.get(held.dataset.datasetId), 'data/dataset-unloaded')).toMatch(/unloaded to free memory/);
  });

  it('past the count limit, unloads the least recently used datasets, saying so', () => {
    const registry = new DatasetRegistry({ maxDatasets: 2 });
    const first = moons(registry, 20);
    moons(registry, 20);
    moons(registry, 20);
    expect(expectConvexNetError(() => registry.get(first), 'data/dataset-unloaded')).toMatch(/when more datasets were loaded after it \(at most 2 are kept at once\)/);
  });
});
