import { chunksSource, type ByteSource } from '../../src-core/data/formats/byte-source';
import type { ImportDatasetRequest, ImportProgressEvent, UploadChunkRequest, UploadChunkResponse } from '../../src-core/contract/dataset-types';
import { workbookSheetsDetails, type WorkbookSheetsDetails } from '../../src-core/contract/error-details';
import type { ReadTableDetails, ReadTableOptions } from '../../src-core/data/formats/read-table';
import type { ColumnProfile } from '../../src-core/data/column-profile';
import type { RawTable } from '../../src-core/data/raw-table';
import { ConvexNetError } from '../../src-core/errors';
import type { DatasetRegistry, LoadedDataset } from '../services/dataset-registry';
import { importTable } from './import-table';
import { PendingUploads, type ScheduleTimer } from './pending-uploads';
/** Least time between two progress events of one import. */
export const IMPORT_PROGRESS_INTERVAL_MS = 100;
/** Share of the progress bar given to parsing; the rest is the column inspection. */
const PARSE_SHARE = 0.9;

/**
 * Data-file imports in the main process: uploaded pieces are gathered per upload id
 * (pending-uploads.ts: bounded in size, number and idle time), then parsed off the renderer with
 * throttled progress events and a cancel that stops the parse between slices. A failed or
 * cancelled import changes no loaded dataset. `now` is the clock of the progress throttle and of
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
    // The pieces as they came, not joined: joining held the file twice while the table was built.
    const bytes = chunksSource(chunks);
    return this.importBytes(bytes, request.fileName, request.fileName, request.importId, toReadOptions(request.options));
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

  /** Parses bytes (an upload, or a file the main process reads a piece at a time) into a new dataset, reporting progress under importId. */
  async importBytes(bytes: Uint8Array | ByteSource, fileName: string, source: string, importId: string, options: ReadTableOptions = {}): Promise<LoadedDataset> {
    this.refuseRunningImport(importId);
    const state = { cancelled: false };
    this.active.set(importId, state);
    let lastEmit = -Infinity;
    const report = (phase: ImportProgressEvent['phase'], fraction: number, force = false): void => {
      const time = this.now();
      if (!force && time - lastEmit < IMPORT_PROGRESS_INTERVAL_MS) return;
      lastEmit = time;
      this.emitProgress({ importId, fileName, phase, fraction });
    };
    try {
      report('parsing', 0, true);
      const { table, details } = await importTable(bytes, fileName, options, {
        onProgress: (fraction) => report('parsing', PARSE_SHARE * fraction),
        isCancelled: () => state.cancelled,
      });
      report('inspecting', PARSE_SHARE, true);
      try {
        return await this.inspectAndAdd(table, details, fileName, source, state, report);
      } catch (error) {
        // Profiled in the data worker, which holds the table: it need not wait to be pushed out.
        this.datasets.discard(table);
        throw error;
      }
    } finally {
      this.active.delete(importId);
    }
  }

  /** Profiles the parsed table's columns (progress and cancel between them) and registers it. */
  private async inspectAndAdd(
    table: RawTable,
    details: ReadTableDetails,
    fileName: string,
    source: string,
    state: { readonly cancelled: boolean },
    report: (phase: ImportProgressEvent['phase'], fraction: number, force?: boolean) => void,
  ): Promise<LoadedDataset> {
    // Column by column, by the registry's profiler (in the app the data worker, which then holds
    // the table for the preparations): a million-row column takes a fraction of a second.
    const profiles: ColumnProfile[] = [];
    for (let c = 0; c < table.columns.length; c++) {
      if (state.cancelled) throw new ConvexNetError('data/import-cancelled', `Opening ${fileName} was cancelled; the data loaded before is unchanged.`);
      profiles.push(await this.datasets.profileColumn(table, c));
      report('inspecting', PARSE_SHARE + ((1 - PARSE_SHARE) * (c + 1)) / (table.columns.length + 1));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (state.cancelled) throw new ConvexNetError('data/import-cancelled', `Opening ${fileName} was cancelled; the data loaded before is unchanged.`);
    let dataset: LoadedDataset;
    try {
      dataset = await this.datasets.addImported(fileName, source, table, details, profiles);
    } catch (error) {
      if (!(error instanceof ConvexNetError)) throw error;
      // Target and column checks do not know the file: say which file they are about. A sheet of
      // a workbook with others (often notes before the data) also gets the sheets to choose from.
      const message = error.message.startsWith(fileName) ? error.message : `${fileName}: ${error.message}`;
      throw new ConvexNetError(error.code, message, error.details ?? otherSheetsDetails(details));
    }
    report('inspecting', 1, true);
    return dataset;
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
