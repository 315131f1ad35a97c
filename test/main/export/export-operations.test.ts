import { PREDICTIONS_PREVIEW_ROWS } from '../../../src-main/export/model-exporter';
import { rmSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportedFile, ImportedModelInfo, PredictionsExport } from '../../../src-core/contract/export-types';
import type { RunRecordSummary, RunListing, StoredRun } from '../../../src-core/contract/run-history';
import { MAX_UPLOAD_REQUEST_BYTES } from '../../../src-core/contract/request-schemas';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import type { ModelFile } from '../../../src-core/model/model-file';
import { MODEL_VERSION, predictRaw } from '../../../src-core/model/model-file';
import { loadDataset, scpOptions, startJob, testServices, value } from '../services/service-helpers';
import { freshFolder } from '../workspace/workspace-fixtures';
import { tableRows } from '../../../src-core/data/raw-table';

const workspace = freshFolder('convexnet-export-ops-');
const services = testServices({ poolSize: 1, workspaceFolder: workspace });
afterAll(async () => {
  await services.dispose();
  rmSync(workspace, { recursive: true, force: true });
});

const moonsCsv = (rows: number, seed: number): string => {
  const table = twoMoonsTable({ rows, seed, noise: 0.2 });
  return [table.columns.join(','), ...tableRows(table).map((r) => r.join(','))].join('\n');
};

/** Trains SCP on two moons (default generator settings) and waits for the run to be saved. */
async function trainedRun(): Promise<{ jobId: string; saved: RunRecordSummary }> {
  const datasetId = await loadDataset(services, { id: 'two-moons', rows: 80, seed: 4 });
  const savedEvent = new Promise<RunRecordSummary>((resolve) => {
    const stop = services.onEvent((name, payload) => {
      if (name !== 'run.saved') return;
      stop();
      resolve(payload as RunRecordSummary);
    });
  });
  const jobId = await startJob(services, { datasetId, options: scpOptions('binary'), testFraction: 0.25, label: 'moons for export' });
  const saved = await savedEvent;
  return { jobId, saved };
}

let run: Promise<{ jobId: string; saved: RunRecordSummary }> | null = null;
const once = (): Promise<{ jobId: string; saved: RunRecordSummary }> => (run ??= trainedRun());

