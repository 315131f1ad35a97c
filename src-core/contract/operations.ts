import type { Task } from '../data/dataset';
import type { MetricsReport } from '../training/evaluate';
import type { TrainOptions } from '../training/train-types';
import type { HistoryPoint, SolverStatus } from '../solvers/solver-types';

/**
 * The one typed contract between the renderer and the back end. Every operation is declared
 * here once (request, response); pushed events are declared in ContractEvents. Both transports
 * (Electron IPC and web mode) implement exactly these names, and a conformance test checks it.
 * Payloads are plain structured-clone/JSON data.
 */

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** 'electron' or 'web'. */
  readonly transport: 'electron' | 'web';
  readonly cores: number;
  readonly totalMemoryBytes: number;
}

export interface BuiltInDatasetInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly task: Task;
  readonly rows: number;
  readonly features: number;
  /** 'real' (shipped data) or 'generator' (seeded synthetic data). */
  readonly kind: 'real' | 'generator';
  readonly attribution: string;
}

export interface LoadBuiltInRequest {
  readonly id: string;
  /** Generators only. */
  readonly seed?: number;
  readonly rows?: number;
  readonly noise?: number;
}

export interface DatasetSummary {
  readonly datasetId: string;
  readonly name: string;
  readonly task: Task;
  readonly targetName: string;
  readonly rowCount: number;
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  /** Rows per class (classification), empty for regression. */
  readonly classCounts: readonly number[];
  /** The first rows as text, features then target. */
  readonly previewColumns: readonly string[];
  readonly previewRows: readonly (readonly string[])[];
}

export interface StartJobRequest {
  readonly datasetId: string;
  readonly options: TrainOptions;
  /** Fraction 0..1 of rows held out for testing (stratified for classification). */
  readonly testFraction: number;
  readonly label?: string;
}

export type JobState = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';

export interface JobProgress {
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly fraction: number;
  readonly objective: number;
  readonly lowerBound?: number;
  readonly relativeGap?: number;
  readonly primalResidual?: number;
  readonly dualResidual?: number;
  readonly trainAccuracy?: number;
  readonly testAccuracy?: number;
  readonly head?: number;
  readonly headCount?: number;
}

export interface JobSummary {
  readonly jobId: string;
  readonly label: string;
  readonly datasetId: string;
  readonly solver: TrainOptions['solver'];
  readonly state: JobState;
  /** Solver status once finished (a cancelled solve still finishes with its last iterate). */
  readonly status: SolverStatus | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly progress: JobProgress | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface HeadResult {
  readonly classIndex: number | null;
  readonly neuronCount: number;
  readonly status: SolverStatus;
  readonly iterations: number;
  readonly objective: number;
  readonly lowerBound: number | null;
  readonly relativeGap: number | null;
  readonly certificateText: string | null;
  readonly history: readonly HistoryPoint[];
}

export interface RunResult {
  readonly jobId: string;
  readonly datasetId: string;
  readonly task: Task;
  readonly options: TrainOptions;
  readonly status: SolverStatus;
  /** The stopping reason in plain words. */
  readonly statusText: string;
  readonly heads: readonly HeadResult[];
  readonly trainCount: number;
  readonly testCount: number;
  readonly train: MetricsReport;
  readonly test: MetricsReport | null;
  readonly setupMs: number;
  readonly solveMs: number;
}

/** request/response of every operation. `void` requests take no payload. */
export interface ContractOperations {
  'app.info': { request: void; response: AppInfo };
  'datasets.listBuiltIn': { request: void; response: BuiltInDatasetInfo[] };
  'datasets.loadBuiltIn': { request: LoadBuiltInRequest; response: DatasetSummary };
  'training.defaults': { request: { datasetId: string }; response: TrainOptions };
  'jobs.start': { request: StartJobRequest; response: { jobId: string } };
  'jobs.cancel': { request: { jobId: string }; response: { accepted: boolean } };
  'jobs.list': { request: void; response: JobSummary[] };
  'jobs.result': { request: { jobId: string }; response: RunResult };
}

export type OperationName = keyof ContractOperations;
export type RequestOf<K extends OperationName> = ContractOperations[K]['request'];
export type ResponseOf<K extends OperationName> = ContractOperations[K]['response'];

/** Events the back end pushes; progress is throttled to at most one per job every 100 ms. */
export interface ContractEvents {
  'job.progress': { jobId: string; progress: JobProgress };
  'job.updated': JobSummary;
  /**
   * A native menu item that needs the renderer was chosen (Electron only; web mode has no
   * native menu). `path` carries the file picked in the native Open dialog of 'open-dataset'.
   */
  'menu.command': MenuCommandEvent;
  /** A dataset file opened through the desktop menu (File > Open dataset, Open recent) was loaded. */
  'dataset.opened': DatasetSummary;
  'app.error': AppErrorEvent;
}

export type MenuCommand = 'open-dataset' | 'export-model' | 'toggle-theme' | 'about';

export interface MenuCommandEvent {
  readonly command: MenuCommand;
  readonly path?: string;
}

export type EventName = keyof ContractEvents;

/** A failure outside any request (e.g. a file opened from the native menu), for a toast. */
export interface AppErrorEvent {
  readonly code: string;
  readonly message: string;
}

export const operationNames: readonly OperationName[] = [
  'app.info',
  'datasets.listBuiltIn',
  'datasets.loadBuiltIn',
  'training.defaults',
  'jobs.start',
  'jobs.cancel',
  'jobs.list',
  'jobs.result',
];

export const eventNames: readonly EventName[] = ['job.progress', 'job.updated', 'menu.command', 'dataset.opened', 'app.error'];
