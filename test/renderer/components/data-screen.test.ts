// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigureDatasetRequest, DatasetInspection, ImportDatasetRequest, UploadChunkRequest } from '../../../src-core/contract/dataset-types';
import type { DatasetSummary } from '../../../src-core/contract/operations';
import { profileColumns } from '../../../src-core/data/column-profile';
import { rowTable } from '../../../src-core/data/raw-table';
import DataScreen from '../../../src-renderer/components/DataScreen.vue';
import { useDatasetsStore } from '../../../src-renderer/stores/datasets';
import { useToastsStore } from '../../../src-renderer/stores/toasts';
import { createFakeTransport, errorEnvelope, okEnvelope } from '../support/fake-transport';
import { createTestApp, settle } from '../support/test-app';

enableAutoUnmount(afterEach);

const table = {
  columns: ['id', 'age', 'plan', 'churn'],
  rows: Array.from({ length: 24 }, (_, i) => [String(100 + i), String(20 + (i % 9)), ['a', 'b'][i % 2]!, i % 3 ? 'no' : 'yes']),
};
const configuration = { target: 'churn', task: 'binary' as const, ignoredColumns: ['id'], preparation: { imputation: 'mean' as const, scaling: 'standardize' as const, maxCategories: 50 }, classWeights: 'none' as const };
const summary: DatasetSummary = {
  datasetId: 'dataset-1',
  name: 'churn.csv',
  task: 'binary',
  targetName: 'churn',
  rowCount: 24,
  featureNames: ['age', 'plan'],
  classNames: ['no', 'yes'],
  classCounts: [16, 8],
  previewColumns: ['age', 'plan', 'churn'],
  previewRows: table.rows.slice(0, 3).map((r) => [r[1]!, r[2]!, r[3]!]),
  configuration,
};
const inspection: DatasetInspection = {
  datasetId: 'dataset-1',
  rowCount: 24,
  columns: profileColumns(rowTable(table.columns, table.rows)),
  source: { format: 'csv', encoding: 'utf-8', dialect: { delimiter: ',', decimal: '.', header: true }, sheet: null, sheets: [] },
  configuration,
  suggestedTarget: 'churn',
  inferredTask: 'binary',
};

function setup(overrides: Parameters<typeof createFakeTransport>[0] = {}) {
  const fake = createFakeTransport({
    'datasets.upload': (request) => okEnvelope({ uploadId: request.uploadId ?? 'upload-1', receivedBytes: 10 }),
    'datasets.import': () => okEnvelope(summary),
    'datasets.inspect': () => okEnvelope(inspection),
    'datasets.rows': (request) => okEnvelope({ offset: request.offset, columns: table.columns, rows: table.rows.slice(request.offset, request.offset + request.limit), totalRows: 24 }),
    'datasets.configure': (request) => okEnvelope({ ...summary, datasetId: 'dataset-2', targetName: request.target, configuration: { ...configuration, target: request.target, ignoredColumns: [...request.ignoredColumns] } }),
    ...overrides,
  });
  const app = createTestApp(fake.transport);
  const wrapper = mount(DataScreen, { global: app.global, attachTo: document.body });
  return { fake, wrapper, datasets: useDatasetsStore() };
}

