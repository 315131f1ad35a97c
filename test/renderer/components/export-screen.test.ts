// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportedFile, ImportedModelInfo, PredictionsExport } from '../../../src-core/contract/export-types';
import type { RunRecordSummary } from '../../../src-core/contract/run-history';
import ExportScreen from '../../../src-renderer/components/ExportScreen.vue';
import { useJobsStore } from '../../../src-renderer/stores/jobs';
import { createFakeTransport, errorEnvelope, okEnvelope } from '../support/fake-transport';
import { jobSummary, runResult } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

afterEach(() => vi.restoreAllMocks());

const savedRun: RunRecordSummary = {
  runId: 'run-20261128-120000-abcd1234',
  name: 'Iris baseline',
  savedAt: Date.UTC(2026, 10, 28, 12),
  jobId: 'job-9',
  datasetName: 'iris',
  dataFingerprint: 'f'.repeat(64),
  task: 'multiclass',
  solver: 'admm',
  seed: 1,
  status: 'solved',
  statusText: 'Solved.',
  headlineMetric: { name: 'accuracy', split: 'test', value: 0.97 },
  hasModel: true,
};

const onnxFile: ExportedFile = { fileName: 'two-moons.onnx', mimeType: 'application/octet-stream', encoding: 'base64', content: btoa('\x08\x07onnx'), byteLength: 6 };

function downloads(): string[] {
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/1');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return names;
}

