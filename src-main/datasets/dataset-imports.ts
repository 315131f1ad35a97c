import type { ImportDatasetRequest, ImportProgressEvent, UploadChunkRequest, UploadChunkResponse } from '../../src-core/contract/dataset-types';
import { workbookSheetsDetails, type WorkbookSheetsDetails } from '../../src-core/contract/error-details';
import type { ReadTableDetails, ReadTableOptions } from '../../src-core/data/formats/read-table';
import { ConvexNetError, isConvexNetError } from '../../src-core/errors';
import type { DatasetRegistry, LoadedDataset } from '../services/dataset-registry';
import { importCancelled } from './import-table';
import type { OpenedTable, OpenFileInput } from './open-table';
import { PendingUploads, type ScheduleTimer } from './pending-uploads';
/** Least time between two progress events of one import. */
export const IMPORT_PROGRESS_INTERVAL_MS = 100;
/** Share of the progress bar given to parsing; the rest is the column inspection. */
const PARSE_SHARE = 0.9;

/**
 * Data-file imports of the main process: uploaded pieces are gathered per upload id
 * (pending-uploads.ts: bounded in size, number and idle time), then parsed where the registry's
 * table work runs (the data worker in the app, never the renderer or the main thread) with
 * throttled progress events and a cancel that stops the parse between slices, the inspection
 * between columns, and the import once the table is back. A failed or cancelled import changes no
 * loaded dataset. `now` is the clock of the progress throttle and of
 * the uploads' idle time; `schedule` sets the timer that drops idle uploads (tests pass their own).
 */
export class DatasetImports {
  private readonly uploads: PendingUploads;
  private readonly active = new Map<string, { cancelled: boolean }>();

  constructor(
    private readonly datasets: DatasetRegistry,
    private readonly emitProgress: (event: ImportProgressEvent) => void,
    private readonly now: () => number = () => Date.now(),
    schedule?: ScheduleTimer,
  ) {
    this.uploads = new PendingUploads({ now, ...(schedule ? { schedule } : {}) });
  }

  upload(request: UploadChunkRequest): UploadChunkResponse {
    return this.uploads.add(request.uploadId, Buffer.from(request.chunkBase64, 'base64'));
  }

  /** Parses an uploaded file into a new dataset. */
  async importUpload(request: ImportDatasetRequest): Promise<LoadedDataset> {
    const chunks = this.uploads.chunks(request.uploadId);
    // Refused before the upload is taken: it stays for a retry (it was dropped, then the retry
    // was told to send the file again).
    this.refuseRunningImport(request.importId);
    this.uploads.release(request.uploadId);
    // The pieces as they came, not joined (joining held the file twice while the table was
    // built), and handed over: the data worker takes them without a copy.
    return this.importInput({ kind: 'bytes', chunks, handOver: true }, request.fileName, request.fileName, request.importId, toReadOptions(request.options));
  }

  /** Bytes held by uploads not yet imported. */
  pendingUploadBytes(): number {
    return this.uploads.heldBytes();
  }

  /** Stops the idle uploads' timer (shutting down). */
  dispose(): void {
    this.uploads.dispose();
  }

  private refuseRunningImport(importId: string): void {
    if (this.active.has(importId)) throw new ConvexNetError('data/import-running', `An import named "${importId}" is already running.`);
  }

  /** Parses bytes in memory (the caller keeps them) into a new dataset, reporting progress under importId. */
  importBytes(bytes: Uint8Array, fileName: string, source: string, importId: string, options: ReadTableOptions = {}): Promise<LoadedDataset> {
    return this.importInput({ kind: 'bytes', chunks: [bytes] }, fileName, source, importId, options);
  }

  /** Parses the file at `path` (read a piece at a time as the parse goes) into a new dataset, reporting progress under importId. */
  importFile(path: string, fileName: string, importId: string, options: ReadTableOptions = {}): Promise<LoadedDataset> {
    return this.importInput({ kind: 'path', path }, fileName, path, importId, options);
  }

  /**
   * Opens the input where the registry's table work runs (in the app the data worker, which
   * parses, profiles and chooses the target, then keeps the table), and registers it.
   */
  private async importInput(input: OpenFileInput, fileName: string, source: string, importId: string, options: ReadTableOptions = {}): Promise<LoadedDataset> {
    this.refuseRunningImport(importId);
    const state = { cancelled: false };
    this.active.set(importId, state);
    let lastEmit = -Infinity;
    let lastPhase: ImportProgressEvent['phase'] = 'parsing';
    const report = (phase: ImportProgressEvent['phase'], fraction: number, force = false): void => {
      const time = this.now();
      // A new phase is always said (the bar's label changes).
      if (!force && phase === lastPhase && time - lastEmit < IMPORT_PROGRESS_INTERVAL_MS) return;
      lastEmit = time;
      lastPhase = phase;
      this.emitProgress({ importId, fileName, phase, fraction });
    };
    try {
      report('parsing', 0, true);
      const opened = await this.datasets.openTable(input, fileName, options, {
        onProgress: (phase, fraction) => report(phase, phase === 'parsing' ? PARSE_SHARE * fraction : PARSE_SHARE + (1 - PARSE_SHARE) * fraction),
        isCancelled: () => state.cancelled,
      });
      try {
        // Also while the table came back from the data worker.
        if (state.cancelled) throw importCancelled(fileName);
        const dataset = await this.add(opened, fileName, source);
        report('inspecting', 1, true);
        return dataset;
      } catch (error) {
        // Held by the data worker, which opened it: it need not wait to be pushed out.
        this.datasets.discard(opened.table);
        throw error;
      }
    } catch (error) {
      throw isConvexNetError(error) && error.code.startsWith('worker/') ? new ConvexNetError(error.code, `${fileName} could not be opened: ${error.message}`, error.details) : error;
    } finally {
      this.active.delete(importId);
    }
  }

  /** Registers an opened table with its profiles and target; errors say which file they are about. */
  private async add(opened: OpenedTable, fileName: string, source: string): Promise<LoadedDataset> {
    const { table, details, profiles, target } = opened;
    try {
      return await this.datasets.addImported(fileName, source, table, details, profiles, target ?? undefined);
    } catch (error) {
      if (!(error instanceof ConvexNetError)) throw error;
      // Target and column checks do not know the file: say which file they are about. A sheet of
      // a workbook with others (often notes before the data) also gets the sheets to choose from.
      const message = error.message.startsWith(fileName) ? error.message : `${fileName}: ${error.message}`;
      throw new ConvexNetError(error.code, message, error.details ?? otherSheetsDetails(details));
    }
  }

  cancel(importId: string): { accepted: boolean } {
    const state = this.active.get(importId);
    if (!state) return { accepted: false };
    state.cancelled = true;
    return { accepted: true };
  }
}

/** For a sheet of a workbook that has other sheets: the sheets, as an error's details; else undefined. */
function otherSheetsDetails(details: ReadTableDetails): WorkbookSheetsDetails | undefined {
  if (details.sheet === null || !details.sheets.some((name) => name !== details.sheet)) return undefined;
  return workbookSheetsDetails(details.sheet, details.sheets);
}

/** The reading options of a request (an upload's import, or a menu-opened file's reopen). */
export function toReadOptions(options: ImportDatasetRequest['options']): ReadTableOptions {
  if (!options) return {};
  return {
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.decimal !== undefined ? { decimal: options.decimal } : {}),
    ...(options.header !== undefined ? { header: options.header } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  };
}