describe('run history and export operations', () => {
  it('saves every finished run: runs.list / runs.get / runs.rename / workspace.info through dispatch', async () => {
    const { jobId, saved } = await once();
    expect(saved).toMatchObject({ jobId, name: 'moons for export', task: 'binary', solver: 'scp', hasModel: true });
    const listing = value<RunListing>(await services.dispatch('runs.list', { search: 'moons' }));
    expect(listing.runs.map((r) => r.runId)).toEqual([saved.runId]);
    const stored = value<StoredRun>(await services.dispatch('runs.get', { runId: saved.runId }));
    const live = value(await services.dispatch('jobs.result', { jobId }));
    expect(stored.result).toEqual(JSON.parse(JSON.stringify(live)));
    expect(stored.data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(value<RunRecordSummary>(await services.dispatch('runs.rename', { runId: saved.runId, name: 'renamed' })).name).toBe('renamed');
    expect(value<{ runCount: number; folder: string }>(await services.dispatch('workspace.info', undefined))).toMatchObject({ runCount: 1, folder: workspace });
    const bad = await services.dispatch('runs.get', { runId: '../../etc/passwd' });
    expect(bad.ok ? null : bad.error.code).toBe('workspace/unknown-run');
  });

  it('exports the model JSON; importing it back predicts identically', async () => {
    const { saved } = await once();
    const file = value<ExportedFile>(await services.dispatch('export.model', { source: { runId: saved.runId }, format: 'json' }));
    expect(file).toMatchObject({ encoding: 'utf8', mimeType: 'application/json' });
    expect(file.fileName).toMatch(/\.json$/);
    const model = JSON.parse(file.content) as ModelFile;
    const info = value<ImportedModelInfo>(await services.dispatch('models.import', { file: { fileName: 'model.json', encoding: 'utf8', content: file.content } }));
    expect(info).toMatchObject({ fromFormat: 'json', task: 'binary', solver: 'scp', inputColumns: ['x1', 'x2'], classNames: model.classNames });

    const csv = moonsCsv(30, 11);
    const fromImport = value<PredictionsExport>(await services.dispatch('export.predictions', { source: { importedModelId: info.importedModelId }, file: { fileName: 'new.csv', encoding: 'utf8', content: csv } }));
    const fromRun = value<PredictionsExport>(await services.dispatch('export.predictions', { source: { runId: saved.runId }, file: { fileName: 'new.csv', encoding: 'utf8', content: csv } }));
    expect(fromImport.file.content).toBe(fromRun.file.content);
    expect(fromImport.rowCount).toBe(30);
    expect(fromImport.previewColumns).toEqual(['prediction', ...model.classNames.map((c) => `probability_${c}`)]);
    // ... and they are the model's own predictions on those raw rows.
    const direct = predictRaw(model, parseDelimited(csv));
    expect(tableRows(parseDelimited(fromImport.file.content)).map((r) => r[0])).toEqual(Array.from(direct.labels!, (c) => model.classNames[c]));
    expect(fromImport.notes).toEqual([]);
    // The preview shows the file's first rows, also when a class name holds a line break.
    const renamed = ['two\nlines', '=1+2'];
    const oddNames = JSON.stringify({ ...model, classNames: renamed, preprocessing: { ...model.preprocessing, classNames: renamed } });
    const odd = value<ImportedModelInfo>(await services.dispatch('models.import', { file: { fileName: 'odd.json', encoding: 'utf8', content: oddNames } }));
    const oddPredictions = value<PredictionsExport>(await services.dispatch('export.predictions', { source: { importedModelId: odd.importedModelId }, file: { fileName: 'new.csv', encoding: 'utf8', content: csv } }));
    const written = tableRows(parseDelimited(oddPredictions.file.content));
    expect(oddPredictions.previewRows).toEqual(written.slice(0, oddPredictions.previewRows.length));
    expect(oddPredictions.previewRows.length).toBe(Math.min(PREDICTIONS_PREVIEW_ROWS, 30));
    expect(oddPredictions.previewRows.map((r) => r[0])).toContain('two\nlines');
    // A row with no inputs still gets its line in the file, and the reply says what it rests on.
    const gaps = `x1,x2\n0.5,\n,\n1,0\n`;
    const withGaps = value<PredictionsExport>(await services.dispatch('export.predictions', { source: { runId: saved.runId }, file: { fileName: 'gaps.csv', encoding: 'utf8', content: gaps } }));
    expect(withGaps.rowCount).toBe(3);
    expect(withGaps.notes).toEqual([
      expect.stringMatching(/^1 row had missing input cells; they were filled as in training/),
      expect.stringMatching(/^1 row \(line 3\) has no value in any input column/),
    ]);
  });

  it('refuses a model file of a newer format version with a clear message', async () => {
    const { saved } = await once();
    const file = value<ExportedFile>(await services.dispatch('export.model', { source: { runId: saved.runId }, format: 'json' }));
    const newer = { ...(JSON.parse(file.content) as Record<string, unknown>), version: MODEL_VERSION + 1 };
    const reply = await services.dispatch('models.import', { file: { fileName: 'newer.json', encoding: 'utf8', content: JSON.stringify(newer) } });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('model-file/newer-version');
    expect(reply.error.message).toMatch(/newer ConvexNet Studio.*Update/);
    const notJson = await services.dispatch('models.import', { file: { fileName: 'x.json', encoding: 'utf8', content: 'hello' } });
    expect(notJson.ok ? null : notJson.error.code).toBe('model-file/not-json');
  });

  it('names an imported file called .onnx that is not ONNX', async () => {
    const reply = await services.dispatch('models.import', { file: { fileName: 'junk.onnx', encoding: 'utf8', content: 'a,b\n1,2\n' } });
    expect(reply.ok ? null : reply.error).toMatchObject({ code: 'onnx/malformed', message: expect.stringMatching(/^"junk\.onnx" is not a readable ONNX file: .*Use the model JSON/) });
  });

  it('exports ONNX (base64) that onnxruntime runs, and re-imports our ONNX file', async () => {
    const { jobId } = await once();
    const file = value<ExportedFile>(await services.dispatch('export.model', { source: { jobId }, format: 'onnx' }));
    expect(file.encoding).toBe('base64');
    const bytes = Buffer.from(file.content, 'base64');
    expect(bytes.length).toBe(file.byteLength);
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ input: new ort.Tensor('float64', Float64Array.of(0, 0.5, 1, -0.5), [2, 2]) });
    await session.release();
    expect(out['probabilities']!.dims).toEqual([2, 2]);
    const info = value<ImportedModelInfo>(await services.dispatch('models.import', { file: { fileName: file.fileName, encoding: 'base64', content: file.content } }));
    expect(info).toMatchObject({ fromFormat: 'onnx', task: 'binary' });
  });

  it('exports the HTML report of a run', async () => {
    const { saved } = await once();
    const file = value<ExportedFile>(await services.dispatch('export.model', { source: { runId: saved.runId }, format: 'html' }));
    expect(file).toMatchObject({ encoding: 'utf8', mimeType: 'text/html' });
    expect(file.content).toContain('<section id="certificate">');
    expect(file.content).not.toMatch(/https?:\/\//);
  });

  it('runs.delete removes a run; exporting it afterwards says it is gone', async () => {
    const { saved } = await once();
    expect(value(await services.dispatch('runs.delete', { runId: saved.runId }))).toEqual({ deleted: true });
    expect(value<RunListing>(await services.dispatch('runs.list', undefined)).runs).toEqual([]);
    const reply = await services.dispatch('export.model', { source: { runId: saved.runId }, format: 'json' });
    expect(reply.ok ? null : reply.error.code).toBe('workspace/unknown-run');
  });

  it('switches to another workspace folder (desktop: chosen in a dialog) and pushes workspace.changed', async () => {
    const other = freshFolder('convexnet-export-ops-other-');
    const changed = new Promise<unknown>((resolve) => {
      const stop = services.onEvent((name, payload) => {
        if (name !== 'workspace.changed') return;
        stop();
        resolve(payload);
      });
    });
    try {
      const info = await services.setWorkspaceFolder(other);
      expect(info).toEqual({ folder: other, runCount: 0, problems: [] });
      expect(await changed).toEqual(info);
      expect(value<{ folder: string }>(await services.dispatch('workspace.info', undefined)).folder).toBe(other);
    } finally {
      await services.setWorkspaceFolder(workspace);
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('accepts uploads up to the upload limit only for the upload operations, with a clear message beyond', async () => {
    const big = 'x'.repeat(2_000_000);
    const rejected = await services.dispatch('runs.rename', { runId: 'run-x', name: big });
    expect(rejected.ok ? null : rejected.error.code).toBe('contract/too-large');
    const upload = await services.dispatch('models.import', { file: { fileName: 'big.json', encoding: 'utf8', content: big } });
    expect(upload.ok ? null : upload.error.code).toBe('model-file/not-json');
    const tooBig = await services.dispatch('models.import', { file: { fileName: 'huge.json', encoding: 'utf8', content: 'x'.repeat(MAX_UPLOAD_REQUEST_BYTES) } });
    expect(tooBig.ok ? null : tooBig.error.message).toMatch(/larger than/);
  });
});
