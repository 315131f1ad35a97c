import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ReadTableOptions } from '../../../src-core/data/formats/read-table';
import { DatasetImports } from '../../../src-main/datasets/dataset-imports';
import { openTable, type OpenedTable, type OpenFileInput } from '../../../src-main/datasets/open-table';
import { DatasetRegistry, type TableWork } from '../../../src-main/services/dataset-registry';
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
const folder = mkdtempSync(join(tmpdir(), 'convexnet-data-worker-'));
afterAll(async () => {
  await Promise.all([data.dispose(), faulty.dispose()]);
  rmSync(folder, { recursive: true, force: true });
});

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

/** The file the faulty worker stops on once its parse has begun (CRASH_FILE of faulty-data-worker.ts, which runs only as a thread). */
const CRASH_FILE = 'crash.csv';
const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/data/${name}`, import.meta.url));
const text = (content: string): Uint8Array => new TextEncoder().encode(content);

/** An opened table, or the error of the file, as comparable plain data. */
async function outcome(opening: Promise<OpenedTable>): Promise<unknown> {
  try {
    const { table, ...rest } = await opening;
    return { form: tableForm(table), rows: tableRows(table), ...rest };
  } catch (error) {
    const { code, message, details } = error as { code: string; message: string; details?: unknown };
    return { code, message, details };
  }
}

/** A registry whose files open in the worker (the app's wiring); `open` may wrap the worker's. */
function workerRegistry(worker: DataWorker, open: TableWork['open'] = (...args) => worker.openFile(...args)): DatasetRegistry {
  return new DatasetRegistry({}, { target: (t, c, task) => worker.target(t, c, task), profiles: (t, c) => worker.profiles(t, c), forget: (t) => worker.forget(t), open });
}

/** 250,000 rows (~7 MB, several parse slices): an id, numbers, a class of three and a yes/no label. */
function bigCsv(rows = 250_000): Uint8Array {
  const lines = ['id,age,plan,spend,churn'];
  for (let i = 0; i < rows; i++) lines.push(`${5000 + i},${20 + (i % 50)},${['basic', 'plus', 'pro'][i % 3]},${i % 7 === 0 ? '' : ((i * 37) % 101) / 2},${i % 3 === 0 ? 'yes' : 'no'}`);
  return text(lines.join('\n'));
}

describe('opening a data file in the data worker', () => {
  it('gives the table, profiles, target and errors of openTable on this thread, for every format, from bytes or a path', async () => {
    const single = text('a,b\nx,y\nx,y\n');
    const cases: [string, Uint8Array, ReadTableOptions][] = [
      ['diabetes.csv', fixture('diabetes.csv'), {}],
      ['latin1.csv', fixture('latin1.csv'), {}],
      ['quoted-newlines.csv', fixture('quoted-newlines.csv'), {}],
      ['semicolon.csv', fixture('semicolon-decimal-comma.csv'), {}],
      ['sample.tsv', fixture('sample.tsv'), {}],
      ['sample.arff', fixture('sample.arff'), {}],
      ['sample.libsvm', fixture('sample.libsvm'), {}],
      ['records.json', fixture('records.json'), {}],
      ['two-sheets.xlsx', fixture('two-sheets.xlsx'), { sheet: 'Notes' }],
      ['notes-first.xlsx', fixture('notes-first.xlsx'), {}],
      // NA words and a column of many distinct strings (not coded).
      ['mixed.csv', text(['x,city,size,label', ...Array.from({ length: 5_000 }, (_, r) => `${r % 97 === 0 ? 'NA' : (r / 7).toFixed(3)},city-${r % 13}-${r},${['S', 'M', 'L'][r % 3]},${r % 5 === 0 ? 'yes' : 'no'}`)].join('\n')), {}],
      ['overrides.txt', text('1;2,5;a\n3;4,5;b\n5;6,5;a\n'), { delimiter: ';', decimal: ',', header: false }],
      // Bad files: the same code, message and details.
      ['unknown-sheet.xlsx', fixture('two-sheets.xlsx'), { sheet: 'Nope' }],
      ['broken.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]), {}],
      ['garbage.csv', new Uint8Array([0x41, 0x00, 0x42, 0x07, 0x08]), {}],
      ['empty.csv', new Uint8Array(0), {}],
      ['bad.json', text('[{"a": 1}, {"a": '), {}],
      ['not-a-book.csv', single, { sheet: 'Data' }],
      // No column can be the target (one class each): the first candidate's error.
      ['single.csv', single, {}],
      ['one-column.csv', text('only\n1\n2\n'), {}],
    ];
    for (const [name, bytes, options] of cases) {
      const path = join(folder, name);
      writeFileSync(path, bytes);
      for (const input of [{ kind: 'bytes', chunks: [bytes.slice(0, 7), bytes.slice(7)] }, { kind: 'path', path }] satisfies OpenFileInput[]) {
        const here = await outcome(openTable(input, name, options));
        expect({ name, input: input.kind, outcome: await outcome(data.openFile(input, name, options)) }).toEqual({ name, input: input.kind, outcome: here });
      }
    }
    const missing = { kind: 'path', path: join(folder, 'missing.csv') } as const;
    expect(await outcome(data.openFile(missing, 'missing.csv', {}))).toEqual(await outcome(openTable(missing, 'missing.csv', {})));
    expect(await outcome(data.openFile({ kind: 'bytes', chunks: [fixture('two-sheets.xlsx')] }, 'b.xlsx', { sheet: 'Nope' }))).toMatchObject({ code: 'data/unknown-sheet', details: { kind: 'workbook-sheets', sheets: ['Measurements', 'Notes'] } });
  }, 120_000);

  it('sends a row table and a column of many distinct strings back in pieces, to the same table', async () => {
    const records = text(`[${Array.from({ length: 20_000 }, (_, r) => `{"id": "r${r}", "x": ${r / 4}, "note": "n${r % 7}", "y": ${r % 3 === 0}}`).join(',\n')}]`);
    const names = text(['name,x,label', ...Array.from({ length: 70_000 }, (_, r) => `name-${r},${r % 11},${r % 2 ? 'a' : 'b'}`)].join('\n'));
    for (const [name, bytes] of [['records.json', records], ['names.csv', names]] as const) {
      const input: OpenFileInput = { kind: 'bytes', chunks: [bytes] };
      expect(await outcome(data.openFile(input, name, {}))).toEqual(await outcome(openTable(input, name, {})));
    }
  }, 60_000);

  it('keeps the opened table: later requests about it send nothing', async () => {
    const opened = await data.openFile({ kind: 'bytes', chunks: [bigCsv(20_000)] }, 'c.csv', {});
    const shipments = data.stats().shipments;
    expect(await data.profiles(opened.table)).toEqual(opened.profiles);
    expect(await data.target(opened.table, 'churn')).toEqual(readTarget(opened.table, 'churn'));
    expect(data.stats().shipments).toBe(shipments);
  });

  it('takes an upload\'s pieces handed over without a copy (not a piece of Node\'s shared pool)', async () => {
    const bytes = bigCsv(5_000);
    const own = Buffer.from(bytes.slice(0, 60_000));
    const pooled = Buffer.from(bytes.slice(60_000, 60_100));
    const rest = Buffer.from(bytes.slice(60_100));
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const opened = await data.openFile({ kind: 'bytes', chunks: [own, pooled, rest], handOver: true }, 'c.csv', {});
    expect(tableRows(opened.table)).toEqual(tableRows((await openTable({ kind: 'bytes', chunks: [bytes] }, 'c.csv', {})).table));
    expect([own.byteLength, pooled.byteLength, rest.byteLength]).toEqual([0, 100, 0]);
  });

  it('stops at a cancel during the parse, or as the table comes back, and the worker keeps no table of it', async () => {
    const bytes = bigCsv();
    // A thread of its own: it holds no table to begin with.
    const data = new DataWorker({ entry: defaultDataWorkerEntry(), logger: recordingLogger() });
    onTestFinished(() => data.dispose());
    for (const when of ['parsing', 'back'] as const) {
      let imports: DatasetImports | null = null;
      const registry = workerRegistry(data, async (...args) => {
        const opened = await data.openFile(...args);
        if (when === 'back') imports!.cancel('c');
        return opened;
      });
      const phases: string[] = [];
      imports = new DatasetImports(registry, (event) => {
        phases.push(event.phase);
        if (when === 'parsing' && event.phase === 'parsing' && event.fraction > 0) imports!.cancel('c');
      }, () => phases.length * 1000);
      await expect(imports.importBytes(bytes, 'c.csv', 'c.csv', 'c')).rejects.toMatchObject({ code: 'data/import-cancelled', message: 'Opening c.csv was cancelled; the data loaded before is unchanged.' });
      expect(phases.includes('inspecting')).toBe(when === 'back');
      expect(data.stats().heldTables).toBe(0);
    }
    // The worker goes on: the same file opens.
    const imports = new DatasetImports(workerRegistry(data), () => {});
    expect((await imports.importBytes(bytes, 'c.csv', 'c.csv', 'c')).summary.rowCount).toBe(250_000);
    expect(data.stats().heldTables).toBe(1);
  }, 60_000);

  it('says which file could not be opened when the worker stops during its parse, and opens the next', async () => {
    const imports = new DatasetImports(workerRegistry(faulty), () => {});
    await expect(imports.importBytes(bigCsv(1_000), CRASH_FILE, CRASH_FILE, 'x')).rejects.toMatchObject({
      code: 'worker/exited',
      message: `${CRASH_FILE} could not be opened: The data worker stopped unexpectedly (exit code 6); try again.`,
    });
    expect((await imports.importBytes(bigCsv(1_000), 'fine.csv', 'fine.csv', 'y')).summary.rowCount).toBe(1_000);
  });
});
