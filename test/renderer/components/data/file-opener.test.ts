// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import type { DatasetInspection, ImportDatasetRequest, ReopenDatasetRequest } from '../../../../src-core/contract/dataset-types';
import type { DatasetSummary } from '../../../../src-core/contract/operations';
import { profileColumns } from '../../../../src-core/data/column-profile';
import { rowTable } from '../../../../src-core/data/raw-table';
import FileOpener from '../../../../src-renderer/components/data/FileOpener.vue';
import { useDesktopMenu } from '../../../../src-renderer/composables/use-desktop-menu';
import { useDatasetsStore } from '../../../../src-renderer/stores/datasets';
import { createFakeTransport, errorEnvelope, okEnvelope } from '../../support/fake-transport';
import { createTestApp, settle } from '../../support/test-app';

enableAutoUnmount(afterEach);

const configuration = { target: 'label', task: 'binary' as const, ignoredColumns: [], preparation: { imputation: 'mean' as const, scaling: 'standardize' as const, maxCategories: 50 }, classWeights: 'none' as const };
const table = rowTable(['x', 'label'], [['1', 'a'], ['2', 'b']]);

function summaryOf(name: string, datasetId: string): DatasetSummary {
  return { datasetId, name, task: 'binary', targetName: 'label', rowCount: 2, featureNames: ['x'], classNames: ['a', 'b'], classCounts: [1, 1], previewColumns: ['x', 'label'], previewRows: [], configuration };
}

function setup() {
  let imports = 0;
  const fake = createFakeTransport({
    'datasets.upload': (request) => okEnvelope({ uploadId: request.uploadId ?? `upload-${imports}`, receivedBytes: 4 }),
    'datasets.import': (request) => okEnvelope(summaryOf(request.fileName, `dataset-${++imports}`)),
    'datasets.inspect': (request): ReturnType<typeof okEnvelope<DatasetInspection>> => {
      const xlsx = request.datasetId === 'dataset-1';
      return okEnvelope({
        datasetId: request.datasetId,
        rowCount: 2,
        columns: profileColumns(table),
        source: xlsx ? { format: 'xlsx', encoding: null, dialect: null, sheet: 'Notes', sheets: ['Notes', 'Data', 'Other'] } : { format: 'csv', encoding: 'utf-8', dialect: null, sheet: null, sheets: [] },
        configuration,
        suggestedTarget: 'label',
        inferredTask: 'binary',
      });
    },
  });
  const app = createTestApp(fake.transport);
  const wrapper = mount(FileOpener, { global: app.global, attachTo: document.body });
  return { fake, wrapper, datasets: useDatasetsStore() };
}

async function pickFile(wrapper: ReturnType<typeof setup>['wrapper'], name: string): Promise<void> {
  const input = wrapper.get('[data-testid="dataset-file-input"]');
  Object.defineProperty(input.element, 'files', { value: [new File(['x,y\n'], name)], configurable: true });
  await input.trigger('change');
  await settle(10);
}

describe('FileOpener reading options', () => {
  it('sends a chosen sheet for XLSX files only, so a CSV opened afterwards is read as usual', async () => {
    const { fake, wrapper } = setup();
    await wrapper.get('#import-sheet').setValue('Data');
    await pickFile(wrapper, 'book.xlsx');
    await pickFile(wrapper, '01_bom.csv');
    const requests = fake.callsOf('datasets.import') as ImportDatasetRequest[];
    expect(requests[0]!.options).toEqual({ sheet: 'Data' });
    expect(requests[1]!.options).toBeUndefined();
  });

  it('sends the sheet for a file of any name when Format says Excel', async () => {
    const { fake, wrapper } = setup();
    await wrapper.get('#import-format').setValue('xlsx');
    await wrapper.get('#import-sheet').setValue('Data');
    await pickFile(wrapper, 'export.bin');
    expect((fake.callsOf('datasets.import') as ImportDatasetRequest[])[0]!.options).toEqual({ format: 'xlsx', sheet: 'Data' });
  });

  it('names the chosen options in the summary, which shows while the panel is closed', async () => {
    const { wrapper } = setup();
    const summary = () => wrapper.get('[data-testid="reading-options-summary"]').text();
    expect(summary()).toBe('Reading options (detected automatically)');
    await wrapper.get('#import-sheet').setValue('Data');
    await wrapper.get('#import-delimiter').setValue(';');
    expect(summary()).toBe('Reading options (chosen: separator Semicolon, sheet “Data” of workbooks)');
  });
});

