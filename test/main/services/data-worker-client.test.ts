import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PREPARATION } from '../../../src-main/services/dataset-registry';
import { loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import { readTextTable } from '../../../src-core/data/formats/read-table';
import type { RawTable } from '../../../src-core/data/raw-table';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';
import { profileColumns } from '../../../src-core/data/column-profile';
import { tableForm } from '../../../src-core/data/table-form';
import { readTarget } from '../../../src-core/data/target-column';
import { DataWorker, MAX_WORKER_TABLES } from '../../../src-main/services/data-worker-client';
import { prepareJob, type PreparableDataset, type PrepareRequest } from '../../../src-main/services/prepare-job';
import { defaultDataWorkerEntry } from '../../../src-main/services/worker-entry';
import { heldOutResults } from '../../../src-main/services/run-result';
import { dataFingerprint } from '../../../src-main/workspace/data-fingerprint';
import { cachedCase } from '../workspace/workspace-fixtures';
import { recordingLogger } from './service-helpers';
import { FAULTY_COLUMNS, THROWN_DETAILS } from './fixtures/faulty-data-columns';
import { ConvexNetError } from '../../../src-core/errors';

const data = new DataWorker({ entry: defaultDataWorkerEntry(), logger: recordingLogger() });
const faulty = new DataWorker({ entry: new URL('./fixtures/faulty-data-worker.ts', import.meta.url), logger: recordingLogger() });
afterAll(() => Promise.all([data.dispose(), faulty.dispose()]));

function dataset(table: RawTable, target: string, source = 'test'): PreparableDataset {
  return { table, target, source, configuration: { target, task: readTarget(table, target).task, ignoredColumns: [], preparation: DEFAULT_PREPARATION, classWeights: 'none' } };
}

/** A CSV of `rows` rows: a numeric column with NA words, a text column (held as strings) and a class. */
function csvTable(rows: number): RawTable {
  const lines = ['x,city,size,label'];
  for (let r = 0; r < rows; r++) lines.push(`${r % 97 === 0 ? 'NA' : (r / 7).toFixed(3)},city-${r % 13}-${r},${['S', 'M', 'L'][r % 3]},${r % 5 === 0 ? 'yes' : 'no'}`);
  return readTextTable(new TextEncoder().encode(lines.join('\n')), 'data.csv').table;
}

describe('the data worker', () => {
  it('prepares to the same bits as the main thread: datasets, pipeline, training rows and warnings', async () => {
    const cases: [PreparableDataset, PrepareRequest][] = [
      [dataset(loadBuiltInDataset({ id: 'penguins' }).table, 'species', 'penguins'), { task: 'multiclass', seed: 7, testFraction: 0.25, preparation: { imputation: 'median', scaling: 'min-max', maxCategories: 2 } }],
      [dataset(loadBuiltInDataset({ id: 'curve-2d', rows: 3000, seed: 5 }).table, 'y'), { task: 'regression', seed: 1, testFraction: 0.2 }],
      // 70,000 rows: the string columns go over in several pieces; 'city' is ignored.
      [{ ...dataset(csvTable(70_000), 'label'), configuration: { ...dataset(csvTable(10), 'label').configuration, ignoredColumns: ['city'] } }, { task: 'binary', seed: 3, testFraction: 0.3 }],
    ];
    for (const [set, request] of cases) {
      const there = await data.prepare(set, request);
      const here = prepareJob(set, request);
      expect(there.train.X.data).toEqual(here.train.X.data);
      expect(there.train.y).toEqual(here.train.y);
      expect(there.test!.X.data).toEqual(here.test!.X.data);
      expect(there.test!.y).toEqual(here.test!.y);
      expect({ ...there, train: null, test: null }).toEqual({ ...here, train: null, test: null });
    }
  }, 60_000);

  it('profiles columns as the main thread does: numbers, missing words, strings, dates, non-finite numbers, row tables', async () => {
    const mixed = readTextTable(
      new TextEncoder().encode(['id,when,amount,note,flag', ...Array.from({ length: 300 }, (_, r) => `${r},2024-01-${(r % 28) + 1},${r % 11 === 0 ? 'inf' : (r * 1.5).toFixed(1)},word ${r % 40},${r % 2 ? 'yes' : 'no'}`)].join('\n')),
      'mixed.csv',
    ).table;
    const tables = [csvTable(70_000), mixed, loadBuiltInDataset({ id: 'penguins' }).table, rowTable(['a', 'b'], [['1', 'x'], ['', 'y'], ['3.5', 'x']])];
    for (const table of tables) {
      const here = profileColumns(table);
      expect(await data.profiles(table)).toEqual(here);
      expect(await data.profiles(table, [1])).toEqual([here[1]]);
    }
    await expect(data.profiles(tables[3]!, [2])).rejects.toThrow('The table has no column 2 (it has 2).');
  }, 60_000);

  it('forgets a table when told (a failed import\'s): the next request about it sends it again', async () => {
    const table = csvTable(500);
    const before = data.stats().shipments;
    const profiles = await data.profiles(table);
    data.forget(table);
    data.forget(table);
    data.forget(csvTable(5));
    expect(await data.profiles(table)).toEqual(profiles);
    expect(data.stats().shipments - before).toBe(2);
  });

  it('reads targets, summarizes the prepared set and keeps the last preparation', async () => {
    const table = loadBuiltInDataset({ id: 'blobs', rows: 900, seed: 4 }).table;
    expect(await data.target(table, 'label')).toEqual(readTarget(table, 'label'));
    const set = dataset(table, 'label');
    const request: PrepareRequest = { task: 'multiclass', seed: 2, testFraction: 0.2 };
    const before = data.stats().preparations;
    const summary = await data.summary(set, request, { shape: { task: 'multiclass', bias: true }, sampleRows: 90 });
    const job = await data.prepare(set, request);
    expect(data.stats().preparations - before).toBe(1);
    expect(summary.size).toEqual({ X: { rows: 720, cols: 2 }, task: 'multiclass', classNames: ['blob1', 'blob2', 'blob3'] });
    expect(summary.shape).toEqual({ task: 'multiclass', rows: 720, features: 2, bias: true });
    expect(summary.sample!.X.rows).toBe(90);
    expect(summary.pipeline).toEqual(job.pipeline);
    // Another split beside it (the form's while a job runs as parts): both kept, neither made again.
    const other: PrepareRequest = { ...request, seed: 3 };
    await data.summary(set, other);
    await data.prepare(set, request);
    await data.summary(set, other);
    expect(data.stats().preparations - before).toBe(2);
  });

  it('generates a built-in dataset as loadBuiltInDataset does, and keeps its table: it is never sent back', async () => {
    for (const request of [{ id: 'blobs', rows: 70_000, seed: 9, classes: 4 }, { id: 'penguins' }, { id: 'curve-1d', rows: 500, seed: 2, noise: 0.3 }]) {
      const here = loadBuiltInDataset(request);
      const { dataset: there, target } = await data.builtIn(request);
      expect({ ...there, table: null }).toEqual({ ...here, table: null });
      expect(there.table.columns).toEqual(here.table.columns);
      expect(tableRows(there.table)).toEqual(tableRows(here.table));
      expect(tableForm(there.table)).toEqual(tableForm(here.table));
      expect(target).toEqual(readTarget(here.table, here.target, here.task));
      // Asked about, the table is the worker's own: nothing is sent.
      const shipments = data.stats().shipments;
      expect(await data.target(there.table, here.target)).toEqual(target);
      const set = dataset(there.table, here.target);
      const task = target.task;
      expect((await data.prepare(set, { task, seed: 1, testFraction: 0.2 })).train.X.data).toEqual(prepareJob(dataset(here.table, here.target), { task, seed: 1, testFraction: 0.2 }).train.X.data);
      expect(data.stats().shipments).toBe(shipments);
    }
    await expect(data.builtIn({ id: 'blobs', rows: 3 })).rejects.toMatchObject({ code: 'data/invalid-generator' });
    await expect(data.builtIn({ id: 'iris', seed: 3 })).rejects.toMatchObject({ code: 'data/builtin-options' });
  }, 60_000);

  it('computes a finished run\'s fingerprint, test-row predictions and input importance as the main thread does', async () => {
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      const { model, table } = cachedCase(task);
      const there = await data.finishedRun(table, model);
      expect(there).toEqual({ fingerprint: dataFingerprint(table), heldOut: heldOutResults(model, table) });
      expect(there.heldOut!.testPredictions.ok && there.heldOut!.importance.ok).toBe(true);
      expect(await data.finishedRun(table, null)).toEqual({ fingerprint: dataFingerprint(table), heldOut: null });
    }
  });

  it('answers with the error of the core, code and message', async () => {
    const table = loadBuiltInDataset({ id: 'iris' }).table;
    await expect(data.target(table, 'no such column')).rejects.toMatchObject({ code: 'data/unknown-target' });
    await expect(data.prepare(dataset(table, 'species'), { task: 'binary', seed: 1, testFraction: 0.2 })).rejects.toMatchObject({ code: 'data/not-binary', message: expect.stringMatching(/exactly two classes/) });
  });

  it('serves more tables than it keeps at once (the least recently used is sent again)', async () => {
    const tables = Array.from({ length: MAX_WORKER_TABLES + 2 }, (_, k) => loadBuiltInDataset({ id: 'two-moons', rows: 100 + k, seed: k + 1 }).table);
    const targets = await Promise.all(tables.map((table) => data.target(table, 'moon')));
    expect(targets.map((t) => t.y.length)).toEqual(tables.map((t) => t.rowCount));
    for (const table of [tables[0]!, tables.at(-1)!, tables[0]!]) expect((await data.target(table, 'moon')).y.length).toBe(table.rowCount);
  });

  it('fails the requests of a thread that stopped, and starts a new one for the next', async () => {
    const table = loadBuiltInDataset({ id: 'iris' }).table;
    expect((await faulty.target(table, 'species')).classNames).toHaveLength(3);
    await expect(faulty.target(table, FAULTY_COLUMNS.exit)).rejects.toMatchObject({ code: 'worker/exited' });
    expect((await faulty.target(table, 'species')).classNames).toHaveLength(3);
  });

  it("gives the caller a task's ConvexNetError with its details, and drops details that do not fit their schema", async () => {
    const table = loadBuiltInDataset({ id: 'iris' }).table;
    const failure = await faulty.target(table, FAULTY_COLUMNS.details).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConvexNetError);
    expect(failure).toMatchObject({ code: 'data/too-few-columns', message: 'Sheet "Notes" has 1 column.', details: THROWN_DETAILS });
    const invalid = await faulty.target(table, FAULTY_COLUMNS.badDetails).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ConvexNetError);
    expect(invalid).toMatchObject({ code: 'data/too-few-columns', message: 'Sheet "Notes" has 1 column.' });
    expect((invalid as ConvexNetError).details).toBeUndefined();
    // The thread survived both.
    expect((await faulty.target(table, 'species')).classNames).toHaveLength(3);
  });
});
