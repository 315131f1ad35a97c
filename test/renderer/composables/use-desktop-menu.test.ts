// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { useDesktopMenu } from '../../../src-renderer/composables/use-desktop-menu';
import { useDatasetsStore } from '../../../src-renderer/stores/datasets';
import { useNavigationStore } from '../../../src-renderer/stores/navigation';
import { useRunsStore } from '../../../src-renderer/stores/runs';
import { useThemeStore } from '../../../src-renderer/stores/theme';
import { useToastsStore } from '../../../src-renderer/stores/toasts';
import { createFakeTransport } from '../support/fake-transport';
import { createTestApp } from '../support/test-app';

const Host = defineComponent({
  setup() {
    useDesktopMenu();
    return () => null;
  },
});

function setup() {
  const fake = createFakeTransport();
  const app = createTestApp(fake.transport);
  mount(Host, { global: app.global });
  return fake;
}

describe('desktop menu commands', () => {
  it('makes a dataset opened from the menu current and shows the Data screen', () => {
    const fake = setup();
    const navigation = useNavigationStore();
    navigation.show('results');
    const summary = { datasetId: 'dataset-9', name: 'my.csv', task: 'binary' as const, targetName: 'label', rowCount: 12, featureNames: ['a'], classNames: ['x', 'y'], classCounts: [6, 6], previewColumns: ['a', 'label'], previewRows: [['1', 'x']] };
    fake.emit('dataset.opened', summary);
    expect(useDatasetsStore().current?.datasetId).toBe('dataset-9');
    expect(navigation.screen).toBe('data');
    expect(useToastsStore().toasts.at(-1)?.message).toMatch(/my\.csv: 12 rows/);
  });

  it('shows a failure to open a file as an error toast with its code', () => {
    const fake = setup();
    fake.emit('app.error', { code: 'file/not-text', message: 'x.xlsx is not UTF-8 text' });
    const toast = useToastsStore().toasts.at(-1);
    expect(toast?.kind).toBe('error');
    expect(toast?.code).toBe('file/not-text');
  });

  it("keeps the sheets of a menu-opened workbook whose sheet failed for the Data screen's sheet picker", () => {
    const fake = setup();
    const navigation = useNavigationStore();
    navigation.show('results');
    const details = { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Data'] } as const;
    fake.emit('app.error', { code: 'data/too-few-columns', message: 'book.xlsx, sheet "Notes", has 1 column(s).', details, openedFile: { fileId: 'opened-file-3', fileName: 'book.xlsx' } });
    expect(useToastsStore().toasts.at(-1)).toMatchObject({ kind: 'error', code: 'data/too-few-columns' });
    expect(useDatasetsStore().failedWorkbook).toEqual({ source: { kind: 'opened', file: { fileId: 'opened-file-3', fileName: 'book.xlsx' } }, fileName: 'book.xlsx', sheet: 'Notes', sheets: ['Notes', 'Data'] });
    expect(navigation.screen).toBe('data');
    // A dataset opened next replaces the failure and its picker.
    fake.emit('dataset.opened', { datasetId: 'dataset-9', name: 'my.csv', task: 'binary' as const, targetName: 'label', rowCount: 12, featureNames: ['a'], classNames: ['x', 'y'], classCounts: [6, 6], previewColumns: ['a', 'label'], previewRows: [['1', 'x']] });
    expect(useDatasetsStore().failedWorkbook).toBeNull();
  });

  it('shows the toast of an event with invalid details, and offers no sheets from them', () => {
    const fake = setup();
    fake.emit('app.error', { code: 'data/too-few-columns', message: 'One column.', details: { kind: 'workbook-sheets', sheet: 'Notes', sheets: [] }, openedFile: { fileId: 'opened-file-3', fileName: 'book.xlsx' } } as never);
    expect(useToastsStore().toasts.at(-1)).toMatchObject({ kind: 'error', code: 'data/too-few-columns', message: 'One column.' });
    expect(useDatasetsStore().failedWorkbook).toBeNull();
  });

  it('toggles the theme and opens the Export screen from the menu', () => {
    const fake = setup();
    const theme = useThemeStore();
    const before = theme.theme;
    fake.emit('menu.command', { command: 'toggle-theme' });
    expect(theme.theme).not.toBe(before);
    fake.emit('menu.command', { command: 'export-model' });
    expect(useNavigationStore().screen).toBe('export');
  });

  it('asks the Export screen for an ONNX or report download from File > Export …', () => {
    const fake = setup();
    useNavigationStore().show('data');
    fake.emit('menu.command', { command: 'export-onnx' });
    expect(useNavigationStore().screen).toBe('export');
    expect(useRunsStore().requestedExport).toBe('onnx');
    fake.emit('menu.command', { command: 'export-report' });
    expect(useRunsStore().requestedExport).toBe('html');
  });
});