function pickFile(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

async function mountScreen(handlers: Parameters<typeof createFakeTransport>[0] = {}) {
  const fake = createFakeTransport({
    'runs.list': () => okEnvelope({ runs: [savedRun], problems: [] }),
    'workspace.info': () => okEnvelope({ folder: '/home/me/.convexnet-studio/workspace', runCount: 1, problems: [] }),
    'jobs.result': () => okEnvelope(runResult()),
    'export.model': () => okEnvelope(onnxFile),
    ...handlers,
  });
  const app = createTestApp(fake.transport);
  const jobs = useJobsStore();
  fake.emit('job.updated', jobSummary({ state: 'finished', status: 'solved', endedAt: 2_000 }));
  jobs.select('job-1');
  await settle();
  const wrapper = mount(ExportScreen, { global: app.global });
  await settle();
  return { fake, wrapper };
}

describe('Export screen', () => {
  it('offers the finished job (selected by default), saved runs and exports ONNX as a download', async () => {
    const names = downloads();
    const { fake, wrapper } = await mountScreen();
    const select = wrapper.get('select[aria-label="Model to export"]');
    expect((select.element as HTMLSelectElement).value).toBe('job:job-1');
    const jobOption = select.find('option[value="job:job-1"]').text();
    expect(jobOption).toMatch(/^Two moons · ADMM · finished /);
    expect(jobOption).not.toContain('job-1');
    expect(select.findAll('option').map((o) => o.text())).toContain('Iris baseline — ' + new Date(savedRun.savedAt).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
    expect(wrapper.get('[data-testid="export-source-summary"]').text()).toContain('Two moons · ADMM');
    expect(wrapper.get('[data-testid="workspace-folder"]').text()).toContain('/home/me/.convexnet-studio/workspace');

    await wrapper.findAll('button').find((b) => b.text() === 'Model as ONNX')!.trigger('click');
    await settle();
    expect(fake.callsOf('export.model')).toEqual([{ source: { jobId: 'job-1' }, format: 'onnx' }]);
    expect(names).toEqual(['two-moons.onnx']);
    expect(wrapper.get('[data-testid="last-export"]').text()).toContain('two-moons.onnx (6 B)');

    await select.setValue(`run:${savedRun.runId}`);
    await wrapper.findAll('button').find((b) => b.text() === 'HTML report')!.trigger('click');
    await settle();
    expect(fake.callsOf('export.model')[1]).toEqual({ source: { runId: savedRun.runId }, format: 'html' });
  });

  it('names why a job or saved run has no model, and offers only its report', async () => {
    // It said "its solve failed numerically" whatever the reason, and offered a job's model regardless.
    const { wrapper } = await mountScreen({
      'jobs.result': () => okEnvelope({ ...runResult(), noModelReason: 'its weights are not all finite numbers, so they cannot be exported' }),
      'runs.list': () => okEnvelope({ runs: [{ ...savedRun, hasModel: false, noModelReason: 'its run file holds no model' }], problems: [] }),
    });
    const button = (label: string) => wrapper.findAll('button').find((b) => b.text() === label)!;
    expect(wrapper.get('[data-testid="no-model-reason"]').text()).toBe('This run has no model to export: its weights are not all finite numbers, so they cannot be exported. Only its report can be exported.');
    expect(button('Model as ONNX').attributes('disabled')).toBeDefined();
    expect(button('HTML report').attributes('disabled')).toBeUndefined();
    await wrapper.get('select[aria-label="Model to export"]').setValue(`run:${savedRun.runId}`);
    expect(wrapper.get('[data-testid="no-model-reason"]').text()).toBe('This run has no model to export: its run file holds no model. Only its report can be exported.');
  });

  it('imports a model file (ONNX as base64), selects it, and predicts on a data file with a preview', async () => {
    const names = downloads();
    const imported: ImportedModelInfo = {
      importedModelId: 'imported-1',
      fileName: 'moons.onnx',
      fromFormat: 'onnx',
      task: 'binary',
      solver: 'admm',
      producer: 'ConvexNet Studio 0.1.0',
      inputColumns: ['x1', 'x2'],
      classNames: ['lower', 'upper'],
      neuronCount: 8,
    };
    const predictions: PredictionsExport = {
      file: { fileName: 'new-predictions.csv', mimeType: 'text/csv', encoding: 'utf8', content: 'prediction,probability_lower,probability_upper\nupper,0.1,0.9\n', byteLength: 60 },
      rowCount: 1,
      previewColumns: ['prediction', 'probability_lower', 'probability_upper'],
      previewRows: [['upper', '0.1', '0.9']],
      notes: ['1 row (line 3) has no value in any input column: its prediction is the model\'s output for the fill values alone, not a prediction about that row.'],
    };
    const { fake, wrapper } = await mountScreen({ 'models.import': () => okEnvelope(imported), 'export.predictions': () => okEnvelope(predictions) });

    pickFile(wrapper.get('input[aria-label="Model file to import"]').element as HTMLInputElement, new File([Uint8Array.from([8, 7, 1])], 'moons.onnx'));
    await settle(10);
    expect(fake.callsOf('models.import')).toEqual([{ file: { fileName: 'moons.onnx', encoding: 'base64', content: btoa('\x08\x07\x01') } }]);
    expect((wrapper.get('select[aria-label="Model to export"]').element as HTMLSelectElement).value).toBe('imported:imported-1');
    expect(wrapper.get('[data-testid="export-source-summary"]').text()).toContain('needs columns x1, x2');

    pickFile(wrapper.get('input[aria-label="Data file to predict"]').element as HTMLInputElement, new File(['x1,x2\n0,1\n'], 'new.csv'));
    await settle(10);
    expect(fake.callsOf('export.predictions')).toEqual([{ source: { importedModelId: 'imported-1' }, file: { fileName: 'new.csv', encoding: 'base64', content: btoa('x1,x2\n0,1\n') } }]);
    expect(wrapper.get('table[aria-label="Predictions preview"]').findAll('td').map((td) => td.text())).toEqual(['upper', '0.1', '0.9']);
    // What the predictions rest on is said beside them.
    expect(wrapper.get('ul[aria-label="Notes on the predictions"]').text()).toContain('no value in any input column');
    expect(names).toEqual(['new-predictions.csv']);
  });

  it('sends a model file as its bytes whatever its name, so the back end reads it by content (an ONNX file renamed .json)', async () => {
    const { fake, wrapper } = await mountScreen({ 'models.import': () => errorEnvelope('model-file/invalid', 'not read in this test') });
    // Bytes that are not UTF-8: read as text they would turn into U+FFFD and the ONNX would be lost.
    pickFile(wrapper.get('input[aria-label="Model file to import"]').element as HTMLInputElement, new File([Uint8Array.from([8, 0xff, 0x80])], 'renamed.json'));
    await settle(10);
    expect(fake.callsOf('models.import')).toEqual([{ file: { fileName: 'renamed.json', encoding: 'base64', content: btoa('\x08\xff\x80') } }]);
  });

  it('does the export asked for from the desktop menu (File > Export Model as ONNX…)', async () => {
    const names = downloads();
    const { useRunsStore } = await import('../../../src-renderer/stores/runs');
    const { fake } = await mountScreen();
    useRunsStore().requestExport('onnx');
    await settle();
    expect(fake.callsOf('export.model')).toEqual([{ source: { jobId: 'job-1' }, format: 'onnx' }]);
    expect(names).toEqual(['two-moons.onnx']);
    expect(useRunsStore().requestedExport).toBeNull();
  });

  it('re-reads the run list when the workspace folder changes', async () => {
    const { fake, wrapper } = await mountScreen();
    const before = fake.callsOf('runs.list').length;
    fake.emit('workspace.changed', { folder: '/data/other-runs', runCount: 0, problems: [] });
    await settle();
    expect(fake.callsOf('runs.list').length).toBe(before + 1);
    expect(wrapper.get('[data-testid="workspace-folder"]').text()).toContain('/home/me/.convexnet-studio/workspace');
  });

  it('shows the back end refusal (e.g. a newer model file) as an error toast, and nothing is selected', async () => {
    const { wrapper } = await mountScreen({
      'models.import': () => errorEnvelope('model-file/newer-version', 'This model file has format version 2, made by a newer ConvexNet Studio.'),
    });
    const { useToastsStore } = await import('../../../src-renderer/stores/toasts');
    pickFile(wrapper.get('input[aria-label="Model file to import"]').element as HTMLInputElement, new File(['{}'], 'newer.json'));
    await settle(10);
    const toast = useToastsStore().toasts.at(-1)!;
    expect(toast).toMatchObject({ kind: 'error', title: 'Could not import the model', code: 'model-file/newer-version' });
    expect((wrapper.get('select[aria-label="Model to export"]').element as HTMLSelectElement).value).toBe('job:job-1');
  });
});
