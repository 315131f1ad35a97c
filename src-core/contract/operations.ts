import type { PermutationImportance } from '../model/permutation-importance';
import type { RobustnessComparison } from '../robust/robustness-report-types';
import type { Task } from '../data/dataset';
import type { MetricsReport } from '../training/evaluate';
import type { TrainOptions } from '../training/train-types';
import type { HistoryPoint, ProgressStage, SolverStatus } from '../solvers/solver-types';
import type { ExportedFile, ExportModelRequest, ImportedModelInfo, ImportModelRequest, PredictFileRequest, PredictionsExport } from './export-types';
import type { RunListing, RunListRequest, RunRecordSummary, StoredRun, WorkspaceInfo } from './run-history';
import type { TestPredictions } from './test-predictions';
import type { ContractError } from './envelope';
import type { ContractErrorDetails } from './error-details';
import type {
  ConfigureDatasetRequest,
  DatasetConfiguration,
  DatasetInspection,
  DatasetRows,
  DatasetRowsRequest,
  ImportDatasetRequest,
  ImportProgressEvent,
  OpenedFile,
  PreparationChoices,
  ReopenDatasetRequest,
  UploadChunkRequest,
  UploadChunkResponse,
} from './dataset-types';
import type {
  CrossValidationReport,
  CrossValidationRequest,
  JobKind,
  SweepRequest,
  SweepSummary,
  TrainingAdvice,
  TrainingAdviceRequest,
  TrainingEstimateRequest,
  TrainingEstimateResponse,
} from './training-jobs';

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
  /** Training worker threads (one per core but one, or CONVEXNET_WORKERS): how many jobs, folds or heads run at once. */
  readonly trainingWorkers: number;
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
  /** Gaussian blobs only: the number of classes. */
  readonly classes?: number;
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
  /** The user's choices (target, task, ignored columns, preparation, class weights); absent before any. */
  readonly configuration?: DatasetConfiguration;
  /** Things to know about the data (e.g. rows without a target that training will drop). */
  readonly warnings?: readonly string[];
}

export interface StartJobRequest {
  readonly datasetId: string;
  readonly options: TrainOptions;
  /** Fraction 0..1 of rows held out for testing (stratified for classification). */
  readonly testFraction: number;
  readonly label?: string;
  /** Jobs started together (e.g. a convex run and its back-propagation baselines) share a group id. */
  readonly group?: string;
  /** Seed of the train/test split when it must differ from options.seed (baselines with several seeds on one split). */
  readonly splitSeed?: number;
  /** Makes the job a beta sweep (one worker job, warm starts); its model is the selected point's. */
  readonly sweep?: SweepRequest;
  /** Makes the job a k-fold cross-validation of the settings, followed by the model on all training rows. */
  readonly crossValidation?: CrossValidationRequest;
  /** How to prepare the columns; by default the dataset's configured choices (or the defaults). */
  readonly preparation?: PreparationChoices;
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
  /** Where in a sweep or cross-validation the solve is, outermost first. */
  readonly stages?: readonly ProgressStage[];
  /** The iteration counts Newton steps (the interior-point solver, or adversarial training's robust interior-point method). */
  readonly newtonStep?: boolean;
  /** What happened at this point (HistoryPoint.event, e.g. cone rows added): the charts mark it. Never throttled away. */
  readonly event?: string;
  /** 'patterns': the back-propagation networks that give the patterns are training (epochs); not a point of the run's curves. */
  readonly phase?: 'patterns';
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
  /** Why it failed: code, message and, when the renderer can act on them, details (error-details.ts). */
  readonly error: ContractError | null;
  /** The group id of the request (jobs started together), if any. */
  readonly group?: string;
  /** 'train' unless the job is a sweep or a cross-validation. */
  readonly kind?: JobKind;
  /** The seed of the run's options (baselines of one group differ by it). */
  readonly seed?: number;
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
  /** Size of each hidden neuron's contribution, ||u_j||_2 |alpha_j|, in neuron order. */
  readonly neuronSizes?: readonly number[];
  /** True when `iterations` counts Newton steps (the interior-point solver, or adversarial training's robust interior-point method). */
  readonly newtonSteps?: boolean;
  /** The solver's plain facts about this solve (e.g. why it stopped early, a working set, a warm start); absent when it had none. */
  readonly notes?: readonly string[];
  /** The solver's technical account of the same solve, for an expert (SolveInfo.details); absent when it had none. */
  readonly details?: readonly string[];
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
  /** What preparing the training rows did that changes the model's inputs (e.g. categories past the cap counted as "other"); absent when nothing. */
  readonly dataWarnings?: readonly string[];
  /** Predictions on (a bounded sample of) the held-out test rows; null without test rows. */
  readonly testPredictions?: TestPredictions | null;
  /** Beta sweeps: every point of the path (the run's model is the selected point's). */
  readonly sweep?: SweepSummary;
  /** Cross-validation jobs: mean and spread of every metric over the folds. */
  readonly crossValidation?: CrossValidationReport;
  /** Adversarial training runs: clean / FGSM / PGD / certified accuracy over a sweep of radii (and the standard model's). */
  readonly robustness?: RobustnessComparison;
  /** How much the test score falls when each input column is shuffled (model/permutation-importance.ts); null without held-out rows. */
  readonly importance?: PermutationImportance | null;
  /** Why the run has no model to export, completing "has no model to export: ..."; absent when it has one. */
  readonly noModelReason?: string;
}

