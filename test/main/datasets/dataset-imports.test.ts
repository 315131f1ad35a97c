import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetInspection, DatasetRows, ImportProgressEvent, UploadChunkResponse } from '../../../src-core/contract/dataset-types';
import type { DatasetSummary, RunResult } from '../../../src-core/contract/operations';
import { DatasetImports } from '../../../src-main/datasets/dataset-imports';
import { PARSE_SLICE_CHARS } from '../../../src-main/datasets/import-table';
import { openTable } from '../../../src-main/datasets/open-table';
import { UPLOAD_IDLE_MS } from '../../../src-main/datasets/pending-uploads';
import type { Services } from '../../../src-main/services/create-services';
import { DataWorker } from '../../../src-main/services/data-worker-client';
import { DatasetRegistry } from '../../../src-main/services/dataset-registry';
import { defaultDataWorkerEntry } from '../../../src-main/services/worker-entry';
import { recordingLogger, scpOptions, startJob, testServices, value } from '../services/service-helpers';

let services: (Services & ReturnType<typeof testServices>) | null = null;
afterEach(async () => {
  await services?.dispose();
  services = null;
});

function open(): Services & ReturnType<typeof testServices> {
  services = testServices();
  return services;
}

/** Uploads bytes in pieces of `piece` bytes; returns the upload id. */
async function upload(s: Services, bytes: Uint8Array, piece = 1 << 20): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < bytes.length; at += piece) {
    const chunkBase64 = Buffer.from(bytes.subarray(at, at + piece)).toString('base64');
    const response = value<UploadChunkResponse>(await s.dispatch('datasets.upload', { ...(uploadId ? { uploadId } : {}), chunkBase64 }));
    uploadId = response.uploadId;
    expect(response.receivedBytes).toBe(Math.min(bytes.length, at + piece));
  }
  return uploadId!;
}

function customersCsv(rows: number): string {
  const lines = ['customer_id,age,plan,spend,churn'];
  for (let i = 0; i < rows; i++) lines.push(`${5000 + i},${20 + (i % 50)},${['basic', 'plus', 'pro'][i % 3]},${i % 7 === 0 ? '' : ((i * 37) % 101) / 2},${i % 3 === 0 || i % 5 === 0 ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/data/${name}`, import.meta.url));