async function pickFile(wrapper: ReturnType<typeof setup>['wrapper'], file: File): Promise<void> {
  const input = wrapper.get('[data-testid="dataset-file-input"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await settle(10);
}

describe('DataScreen', () => {
  it('uploads a picked file as base64 pieces, imports it and shows the column profiles', async () => {
    const { fake, wrapper, datasets } = setup();
    await pickFile(wrapper, new File(['id,age\n1,2\n'], 'churn.csv', { type: 'text/csv' }));
    const uploads = fake.callsOf('datasets.upload') as UploadChunkRequest[];
    expect(uploads).toHaveLength(1);
    expect(atob(uploads[0]!.chunkBase64)).toBe('id,age\n1,2\n');
    const [request] = fake.callsOf('datasets.import') as ImportDatasetRequest[];
    expect(request).toMatchObject({ uploadId: 'upload-1', fileName: 'churn.csv' });
    expect(datasets.current?.datasetId).toBe('dataset-1');
    const rows = wrapper.findAll('.column-table tbody tr');
    expect(rows.map((r) => r.get('th').text().split(' ')[0])).toEqual(['id', 'age', 'plan', 'churn']);
    expect(rows[0]!.text()).toContain('Looks like an identifier');
    expect((rows[0]!.get('select').element as HTMLSelectElement).value).toBe('ignore');
    expect((rows[3]!.get('select').element as HTMLSelectElement).value).toBe('target');
    expect(wrapper.text()).toContain('Class balance');
    // The virtualized table fetched a window of rows and shows only the rows in view.
    const [rowsRequest] = fake.callsOf('datasets.rows') as { offset: number; limit: number }[];
    expect(rowsRequest).toMatchObject({ offset: 0 });
    const shown = wrapper.findAll('.virtual-rows__row');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(24);
    expect(shown[0]!.findAll('td').map((td) => td.text())).toEqual(['1', ...table.rows[0]!]);
  });

  it('shows the rows once, right under the summary, saying how many of how many are in view', async () => {
    const { wrapper } = setup();
    await pickFile(wrapper, new File(['x'], 'churn.csv'));
    // One table of rows (a "First 3 rows" table above a scrolling table of all rows said the same twice) and the column table.
    const tables = wrapper.findAll('table');
    expect(tables).toHaveLength(2);
    expect(wrapper.text()).not.toMatch(/First \d+ rows/);
    expect(wrapper.get('[data-testid="rows-shown"]').text()).toBe('Rows 1–12 of 24; scroll the table for the others.');
    // The rows come before the columns: the summary, then the data itself, then what is done with it.
    const order = wrapper.findAll('h3').map((h) => h.text());
    expect(order.indexOf('Rows')).toBeGreaterThan(order.findIndex((t) => t.startsWith('Loaded:')));
    expect(order.indexOf('Rows')).toBeLessThan(order.indexOf('Columns and preparation'));
  });

  it('applies a new target and a column role through datasets.configure', async () => {
    const { fake, wrapper, datasets } = setup();
    await pickFile(wrapper, new File(['x'], 'churn.csv'));
    const apply = wrapper.get('[data-testid="apply-data-choices"]');
    expect(apply.attributes('disabled')).toBeDefined();
    await wrapper.get('select[data-column="plan"]').setValue('target');
    await wrapper.get('select[data-column="age"]').setValue('ignore');
    await wrapper.get('#data-scaling').setValue('min-max');
    expect(apply.attributes('disabled')).toBeUndefined();
    await apply.trigger('click');
    await settle(10);
    const [request] = fake.callsOf('datasets.configure') as ConfigureDatasetRequest[];
    expect(request).toMatchObject({ datasetId: 'dataset-1', target: 'plan', ignoredColumns: ['id', 'age'], preparation: { scaling: 'min-max' } });
    // The old target becomes a feature; the new dataset id is current.
    expect(datasets.current?.datasetId).toBe('dataset-2');
  });

  it('does not apply while a preparation number is not valid (it would send the last valid one)', async () => {
    const { fake, wrapper } = setup();
    await pickFile(wrapper, new File(['x'], 'churn.csv'));
    await wrapper.get('#data-scaling').setValue('min-max');
    await wrapper.get('#data-max-categories').setValue('2O');
    const apply = wrapper.get('[data-testid="apply-data-choices"]');
    expect(apply.attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('A number above is not valid; correct it to apply.');
    await wrapper.get('#data-max-categories').setValue('20');
    expect(apply.attributes('disabled')).toBeUndefined();
    await apply.trigger('click');
    await settle(10);
    expect((fake.callsOf('datasets.configure') as ConfigureDatasetRequest[])[0]).toMatchObject({ preparation: { maxCategories: 20 } });
  });

  it('keeps the loaded data and shows the reason when an import fails', async () => {
    const { wrapper, datasets } = setup({ 'datasets.import': () => errorEnvelope('data/ragged-row', 'bad.csv, line 3: found 2 fields, expected 3.') });
    await pickFile(wrapper, new File(['x'], 'bad.csv'));
    expect(datasets.current).toBeNull();
    expect(datasets.importing).toBeNull();
  });

  it('takes the view to the summary of what opened, and clears the notices of the files that failed before', async () => {
    let fail = true;
    const { wrapper } = setup({
      'datasets.import': () => (fail ? errorEnvelope('data/ragged-row', 'bad.csv, line 3: found 2 fields, expected 3.') : okEnvelope(summary)),
    });
    const toasts = useToastsStore();
    await pickFile(wrapper, new File(['x'], 'bad.csv'));
    await pickFile(wrapper, new File([], 'empty.csv'));
    expect(toasts.toasts.map((t) => t.title)).toEqual(['Could not open bad.csv', 'Could not open empty.csv']);
    expect(toasts.toasts[1]!.message).toMatch(/empty \(0 bytes\)\. Choose a file that holds a table/);
    fail = false;
    await pickFile(wrapper, new File(['x'], 'churn.csv'));
    // The old errors no longer sit over the data that did open ...
    expect(toasts.toasts).toEqual([]);
    // ... and focus is on its summary, which is below the built-in cards, out of view.
    expect(document.activeElement?.textContent).toBe('Loaded: churn.csv');
  });

  it('cancels an import while the back end parses it', async () => {
    let release: () => void = () => {};
    const { fake, wrapper, datasets } = setup({
      'datasets.import': () => new Promise((resolve) => (release = () => resolve(errorEnvelope('data/import-cancelled', 'cancelled')))),
      'datasets.cancelImport': () => okEnvelope({ accepted: true }),
    });
    await pickFile(wrapper, new File(['x'], 'big.csv'));
    const importId = (fake.callsOf('datasets.import') as ImportDatasetRequest[])[0]!.importId;
    fake.emit('dataset.importProgress', { importId, phase: 'parsing', fraction: 0.4 });
    await settle();
    expect(wrapper.get('progress').attributes('value')).toBe('70');
    await wrapper.findAll('button').find((b) => b.text() === 'Cancel')!.trigger('click');
    await settle();
    expect(fake.callsOf('datasets.cancelImport')).toEqual([{ importId }]);
    release();
    await settle();
    expect(datasets.importing).toBeNull();
    expect(datasets.current).toBeNull();
  });
});

describe('the built-in datasets', () => {
  const builtIns = [
    { id: 'iris', name: 'Iris', description: 'Flowers.', task: 'multiclass' as const, rows: 150, features: 4, kind: 'real' as const, attribution: 'Fisher' },
    { id: 'moons', name: 'Two moons', description: 'Two arcs.', task: 'binary' as const, rows: 400, features: 2, kind: 'generator' as const, attribution: 'Generated' },
  ];

  it('mark the one that is loaded, and none once a file is the data', async () => {
    const { wrapper } = setup({
      'datasets.listBuiltIn': () => okEnvelope(builtIns),
      'datasets.loadBuiltIn': () => okEnvelope({ ...summary, datasetId: 'dataset-9', name: 'Two moons' }),
    });
    const datasets = useDatasetsStore();
    await datasets.fetchBuiltIns();
    await settle(5);
    const choices = () => wrapper.findAll('.data-screen__choice');
    expect(choices()).toHaveLength(2);
    expect(wrapper.find('.data-screen__in-use').exists()).toBe(false);
    await choices()[1]!.get('input').setValue(true);
    await choices()[1]!.get('button').trigger('click');
    await settle(10);
    expect(choices()[1]!.find('.data-screen__in-use').text()).toBe('Loaded');
    expect(choices()[0]!.find('.data-screen__in-use').exists()).toBe(false);
    await pickFile(wrapper, new File(['id,age\n1,2\n'], 'churn.csv', { type: 'text/csv' }));
    expect(datasets.current?.name).toBe('churn.csv');
    expect(wrapper.find('.data-screen__in-use').exists()).toBe(false);
  });
});

describe('loading a built-in dataset', () => {
  const builtIns = [
    { id: 'iris', name: 'Iris', description: 'Flowers.', task: 'multiclass' as const, rows: 150, features: 4, kind: 'real' as const, attribution: 'Fisher' },
    { id: 'moons', name: 'Two moons', description: 'Two arcs.', task: 'binary' as const, rows: 400, features: 2, kind: 'generator' as const, attribution: 'Generated' },
  ];

  async function mountWithBuiltIns() {
    const { fake, wrapper } = setup({
      'datasets.listBuiltIn': () => okEnvelope(builtIns),
      'datasets.loadBuiltIn': (request) => okEnvelope({ ...summary, datasetId: `dataset-${request.id}`, name: request.id }),
    });
    await useDatasetsStore().fetchBuiltIns();
    await settle(5);
    return { fake, wrapper, cards: () => wrapper.findAll('.data-screen__choice') };
  }

  it('is done with a Load button in the chosen card (it sat below all the cards), with the generator settings beside it', async () => {
    const { fake, cards } = await mountWithBuiltIns();
    // The first card is chosen: only it has a button, named after the dataset.
    expect(cards()[0]!.get('button').text()).toBe('Load Iris');
    expect(cards()[1]!.find('button').exists()).toBe(false);
    await cards()[1]!.get('input[type="radio"]').setValue(true);
    expect(cards()[0]!.find('button').exists()).toBe(false);
    const load = cards()[1]!.get('button');
    expect(load.text()).toBe('Load Two moons');
    // The generator's settings are in the same card, above its button.
    expect(cards()[1]!.find('#generator-rows').exists()).toBe(true);
    await cards()[1]!.get('#generator-rows').setValue('1000');
    await load.trigger('click');
    await settle(10);
    expect(fake.callsOf('datasets.loadBuiltIn')).toEqual([{ id: 'moons', rows: 1000 }]);
  });

  it('waits for valid generator settings: a typo in Rows does not load the last valid number of rows', async () => {
    const { fake, cards } = await mountWithBuiltIns();
    await cards()[1]!.get('input[type="radio"]').setValue(true);
    await cards()[1]!.get('#generator-rows').setValue('4OO');
    const load = cards()[1]!.get('button');
    expect(load.attributes('disabled')).toBeDefined();
    expect(cards()[1]!.text()).toContain('A setting below is not valid; correct it to load.');
    await cards()[1]!.get('input[type="radio"]').trigger('keydown', { key: 'Enter' });
    await settle(10);
    expect(fake.callsOf('datasets.loadBuiltIn')).toEqual([]);
    await cards()[1]!.get('#generator-rows').setValue('500');
    expect(load.attributes('disabled')).toBeUndefined();
    await load.trigger('click');
    await settle(10);
    expect(fake.callsOf('datasets.loadBuiltIn')).toEqual([{ id: 'moons', rows: 500 }]);
  });

  it('loads the chosen card with Enter on its radio button', async () => {
    const { fake, cards } = await mountWithBuiltIns();
    const radio = cards()[1]!.get('input[type="radio"]');
    await radio.setValue(true);
    await radio.trigger('keydown', { key: 'Enter' });
    await settle(10);
    expect(fake.callsOf('datasets.loadBuiltIn')).toEqual([{ id: 'moons', rows: 400 }]);
  });
});

describe('imports started from the desktop menu', () => {
  it('show their progress with a Cancel button, and the bar goes away once the file is opened', async () => {
    const { fake, wrapper, datasets } = setup({ 'datasets.cancelImport': () => okEnvelope({ accepted: true }) });
    fake.emit('dataset.importProgress', { importId: 'open-1', fileName: 'menu.csv', phase: 'parsing', fraction: 0.2 });
    await settle();
    expect(wrapper.get('.file-opener__progress').text()).toContain('menu.csv');
    fake.emit('dataset.opened', summary);
    await settle();
    expect(datasets.importing).toBeNull();
    fake.emit('dataset.importProgress', { importId: 'open-2', fileName: 'other.csv', phase: 'parsing', fraction: 0.1 });
    await settle();
    await wrapper.findAll('button').find((b) => b.text() === 'Cancel')!.trigger('click');
    await settle();
    expect(fake.callsOf('datasets.cancelImport')).toEqual([{ importId: 'open-2' }]);
    expect(datasets.importing).toBeNull();
  });
});