/** request/response of every operation. `void` requests take no payload. */
export interface ContractOperations {
  'app.info': { request: void; response: AppInfo };
  'datasets.listBuiltIn': { request: void; response: BuiltInDatasetInfo[] };
  'datasets.loadBuiltIn': { request: LoadBuiltInRequest; response: DatasetSummary };
  /** Data files: upload in base64 pieces, then import (parsed off the renderer, with progress events). */
  'datasets.upload': { request: UploadChunkRequest; response: UploadChunkResponse };
  'datasets.import': { request: ImportDatasetRequest; response: DatasetSummary };
  'datasets.cancelImport': { request: { importId: string }; response: { accepted: boolean } };
  /** A file opened from the desktop menu, read again with other options (a workbook's other sheet). */
  'datasets.reopen': { request: ReopenDatasetRequest; response: DatasetSummary };
  'datasets.inspect': { request: { datasetId: string }; response: DatasetInspection };
  'datasets.rows': { request: DatasetRowsRequest; response: DatasetRows };
  'datasets.configure': { request: ConfigureDatasetRequest; response: DatasetSummary };
  'training.defaults': { request: { datasetId: string }; response: TrainOptions };
  /** Automatic choices (with reasons) and the three presets for a dataset. */
  'training.advice': { request: TrainingAdviceRequest; response: TrainingAdvice };
  /** Memory and time per iteration before Start (cost model, optionally calibrated by a probe). */
  'training.estimate': { request: TrainingEstimateRequest; response: TrainingEstimateResponse };
  'jobs.start': { request: StartJobRequest; response: { jobId: string } };
  'jobs.cancel': { request: { jobId: string }; response: { accepted: boolean } };
  'jobs.list': { request: void; response: JobSummary[] };
  'jobs.result': { request: { jobId: string }; response: RunResult };
  /** Run history (workspace): every finished run is saved automatically. */
  'runs.list': { request: RunListRequest; response: RunListing };
  'runs.get': { request: { runId: string }; response: StoredRun };
  'runs.rename': { request: { runId: string; name: string }; response: RunRecordSummary };
  'runs.delete': { request: { runId: string }; response: { deleted: boolean } };
  'workspace.info': { request: void; response: WorkspaceInfo };
  /** Model export (json | onnx | html report), import, and predictions on an uploaded file. */
  'export.model': { request: ExportModelRequest; response: ExportedFile };
  'models.import': { request: ImportModelRequest; response: ImportedModelInfo };
  'export.predictions': { request: PredictFileRequest; response: PredictionsExport };
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
  'dataset.opened': OpenedDatasetEvent;
  'app.error': AppErrorEvent;
  /** Progress of a datasets.import (throttled). */
  'dataset.importProgress': ImportProgressEvent;
  /** A finished run was saved to the workspace (run history). */
  'run.saved': RunRecordSummary;
  /** The workspace folder was changed (desktop: File > Choose Workspace Folder…): re-read the run list. */
  'workspace.changed': WorkspaceInfo;
}

export type MenuCommand = 'open-dataset' | 'export-model' | 'export-onnx' | 'export-report' | 'choose-workspace' | 'toggle-theme' | 'about';

export interface MenuCommandEvent {
  readonly command: MenuCommand;
  readonly path?: string;
}

export type EventName = keyof ContractEvents;

/** A dataset opened from the desktop menu, and the file's id to read it again with other options (datasets.reopen), e.g. another sheet. */
export interface OpenedDatasetEvent extends DatasetSummary {
  readonly openedFile?: OpenedFile;
}

/**
 * A failure outside any request (e.g. a file opened from the native menu), for a toast; checked
 * by appErrorEventSchema (app-error-event.ts) where the renderer receives it.
 */
export interface AppErrorEvent {
  readonly code: string;
  readonly message: string;
  /** What the renderer can act on, as in an error reply (error-details.ts): e.g. a workbook's sheets. */
  readonly details?: ContractErrorDetails;
  /** The menu-opened file that failed to open: datasets.reopen reads it again with other options. */
  readonly openedFile?: OpenedFile;
}

export const operationNames: readonly OperationName[] = [
  'app.info',
  'datasets.listBuiltIn',
  'datasets.loadBuiltIn',
  'datasets.upload',
  'datasets.import',
  'datasets.cancelImport',
  'datasets.reopen',
  'datasets.inspect',
  'datasets.rows',
  'datasets.configure',
  'training.defaults',
  'training.advice',
  'training.estimate',
  'jobs.start',
  'jobs.cancel',
  'jobs.list',
  'jobs.result',
  'runs.list',
  'runs.get',
  'runs.rename',
  'runs.delete',
  'workspace.info',
  'export.model',
  'models.import',
  'export.predictions',
];

export const eventNames: readonly EventName[] = ['job.progress', 'job.updated', 'menu.command', 'dataset.opened', 'app.error', 'run.saved', 'workspace.changed', 'dataset.importProgress'];