describe('datasets.upload + datasets.import', () => {
  it('imports a CSV sent in pieces, suggests target and ignored columns, and reports progress', async () => {
    const s = open();
    const bytes = new TextEncoder().encode(customersCsv(120));
    const uploadId = await upload(s, bytes, 1000);
    const summary = value<DatasetSummary>(await s.dispatch('datasets.import', { uploadId, fileName: 'customers.csv', importId: 'imp-1' }));
    expect(summary).toMatchObject({ name: 'customers.csv', targetName: 'churn', task: 'binary', rowCount: 120 });
    expect(summary.featureNames).toEqual(['age', 'plan', 'spend']);
    expect(summary.configuration?.ignoredColumns).toEqual(['customer_id']);
    const progress = s.events.all.filter((e) => e.name === 'dataset.importProgress').map((e) => e.payload as ImportProgressEvent);
    expect(progress[0]).toEqual({ importId: 'imp-1', fileName: 'customers.csv', phase: 'parsing', fraction: 0 });
    expect(progress.at(-1)).toEqual({ importId: 'imp-1', fileName: 'customers.csv', phase: 'inspecting', fraction: 1 });
    // The upload is consumed by the import.
    const again = await s.dispatch('datasets.import', { uploadId, fileName: 'customers.csv', importId: 'imp-2' });
    expect(again.ok ? null : again.error.code).toBe('data/unknown-upload');
  });

  it('reads XLSX with a chosen sheet, and names the sheets when the choice is unknown', async () => {
    const s = open();
    const bytes = fixture('two-sheets.xlsx');
    const first = value<DatasetSummary>(await s.dispatch('datasets.import', { uploadId: await upload(s, bytes), fileName: 'b.xlsx', importId: 'x1' }));
    expect(first.rowCount).toBe(3);
    const inspection = value<DatasetInspection>(await s.dispatch('datasets.inspect', { datasetId: first.datasetId }));
    expect(inspection.source).toMatchObject({ format: 'xlsx', sheet: 'Measurements', sheets: ['Measurements', 'Notes'] });
    const bad = await s.dispatch('datasets.import', { uploadId: await upload(s, bytes), fileName: 'b.xlsx', importId: 'x2', options: { sheet: 'Nope' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/no sheet named "Nope"; its sheets are "Measurements", "Notes"/);
    expect(bad.ok ? null : bad.error.details).toEqual({ kind: 'workbook-sheets', sheet: 'Nope', sheets: ['Measurements', 'Notes'] });
  });

  it('gives a failed first sheet (one column of notes) the sheets as details, so another can be chosen', async () => {
    const s = open();
    const bytes = fixture('notes-first.xlsx');
    const failed = await s.dispatch('datasets.import', { uploadId: await upload(s, bytes), fileName: 'n.xlsx', importId: 'n1' });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe('data/too-few-columns');
    expect(failed.error.message).toMatch(/^n\.xlsx, sheet "Notes", has 1 column;.* other sheet: "Measurements"/);
    expect(failed.error.details).toEqual({ kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Measurements'] });
    const chosen = value<DatasetSummary>(await s.dispatch('datasets.import', { uploadId: await upload(s, bytes), fileName: 'n.xlsx', importId: 'n2', options: { sheet: 'Measurements' } }));
    expect(chosen.rowCount).toBe(3);
  });

  it('gives no sheet details for a file that is not a workbook', async () => {
    const s = open();
    const failed = await s.dispatch('datasets.import', { uploadId: await upload(s, new TextEncoder().encode('only\n1\n2\n')), fileName: 'one.csv', importId: 'c1' });
    expect(failed.ok ? null : failed.error).toEqual({ code: 'data/too-few-columns', message: expect.stringMatching(/^one\.csv has 1 column/) as string });
  });

  it('honours manual overrides of delimiter, decimal separator and header', async () => {
    const s = open();
    const bytes = new TextEncoder().encode('1;2,5;a\n3;4,5;b\n5;6,5;a\n7;8,5;b\n');
    const summary = value<DatasetSummary>(
      await s.dispatch('datasets.import', { uploadId: await upload(s, bytes), fileName: 'x.txt', importId: 'o', options: { delimiter: ';', decimal: ',', header: false } }),
    );
    expect(summary.previewColumns).toEqual(['column_1', 'column_2', 'column_3']);
    expect(summary.previewRows[0]).toEqual(['1', '2.5', 'a']);
  });

  it('opens the file, profiles the columns and chooses the target in the data worker to the same dataset, inspection and progress as on this thread', async () => {
    const data = new DataWorker({ entry: defaultDataWorkerEntry(), logger: recordingLogger() });
    try {
      const there = new DatasetRegistry({}, {
        target: (table, column, task) => data.target(table, column, task),
        profiles: (table, columns) => data.profiles(table, columns),
        open: (input, fileName, options, control) => data.openFile(input, fileName, options, control),
      });
      const here = new DatasetRegistry();
      const bytes = new TextEncoder().encode(customersCsv(5_000));
      const events: ImportProgressEvent[][] = [[], []];
      const [a, b] = await Promise.all([
        new DatasetImports(there, (event) => events[0]!.push(event), () => 0).importBytes(bytes, 'c.csv', 'c.csv', 'w'),
        new DatasetImports(here, (event) => events[1]!.push(event), () => 0).importBytes(bytes, 'c.csv', 'c.csv', 'h'),
      ]);
      expect({ ...a, table: null }).toEqual({ ...b, table: null });
      expect(a.configuration.ignoredColumns).toEqual(['customer_id']);
      expect(await there.inspect(a.datasetId)).toEqual(await here.inspect(b.datasetId));
      expect(events[0]!.map((e) => [e.phase, e.fraction])).toEqual(events[1]!.map((e) => [e.phase, e.fraction]));
      // No column can be the target (each holds one class): the same first error from the worker.
      const single = new TextEncoder().encode('a,b\nx,y\nx,y\n');
      const refusal = async (registry: DatasetRegistry): Promise<unknown> =>
        new DatasetImports(registry, () => {}).importBytes(single, 'one.csv', 'one.csv', 'one').then(
          () => null,
          (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
        );
      const expected = await refusal(here);
      expect(expected).toMatchObject({ code: expect.stringMatching(/^data\//) });
      expect(await refusal(there)).toEqual(expected);
    } finally {
      await data.dispose();
    }
  }, 60_000);

  it('tells the thread that opened the table to drop it when the import is cancelled as the table comes back, or refused', async () => {
    const forgotten: string[][] = [];
    let imports: DatasetImports | null = null;
    const registry = new DatasetRegistry({}, {
      forget: (table) => forgotten.push([...table.columns]),
      // As the data worker's reply arrives: parsed, profiled and kept there; the cancel lands now.
      open: async (input, fileName, options, control) => {
        const opened = await openTable(input, fileName, options, control);
        if (fileName === 'c.csv') imports!.cancel('c');
        return opened;
      },
    });
    imports = new DatasetImports(registry, () => {});
    await expect(imports.importBytes(new TextEncoder().encode(customersCsv(50)), 'c.csv', 'c.csv', 'c')).rejects.toMatchObject({ code: 'data/import-cancelled' });
    await expect(imports.importBytes(new TextEncoder().encode('a,b\nx,y\nx,y\n'), 'one.csv', 'one.csv', 'one')).rejects.toThrow(/^one\.csv: /);
    expect(forgotten).toEqual([['customer_id', 'age', 'plan', 'spend', 'churn'], ['a', 'b']]);
    await imports.importBytes(new TextEncoder().encode(customersCsv(50)), 'ok.csv', 'ok.csv', 'ok');
    expect(forgotten).toHaveLength(2);
  });

  it('cancels an import in progress between parse slices; nothing loaded before is lost', async () => {
    const registry = new DatasetRegistry();
    const before = registry.loadBuiltIn({ id: 'iris' });
    const events: ImportProgressEvent[] = [];
    const imports = new DatasetImports(registry, (event) => {
      events.push(event);
      // Cancel as soon as the parse reported progress past its start: the next slice check stops it.
      if (event.phase === 'parsing' && event.fraction > 0) imports.cancel('big');
    }, () => events.length * 1000);
    const bytes = new TextEncoder().encode(customersCsv(250_000));
    expect(bytes.length).toBeGreaterThan(2 * PARSE_SLICE_CHARS);
    await expect(imports.importBytes(bytes, 'big.csv', 'big.csv', 'big')).rejects.toMatchObject({ code: 'data/import-cancelled' });
    expect(events.at(-1)!.fraction).toBeLessThan(0.9);
    expect(registry.get(before.datasetId).summary.rowCount).toBe(150);
    expect(imports.cancel('big')).toEqual({ accepted: false });
  });

  it('keeps an upload whose import is refused because its import id is busy, for a retry', async () => {
    const registry = new DatasetRegistry();
    let imports: DatasetImports | null = null;
    const pending: { second?: Promise<unknown> } = {};
    const small = new TextEncoder().encode(customersCsv(30));
    imports = new DatasetImports(registry, (event) => {
      // While "same" parses, a second upload asks for the same import id: refused, and kept.
      if (pending.second === undefined && event.phase === 'parsing') {
        const uploadId = imports!.upload({ chunkBase64: Buffer.from(small).toString('base64') }).uploadId;
        pending.second = imports!.importUpload({ uploadId, fileName: 'small.csv', importId: 'same' }).then(
          () => 'imported',
          (error: { code: string }) => ({ code: error.code, uploadId }),
        );
      }
    });
    await imports.importBytes(new TextEncoder().encode(customersCsv(2_000)), 'big.csv', 'big.csv', 'same');
    const refused = (await pending.second) as { code: string; uploadId: string };
    expect(refused.code).toBe('data/import-running');
    // Before: "There is no upload ...; send the file again."
    const retried = await imports.importUpload({ uploadId: refused.uploadId, fileName: 'small.csv', importId: 'same' });
    expect(retried.summary.rowCount).toBe(30);
  });

  it('refuses the import of an upload that went idle, saying it expired and to send the file again', async () => {
    let time = 0;
    const timers: (() => void)[] = [];
    const imports = new DatasetImports(new DatasetRegistry(), () => {}, () => time, (callback) => (timers.push(callback), () => {}));
    const { uploadId } = imports.upload({ chunkBase64: Buffer.from(customersCsv(30)).toString('base64') });
    expect(imports.pendingUploadBytes()).toBeGreaterThan(0);
    time += UPLOAD_IDLE_MS;
    for (const fire of timers.splice(0)) fire();
    expect(imports.pendingUploadBytes()).toBe(0);
    await expect(imports.importUpload({ uploadId, fileName: 'late.csv', importId: 'late' })).rejects.toMatchObject({ code: 'data/upload-expired', message: expect.stringMatching(/expired.*Send the file again/) });
  });

  it('refuses an upload piece that is not base64, and an unknown upload id', async () => {
    const s = open();
    const bad = await s.dispatch('datasets.upload', { chunkBase64: 'not base64!' });
    expect(bad.ok ? '' : bad.error.code).toBe('contract/invalid-request');
    const unknown = await s.dispatch('datasets.upload', { uploadId: 'upload-x', chunkBase64: 'AAAA' });
    expect(unknown.ok ? '' : unknown.error.code).toBe('data/unknown-upload');
  });
});

describe('datasets.inspect, datasets.rows and datasets.configure', () => {
  it('profiles columns, pages rows, and configures target, roles, task and preparation into a new dataset', async () => {
    const s = open();
    const imported = value<DatasetSummary>(
      await s.dispatch('datasets.import', { uploadId: await upload(s, new TextEncoder().encode(customersCsv(90))), fileName: 'c.csv', importId: 'c' }),
    );
    const inspection = value<DatasetInspection>(await s.dispatch('datasets.inspect', { datasetId: imported.datasetId }));
    expect(inspection.columns.map((c) => [c.name, c.kind, c.suggestedRole])).toEqual([
      ['customer_id', 'numeric', 'ignore'],
      ['age', 'numeric', 'feature'],
      ['plan', 'categorical', 'feature'],
      ['spend', 'numeric', 'feature'],
      ['churn', 'boolean', 'feature'],
    ]);
    const page = value<DatasetRows>(await s.dispatch('datasets.rows', { datasetId: imported.datasetId, offset: 85, limit: 50 }));
    expect(page.rows).toHaveLength(5);
    expect(page.totalRows).toBe(90);

    const configured = value<DatasetSummary>(
      await s.dispatch('datasets.configure', {
        datasetId: imported.datasetId,
        target: 'plan',
        ignoredColumns: ['customer_id', 'spend'],
        preparation: { imputation: 'median', scaling: 'min-max', maxCategories: 10 },
        classWeights: 'balanced',
      }),
    );
    expect(configured.datasetId).not.toBe(imported.datasetId);
    expect(configured).toMatchObject({ targetName: 'plan', task: 'multiclass', featureNames: ['age', 'churn'], classNames: ['basic', 'plus', 'pro'], classCounts: [30, 30, 30] });
    const defaults = value<{ classWeights?: unknown }>(await s.dispatch('training.defaults', { datasetId: configured.datasetId }));
    expect(defaults.classWeights).toBe('balanced');

    // A job on the configured dataset uses its roles and preparation.
    const jobId = await startJob(s, { datasetId: configured.datasetId, options: scpOptions('multiclass'), testFraction: 0.2 });
    await s.events.ended(jobId);
    const result = value<RunResult>(await s.dispatch('jobs.result', { jobId }));
    expect(result.task).toBe('multiclass');
    const model = s.modelFile(jobId)!;
    expect(model.preprocessing.steps.map((step) => step.column)).toEqual(['age', 'churn']);
    expect(model.preprocessing).toMatchObject({ scaling: 'min-max', imputation: 'median' });
  });

  it('refuses a configuration without features, with unknown columns, or with a task that does not fit', async () => {
    const s = open();
    const id = value<DatasetSummary>(await s.dispatch('datasets.loadBuiltIn', { id: 'iris' })).datasetId;
    const all = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
    const codes = await Promise.all([
      s.dispatch('datasets.configure', { datasetId: id, target: 'species', ignoredColumns: all }),
      s.dispatch('datasets.configure', { datasetId: id, target: 'nope', ignoredColumns: [] }),
      s.dispatch('datasets.configure', { datasetId: id, target: 'species', task: 'binary', ignoredColumns: [] }),
      s.dispatch('datasets.configure', { datasetId: id, target: 'species', ignoredColumns: [], classWeights: [1, 2] }),
    ]);
    expect(codes.map((c) => (c.ok ? 'ok' : c.error.code))).toEqual(['data/no-features', 'data/unknown-column', 'data/not-binary', 'data/class-weights']);
  });
});
