import type { ColumnProfile } from '../data/column-profile';
import type { Task } from '../data/dataset';
import type { EncodingChoice } from '../data/formats/decode-text';
import type { DecimalSeparator, Delimiter } from '../data/formats/delimited-dialect';
import type { ReadTableDetails, TableFormat } from '../data/formats/read-table';
import type { Imputation, Scaling } from '../data/preprocessing-types';

export type { ColumnFlag, ColumnKind, ColumnProfile, ColumnRole, NumericStats } from '../data/column-profile';
export type { ReadTableDetails, TableFormat } from '../data/formats/read-table';

/** How a file is read; every choice is detected when absent or 'auto'. */
export interface ImportOptions {
  readonly format?: TableFormat | 'auto';
  readonly encoding?: EncodingChoice;
  readonly delimiter?: Delimiter | 'auto';
  readonly decimal?: DecimalSeparator | 'auto';
  readonly header?: boolean | 'auto';
  /** XLSX only: the sheet to read (default: the first). */
  readonly sheet?: string;
}

/**
 * One piece of a file the renderer uploads (web mode, or a file dropped on the window). The
 * first piece has no uploadId and gets one back; the others name it. Pieces are base64.
 */
export interface UploadChunkRequest {
  readonly uploadId?: string;
  readonly chunkBase64: string;
}

export interface UploadChunkResponse {
  readonly uploadId: string;
  readonly receivedBytes: number;
}

/**
 * Reads an uploaded file into a dataset. `importId` (chosen by the renderer) names the import in
 * progress events and in datasets.cancelImport.
 */
export interface ImportDatasetRequest {
  readonly uploadId: string;
  readonly fileName: string;
  readonly importId: string;
  readonly options?: ImportOptions;
}

/**
 * A file the desktop app opened from its menu (File > Open Dataset, Open Recent), named by an id:
 * its path stays in the main process, since paths never come from the renderer.
 */
export interface OpenedFile {
  readonly fileId: string;
  readonly fileName: string;
}

/**
 * Reads a file opened from the desktop menu again, with other options (e.g. the sheet picked after
 * its first sheet failed). `importId` names the import as in ImportDatasetRequest.
 */
export interface ReopenDatasetRequest {
  readonly fileId: string;
  readonly importId: string;
  readonly options?: ImportOptions;
}

export interface ImportProgressEvent {
  readonly importId: string;
  /** The file's name (shown for imports the renderer did not start, e.g. from the desktop menu). */
  readonly fileName?: string;
  /** 'reading' the bytes, 'parsing' them into a table, 'inspecting' the columns. */
  readonly phase: 'reading' | 'parsing' | 'inspecting';
  /** 0..1 within the whole import. */
  readonly fraction: number;
}

/** What the user chose about a table's columns and how to prepare them. */
export interface PreparationChoices {
  readonly imputation: Imputation;
  readonly scaling: Scaling;
  /** Most categories one-hot encoded per column (2..1000). */
  readonly maxCategories: number;
}

/** Class weights in the loss: none, balanced (n / (k n_c)), or one positive weight per class. */
export type ClassWeightChoice = 'none' | 'balanced' | readonly number[];

export interface DatasetConfiguration {
  readonly target: string;
  readonly task: Task;
  /** Columns left out of the features (every other non-target column is a feature). */
  readonly ignoredColumns: readonly string[];
  readonly preparation: PreparationChoices;
  readonly classWeights: ClassWeightChoice;
}

/** A new dataset (new id) sharing the table of `datasetId`, with these choices. */
export interface ConfigureDatasetRequest {
  readonly datasetId: string;
  readonly target: string;
  /** Inferred from the target when absent. */
  readonly task?: Task;
  readonly ignoredColumns: readonly string[];
  readonly preparation?: PreparationChoices;
  readonly classWeights?: ClassWeightChoice;
}

/** Everything the data screen shows about a loaded table. */
export interface DatasetInspection {
  readonly datasetId: string;
  readonly rowCount: number;
  readonly columns: readonly ColumnProfile[];
  /** How the file was read (null for built-in data). */
  readonly source: ReadTableDetails | null;
  readonly configuration: DatasetConfiguration;
  /** The target suggested by the inspection (named like a target, else the last usable column). */
  readonly suggestedTarget: string;
  /** Task inferred for each possible target would be costly; this is the one inferred for the configured target. */
  readonly inferredTask: Task;
}

/** A window of table rows for the virtualized preview. */
export interface DatasetRowsRequest {
  readonly datasetId: string;
  readonly offset: number;
  readonly limit: number;
}

export interface DatasetRows {
  readonly offset: number;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly totalRows: number;
}
