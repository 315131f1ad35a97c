import { defineStore } from 'pinia';
import { onScopeDispose, ref, shallowRef } from 'vue';
import { parseAppErrorEvent, parseOpenedFile } from '../../src-core/contract/app-error-event';
import type { ContractErrorDetails } from '../../src-core/contract/error-details';
import type { ConfigureDatasetRequest, DatasetInspection, DatasetRows, ImportOptions, ImportProgressEvent, OpenedFile } from '../../src-core/contract/dataset-types';
import type { BuiltInDatasetInfo, ContractEvents, DatasetSummary, LoadBuiltInRequest } from '../../src-core/contract/operations';
import { useApiClient } from '../api/api-client-injection';
import { isApiError } from '../api/api-error';
import { readFileAsBase64Pieces, UPLOAD_PIECE_BYTES } from '../components/data/file-pieces';
import { useToastsStore } from './toasts';

/** An import in progress: first the upload (web mode, or a dropped file), then the parse in the back end. */
export interface ImportState {
  readonly importId: string;
  readonly fileName: string;
  readonly phase: 'uploading' | ImportProgressEvent['phase'];
  /** 0..1 within the phase's share of the bar (upload first half, back end second). */
  readonly fraction: number;
}

/**
 * Where a file came from, to read it again: picked or dropped in the window (uploaded again), or
 * opened from the desktop menu (read again by the main process from its id: datasets.reopen).
 */
export type FileSource = { readonly kind: 'upload'; readonly file: File } | { readonly kind: 'opened'; readonly file: OpenedFile };

/** A workbook whose chosen sheet could not be opened, with the sheets its error reply (or app.error event) listed. */
export interface FailedWorkbook {
  readonly source: FileSource;
  readonly fileName: string;
  /** The sheet that failed (or the name asked for that the workbook does not have). */
  readonly sheet: string;
  readonly sheets: readonly string[];
}

/** The file's name, as shown. */
export function sourceFileName(source: FileSource): string {
  return source.kind === 'upload' ? source.file.name : source.file.fileName;
}

/** The failed workbook the details describe, or null when they are not a workbook's sheets. */
function failedWorkbookOf(source: FileSource, details: ContractErrorDetails | null | undefined): FailedWorkbook | null {
  if (details?.kind !== 'workbook-sheets') return null;
  return { source, fileName: sourceFileName(source), sheet: details.sheet, sheets: details.sheets };
}

let importCounter = 0;