describe('FileOpener sheet choice', () => {
  it("offers a read workbook's sheets and reads the one picked", async () => {
    const { fake, wrapper, datasets } = setup();
    await pickFile(wrapper, 'book.xlsx');
    await datasets.inspectCurrent();
    await settle();
    const picker = wrapper.get('[data-testid="workbook-sheet-picker"]');
    const select = picker.get('select');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Notes', 'Data', 'Other']);
    expect((select.element as HTMLSelectElement).value).toBe('Notes');
    await select.setValue('Data');
    await picker.get('button').trigger('click');
    await settle(10);
    const requests = fake.callsOf('datasets.import') as ImportDatasetRequest[];
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({ fileName: 'book.xlsx', options: { sheet: 'Data' } });
  });

  it('offers no sheet choice for a CSV', async () => {
    const { wrapper, datasets } = setup();
    await pickFile(wrapper, 'book.xlsx');
    await pickFile(wrapper, 'plain.csv');
    await datasets.inspectCurrent();
    await settle();
    expect(wrapper.find('[data-testid="workbook-sheet-picker"]').exists()).toBe(false);
  });
});

describe('FileOpener after a workbook sheet failed', () => {
  const sheetsDetails = { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Data', 'Other'] } as const;

  function failingSetup(details: { kind: 'workbook-sheets'; sheet: string; sheets: readonly string[] }) {
    let imports = 0;
    const fake = createFakeTransport({
      'datasets.upload': (request) => okEnvelope({ uploadId: request.uploadId ?? 'upload', receivedBytes: 4 }),
      'datasets.import': (request) =>
        ++imports === 1
          ? errorEnvelope('data/too-few-columns', `${request.fileName}, sheet "${details.sheet}", has 1 column(s); a dataset needs at least one feature column and a target column.`, { ...details, sheets: [...details.sheets] })
          : okEnvelope(summaryOf(request.fileName, `dataset-${imports}`)),
    });
    const app = createTestApp(fake.transport);
    const wrapper = mount(FileOpener, { global: app.global, attachTo: document.body });
    return { fake, wrapper, datasets: useDatasetsStore() };
  }

  it('offers the sheets the error listed, another than the failed one, and reads the one picked', async () => {
    const { fake, wrapper, datasets } = failingSetup(sheetsDetails);
    await pickFile(wrapper, 'book.xlsx');
    expect(datasets.current).toBeNull();
    const picker = wrapper.get('[data-testid="workbook-sheet-picker"]');
    const select = picker.get('select');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Notes', 'Data', 'Other']);
    expect((select.element as HTMLSelectElement).value).toBe('Data');
    expect(picker.get('#workbook-sheet-help').text()).toBe("“Notes” could not be opened as a dataset; choose another of the workbook's 3 sheets.");
    await picker.get('button').trigger('click');
    await settle(10);
    const requests = fake.callsOf('datasets.import') as ImportDatasetRequest[];
    expect(requests[1]).toMatchObject({ fileName: 'book.xlsx', options: { sheet: 'Data' } });
    expect(datasets.current?.name).toBe('book.xlsx');
    // Once a sheet is open, the picker is that of the workbook on screen, no longer the failure's.
    expect(datasets.failedWorkbook).toBeNull();
  });

  it('says so when the sheet asked for does not exist', async () => {
    const { wrapper } = failingSetup({ kind: 'workbook-sheets', sheet: 'Daten', sheets: ['Notes', 'Data'] });
    await pickFile(wrapper, 'book.xlsx');
    const picker = wrapper.get('[data-testid="workbook-sheet-picker"]');
    expect((picker.get('select').element as HTMLSelectElement).value).toBe('Notes');
    expect(picker.get('#workbook-sheet-help').text()).toBe('The workbook has no sheet “Daten”; choose one of its 2 sheets.');
  });
});

describe('FileOpener for a workbook opened from the desktop menu whose sheet failed', () => {
  const openedFile = { fileId: 'opened-file-1', fileName: 'book.xlsx' };
  const failure = { code: 'data/too-few-columns', message: 'book.xlsx, sheet "Notes", has 1 column(s).', details: { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Data', 'Other'] }, openedFile } as const;

  function menuSetup(reopen: (request: ReopenDatasetRequest) => ReturnType<typeof okEnvelope<DatasetSummary>> | ReturnType<typeof errorEnvelope>) {
    const fake = createFakeTransport({ 'datasets.reopen': reopen });
    const app = createTestApp(fake.transport);
    const wrapper = mount(FileOpener, { global: app.global, attachTo: document.body });
    return { fake, wrapper, datasets: useDatasetsStore() };
  }

  it("offers the sheets of the app.error event and has the main process read the picked one from the file's id", async () => {
    const { fake, wrapper, datasets } = menuSetup(() => okEnvelope(summaryOf('book.xlsx', 'dataset-7')));
    fake.emit('app.error', { ...failure, details: { ...failure.details, sheets: [...failure.details.sheets] } });
    await settle();
    const picker = wrapper.get('[data-testid="workbook-sheet-picker"]');
    expect(picker.get('label').text()).toBe('Sheet of book.xlsx');
    expect(picker.findAll('option').map((o) => o.text())).toEqual(['Notes', 'Data', 'Other']);
    expect((picker.get('select').element as HTMLSelectElement).value).toBe('Data');
    await picker.get('button').trigger('click');
    await settle(10);
    expect(fake.callsOf('datasets.reopen')).toEqual([{ fileId: 'opened-file-1', importId: expect.stringMatching(/^reopen-/) as unknown, options: { sheet: 'Data' } }]);
    expect(fake.callsOf('datasets.upload')).toEqual([]);
    expect(datasets.current?.datasetId).toBe('dataset-7');
    expect(datasets.failedWorkbook).toBeNull();
    expect(wrapper.find('[data-testid="workbook-sheet-picker"]').exists()).toBe(false);
  });

  it('offers the sheets again when the sheet read again fails too', async () => {
    const { fake, wrapper, datasets } = menuSetup(() => errorEnvelope('data/unknown-sheet', 'book.xlsx has no sheet named "Data".', { kind: 'workbook-sheets', sheet: 'Data', sheets: ['Notes', 'Data', 'Other'] }));
    fake.emit('app.error', { ...failure, details: { ...failure.details, sheets: [...failure.details.sheets] } });
    await settle();
    await wrapper.get('[data-testid="workbook-sheet-picker"] button').trigger('click');
    await settle(10);
    expect(datasets.current).toBeNull();
    expect(datasets.failedWorkbook).toMatchObject({ source: { kind: 'opened', file: openedFile }, sheet: 'Data' });
    expect(wrapper.get('#workbook-sheet-help').text()).toBe("“Data” could not be opened as a dataset; choose another of the workbook's 3 sheets.");
  });
});

describe('FileOpener for a workbook opened from the desktop menu', () => {
  const Host = defineComponent({
    components: { FileOpener },
    setup() {
      useDesktopMenu();
    },
    template: '<FileOpener />',
  });

  it("offers its sheets, as for a file picked here, and has the main process read the one picked from the file's id", async () => {
    const fake = createFakeTransport({
      'datasets.reopen': () => okEnvelope(summaryOf('book.xlsx', 'dataset-2')),
      'datasets.inspect': (request) =>
        okEnvelope({
          datasetId: request.datasetId,
          rowCount: 2,
          columns: profileColumns(table),
          source: { format: 'xlsx', encoding: null, dialect: null, sheet: request.datasetId === 'dataset-1' ? 'Notes' : 'Data', sheets: ['Notes', 'Data', 'Other'] },
          configuration,
          suggestedTarget: 'label',
          inferredTask: 'binary',
        }),
    });
    const app = createTestApp(fake.transport);
    const wrapper = mount(Host, { global: app.global, attachTo: document.body });
    const datasets = useDatasetsStore();
    fake.emit('dataset.opened', { ...summaryOf('book.xlsx', 'dataset-1'), openedFile: { fileId: 'opened-file-4', fileName: 'book.xlsx' } });
    expect(datasets.current).toEqual(summaryOf('book.xlsx', 'dataset-1'));
    await datasets.inspectCurrent();
    await settle();
    const picker = wrapper.get('[data-testid="workbook-sheet-picker"]');
    expect(picker.findAll('option').map((o) => o.text())).toEqual(['Notes', 'Data', 'Other']);
    await picker.get('select').setValue('Data');
    await picker.get('button').trigger('click');
    await settle(10);
    expect(fake.callsOf('datasets.reopen')).toEqual([{ fileId: 'opened-file-4', importId: expect.stringMatching(/^reopen-/) as unknown, options: { sheet: 'Data' } }]);
    expect(datasets.current?.datasetId).toBe('dataset-2');
    // The picker stays, now for the sheet read.
    await datasets.inspectCurrent();
    await settle();
    expect((wrapper.get('[data-testid="workbook-sheet-picker"] select').element as HTMLSelectElement).value).toBe('Data');
  });

  it('offers no sheets of a menu-opened file after a built-in dataset was loaded', async () => {
    const fake = createFakeTransport({
      'datasets.loadBuiltIn': () => okEnvelope(summaryOf('iris', 'dataset-3')),
    });
    const app = createTestApp(fake.transport);
    mount(Host, { global: app.global, attachTo: document.body });
    const datasets = useDatasetsStore();
    fake.emit('dataset.opened', { ...summaryOf('book.xlsx', 'dataset-1'), openedFile: { fileId: 'opened-file-4', fileName: 'book.xlsx' } });
    expect(datasets.currentSource).toEqual({ kind: 'opened', file: { fileId: 'opened-file-4', fileName: 'book.xlsx' } });
    await datasets.loadBuiltIn({ id: 'iris' });
    expect(datasets.currentSource).toBeNull();
  });
});

