import type { Task } from '../data/dataset';
import type { SolverName } from '../training/train-types';

/**
 * Types of model export, import and prediction. File contents travel inside payloads (text or
 * base64): the renderer never sends a path, and it downloads what it receives.
 */

/** Which model: a finished job of this session, a saved run, or a model imported from a file. */
export type ModelSource = { readonly jobId: string } | { readonly runId: string } | { readonly importedModelId: string };

/** json: our model file; onnx: ONNX opset 13; html: self-contained report. */
export type ModelExportFormat = 'json' | 'onnx' | 'html';

/** A file's contents: UTF-8 text as is, binary as base64. */
export interface FileContents {
  readonly fileName: string;
  readonly encoding: 'utf8' | 'base64';
  readonly content: string;
}

export interface ExportedFile extends FileContents {
  readonly mimeType: string;
  /** Size of the decoded file. */
  readonly byteLength: number;
}

export interface ExportModelRequest {
  readonly source: ModelSource;
  readonly format: ModelExportFormat;
}

export interface ImportModelRequest {
  /** A model JSON (utf8) or an ONNX file we exported (base64). */
  readonly file: FileContents;
}

export interface ImportedModelInfo {
  readonly importedModelId: string;
  readonly fileName: string;
  readonly fromFormat: 'json' | 'onnx';
  readonly task: Task;
  readonly solver: SolverName;
  readonly producer: string | null;
  /** Raw columns a data file must have for prediction (the target may be absent). */
  readonly inputColumns: readonly string[];
  readonly classNames: readonly string[];
  readonly neuronCount: number;
}

export interface PredictFileRequest {
  readonly source: ModelSource;
  /** A delimited text file (CSV/TSV) with the model's raw input columns. */
  readonly file: FileContents;
}

export interface PredictionsExport {
  /** The predictions CSV: `prediction`, then one `probability_<class>` per class. */
  readonly file: ExportedFile;
  readonly rowCount: number;
  /** The first rows of that CSV, for a preview. */
  readonly previewColumns: readonly string[];
  readonly previewRows: readonly (readonly string[])[];
  /** What the predictions rest on where input cells were missing (filled-inputs.ts); empty when none were. */
  readonly notes: readonly string[];
}