export const useDatasetsStore = defineStore('datasets', () => {
  const api = useApiClient();
  const toasts = useToastsStore();

  const builtIns = shallowRef<readonly BuiltInDatasetInfo[]>([]);
  const listLoading = ref(false);
  /** The dataset the Train screen trains on. */
  const current = shallowRef<DatasetSummary | null>(null);
  /** The built-in dataset the current data came from; null when it came from a file. */
  const currentBuiltInId = shallowRef<string | null>(null);
  /** Built-in id being loaded, for the button's busy state. */
  const loadingId = ref<string | null>(null);
  /** Column profiles and choices of the current dataset (fetched by the Data screen). */
  const inspection = shallowRef<DatasetInspection | null>(null);
  const importing = shallowRef<ImportState | null>(null);
  /** The last file opened from the renderer, so it can be read again with other reading options. */
  const lastFile = shallowRef<File | null>(null);
  /** Where the current dataset's file came from, to read it again (another sheet); null for a built-in. */
  const currentSource = shallowRef<FileSource | null>(null);
  /** The last import failed on a workbook sheet: its sheets, to choose another (cleared by the next import or load). */
  const failedWorkbook = shallowRef<FailedWorkbook | null>(null);
  const configuring = ref(false);
  /** Counts data made current by a load or an open (not by applying column choices), for the Data screen to show it. */
  const openedCount = ref(0);
  /** Error notices of failed loads and opens: a later success dismisses them, so they no longer sit over the data that did open. */
  let openFailureToasts: number[] = [];
  let cancelRequested = false;

  function opened(): void {
    for (const id of openFailureToasts) toasts.dismiss(id);
    openFailureToasts = [];
    openedCount.value++;
  }
  /** An import started from the desktop menu, followed only through its progress events. */
  let menuImportId: string | null = null;

  const stopEvents = api.onEvent((name, payload) => {
    if ((name === 'dataset.opened' || name === 'app.error') && menuImportId !== null) {
      // The desktop menu's import ended (opened or failed): its progress bar goes away.
      importing.value = null;
      menuImportId = null;
    }
    if (name === 'dataset.opened') {
      // Made current by the desktop menu's handler (use-desktop-menu.ts); read again by its id.
      const openedFile = parseOpenedFile((payload as ContractEvents['dataset.opened']).openedFile);
      currentSource.value = openedFile ? { kind: 'opened', file: openedFile } : null;
      failedWorkbook.value = null;
      opened();
    }
    if (name === 'app.error') {
      // A workbook opened from the menu whose sheet failed: its sheets to choose from, as for an
      // uploaded one (the event is checked like a reply; invalid details are dropped).
      const event = parseAppErrorEvent(payload);
      if (event?.openedFile) failedWorkbook.value = failedWorkbookOf({ kind: 'opened', file: event.openedFile }, event.details);
    }
    if (name !== 'dataset.importProgress') return;
    const event = payload as ImportProgressEvent;
    if (importing.value?.importId === event.importId) importing.value = { ...importing.value, phase: event.phase, fraction: event.fraction };
    else if (importing.value === null && event.fraction < 1) {
      // An import the renderer did not start (File > Open in the desktop app): show it too, cancellable.
      importing.value = { importId: event.importId, fileName: event.fileName ?? 'the file', phase: event.phase, fraction: event.fraction };
      menuImportId = event.importId;
    } else if (menuImportId === event.importId && event.fraction >= 1) {
      importing.value = null;
      menuImportId = null;
    }
  });
  onScopeDispose(stopEvents);

  async function fetchBuiltIns(): Promise<void> {
    listLoading.value = true;
    try {
      builtIns.value = await api.listBuiltInDatasets();
    } catch (error) {
      toasts.showError('Could not list the built-in datasets', error);
    } finally {
      listLoading.value = false;
    }
  }

  async function loadBuiltIn(request: LoadBuiltInRequest): Promise<DatasetSummary | null> {
    loadingId.value = request.id;
    try {
      const summary = await api.loadBuiltInDataset(request);
      current.value = summary;
      currentBuiltInId.value = request.id;
      currentSource.value = null;
      failedWorkbook.value = null;
      opened();
      return summary;
    } catch (error) {
      openFailureToasts.push(toasts.showError('Could not load the dataset', error));
      return null;
    } finally {
      loadingId.value = null;
    }
  }

  /**
   * Sends the file's bytes to the back end in bounded pieces, then has it parsed there (off the
   * renderer), with progress and a cancel. A failure keeps the current dataset.
   */
  async function importFile(file: File, options: ImportOptions = {}): Promise<DatasetSummary | null> {
    if (importing.value) return null;
    const importId = `import-${Date.now()}-${++importCounter}`;
    cancelRequested = false;
    importing.value = { importId, fileName: file.name, phase: 'uploading', fraction: 0 };
    lastFile.value = file;
    failedWorkbook.value = null;
    try {
      let uploadId: string | undefined;
      for await (const piece of readFileAsBase64Pieces(file, UPLOAD_PIECE_BYTES)) {
        if (cancelRequested) return null;
        const response = await api.uploadDatasetChunk({ ...(uploadId ? { uploadId } : {}), chunkBase64: piece });
        uploadId = response.uploadId;
        importing.value = { importId, fileName: file.name, phase: 'uploading', fraction: file.size === 0 ? 1 : response.receivedBytes / file.size };
      }
      if (uploadId === undefined) {
        openFailureToasts.push(toasts.show('error', `Could not open ${file.name}`, `${file.name} is empty (0 bytes). Choose a file that holds a table: a header row and rows of data.`));
        return null;
      }
      if (cancelRequested) return null;
      const summary = await api.importDataset({ uploadId, fileName: file.name, importId, ...(Object.keys(options).length > 0 ? { options } : {}) });
      current.value = summary;
      currentBuiltInId.value = null;
      currentSource.value = { kind: 'upload', file };
      opened();
      return summary;
    } catch (error) {
      if (cancelRequested) return null;
      importFailed({ kind: 'upload', file }, error);
      return null;
    } finally {
      importing.value = null;
    }
  }

  /**
   * Reads a file opened from the desktop menu again, with other options (another sheet picked):
   * the main process reads it from its path, as File > Open did.
   */
  async function reopenFile(file: OpenedFile, options: ImportOptions = {}): Promise<DatasetSummary | null> {
    if (importing.value) return null;
    const importId = `reopen-${Date.now()}-${++importCounter}`;
    cancelRequested = false;
    importing.value = { importId, fileName: file.fileName, phase: 'parsing', fraction: 0 };
    failedWorkbook.value = null;
    try {
      const summary = await api.reopenDataset({ fileId: file.fileId, importId, ...(Object.keys(options).length > 0 ? { options } : {}) });
      current.value = summary;
      currentBuiltInId.value = null;
      currentSource.value = { kind: 'opened', file };
      opened();
      return summary;
    } catch (error) {
      if (cancelRequested) return null;
      importFailed({ kind: 'opened', file }, error);
      return null;
    } finally {
      importing.value = null;
    }
  }

  /** Says why a file could not be opened; a workbook's sheet failure leaves its sheets to choose from. */
  function importFailed(source: FileSource, error: unknown): void {
    openFailureToasts.push(toasts.showError(`Could not open ${sourceFileName(source)}`, error));
    failedWorkbook.value = failedWorkbookOf(source, isApiError(error) ? error.details : null);
  }

  async function cancelImport(): Promise<void> {
    const state = importing.value;
    if (!state) return;
    cancelRequested = true;
    if (state.phase !== 'uploading') await api.cancelDatasetImport({ importId: state.importId }).catch(() => undefined);
    if (menuImportId === state.importId) {
      importing.value = null;
      menuImportId = null;
    }
    toasts.show('info', 'Opening cancelled', `${state.fileName} was not opened; the data loaded before is unchanged.`);
  }

  /** Fetches the column profiles of the current dataset (once per dataset id). */
  async function inspectCurrent(): Promise<void> {
    const summary = current.value;
    if (!summary || inspection.value?.datasetId === summary.datasetId) return;
    try {
      const result = await api.inspectDataset({ datasetId: summary.datasetId });
      if (current.value?.datasetId === summary.datasetId) inspection.value = result;
    } catch (error) {
      toasts.showError('Could not inspect the dataset', error);
    }
  }

  /** Applies target, roles, task, preparation and class weights: the back end answers with a new dataset id. */
  async function configure(request: Omit<ConfigureDatasetRequest, 'datasetId'>): Promise<DatasetSummary | null> {
    const summary = current.value;
    if (!summary) return null;
    configuring.value = true;
    try {
      const configured = await api.configureDataset({ datasetId: summary.datasetId, ...request });
      current.value = configured;
      return configured;
    } catch (error) {
      toasts.showError('Could not apply the column choices', error);
      return null;
    } finally {
      configuring.value = false;
    }
  }

  /** A window of the current dataset's rows; a failure is thrown, for the rows table to say why (it showed "…" for ever). */
  async function fetchRows(offset: number, limit: number): Promise<DatasetRows | null> {
    const summary = current.value;
    if (!summary) return null;
    return api.datasetRows({ datasetId: summary.datasetId, offset, limit });
  }

  return {
    builtIns,
    currentBuiltInId,
    listLoading,
    current,
    loadingId,
    openedCount,
    inspection,
    importing,
    lastFile,
    currentSource,
    failedWorkbook,
    configuring,
    fetchBuiltIns,
    loadBuiltIn,
    importFile,
    reopenFile,
    cancelImport,
    inspectCurrent,
    configure,
    fetchRows,
  };
});
