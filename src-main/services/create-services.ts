import { rmSync } from 'node:fs';
import { openDatasetFile } from './open-dataset-file';
import { OpenedFiles } from './opened-files';
import { contractErrorOfThrown } from '../../src-core/contract/contract-error';
import { DatasetImports } from '../datasets/dataset-imports';
import type { ResourceLimits } from 'node:worker_threads';
import type { Envelope } from '../../src-core/contract/envelope';
import { errorEnvelope } from '../../src-core/contract/envelope';
import type { AppInfo, JobSummary, OperationName } from '../../src-core/contract/operations';
import type { ModelFile } from '../../src-core/model/model-file';
import type { WorkspaceInfo } from '../../src-core/contract/run-history';
import { totalmem } from 'node:os';
import { APP_NAME, appInfo, coreCount, readAppVersion } from './app-info';
import { trainingWorkerCount } from './worker-count';
import { DatasetRegistry } from './dataset-registry';
import type { RetentionLimits } from './dataset-retention';
import { createDispatcher } from './dispatcher';
import type { ServiceEventListener } from './event-hub';
import { EventHub } from './event-hub';
import { JobManager } from './job-manager';
import type { ServiceLogger } from './logger';
import { consoleLogger } from './logger';
import type { OperationHandlers } from './operation-handlers';
import { createOperationHandlers } from './operation-handlers';
import { WorkerPool } from './worker-pool';
import { defaultDataWorkerEntry, defaultTrainWorkerEntry } from './worker-entry';
import { DataWorker } from './data-worker-client';
import { ImportedModels } from '../export/imported-models';
import { ModelExporter } from '../export/model-exporter';
import { createRunSaver } from '../workspace/run-saver';
import { RunStore } from '../workspace/run-store';
import { temporaryWorkspaceFolder } from '../workspace/workspace-folder';

export interface ServicesOptions {
  readonly transport: AppInfo['transport'];
  /** Training workers (default: cores - 1, at least 1). */
  readonly poolSize?: number;
  /** Time a cancelled job gets to stop on its own before its worker is terminated (default 2000 ms). */
  readonly cancelGraceMs?: number;
  /** Least time between two progress events of a job (default 100 ms). */
  readonly progressIntervalMs?: number;
  /** Default: console with a "[convexnet]" prefix. */
  readonly logger?: ServiceLogger;
  /** Worker entry (a .ts entry runs through the tsx bootstrap); default: see defaultTrainWorkerEntry. Tests inject failing workers here. */
  readonly workerEntry?: URL;
  /** Heap limits of each worker thread (a worker that exceeds them fails its job with worker/out-of-memory). */
  readonly workerResourceLimits?: ResourceLimits;
  /** Folder of the run history (every finished run is saved there); default: a temporary folder, removed on dispose. */
  readonly workspaceFolder?: string;
  /** How many datasets, and how many table cells, stay loaded at once (default MAX_DATASETS, MAX_HELD_CELLS). */
  readonly datasetLimits?: Partial<RetentionLimits>;
}

/** The back end behind both transports (Electron IPC and web mode). Never imports electron. */
export interface Services {
  readonly transport: AppInfo['transport'];
  /** The operations with a handler (the conformance test compares them with the contract). */
  readonly operations: readonly OperationName[];
  /** Runs one contract operation on an untrusted payload; always resolves to an envelope. */
  dispatch(operation: string, payload: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to pushed events (job.progress, job.updated); returns the unsubscribe function. */
  onEvent(listener: ServiceEventListener): () => void;
  /**
   * Loads a file the user picked in the desktop app's native dialog and pushes 'dataset.opened'
   * (or 'app.error' with what went wrong and its details), with the file's id for datasets.reopen.
   * Not a contract operation: paths never come from the renderer.
   */
  openDatasetFile(path: string): Promise<void>;
  /**
   * Uses another workspace folder for the run history (desktop: picked in a native dialog; not a
   * contract operation, paths never come from the renderer) and pushes 'workspace.changed'.
   */
  setWorkspaceFolder(path: string): Promise<WorkspaceInfo>;
  /** The model file of a finished job (kept in memory for export), or null. */
  modelFile(jobId: string): ModelFile | null;
  /** Terminates the workers and stops timers; dispatch must not be called afterwards. */
  dispose(): Promise<void>;
}

export const DEFAULT_CANCEL_GRACE_MS = 2000;
export const DEFAULT_PROGRESS_INTERVAL_MS = 100;
/**
 * How long shutting down waits for the cancelled runs to end (and be saved): past the cancel grace
 * period, after which a worker that ignores its cancel is terminated.
 */
export const SHUTDOWN_WAIT_MS = 5000;

export function createServices(options: ServicesOptions = { transport: 'electron' }): Services {
  const logger = options.logger ?? consoleLogger;
  const version = readAppVersion();
  const events = new EventHub(logger);
  // Targets, column profiles and preparations of large tables take seconds: in a thread of their own, never on this one.
  const data = new DataWorker({ entry: defaultDataWorkerEntry(), logger });
  const datasets = new DatasetRegistry(options.datasetLimits, {
    target: (table, column, task) => data.target(table, column, task),
    profiles: (table, columns) => data.profiles(table, columns),
    forget: (table) => data.forget(table),
    // Opened files too: parsed, profiled and their target chosen there, the table kept there.
    open: (input, fileName, readOptions, control) => data.openFile(input, fileName, readOptions, control),
  });
  const pool = new WorkerPool({
    size: options.poolSize ?? trainingWorkerCount(process.env, coreCount(), logger),
    entry: options.workerEntry ?? defaultTrainWorkerEntry(),
    logger,
    ...(options.workerResourceLimits ? { resourceLimits: options.workerResourceLimits } : {}),
  });
  const jobs = new JobManager({
    pool,
    datasets,
    data,
    events,
    logger,
    cancelGraceMs: options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS,
    progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
    producer: `${APP_NAME} ${version}`,
    machineBytes: totalmem(),
  });
  const temporaryWorkspace = options.workspaceFolder === undefined ? temporaryWorkspaceFolder() : null;
  const runs = new RunStore(options.workspaceFolder ?? temporaryWorkspace!.folder);
  const imported = new ImportedModels();
  const exporter = new ModelExporter({ jobs, runs, imported, appVersion: version });
  // Every run that ends with a result is saved to the workspace; 'run.saved' tells the renderer.
  const runSaver = createRunSaver({
    store: runs,
    logger,
    lookup: (jobId) => jobs.savedRunInputs(jobId),
    onSaved: (summary) => events.emit('run.saved', summary),
    // Said in the window too: a failed save (full disk, a folder that cannot be written) was only logged.
    onFailed: (message) => events.emit('app.error', { code: 'workspace/write-failed', message }),
  });
  events.subscribe((name, payload) => {
    if (name === 'job.updated') runSaver.jobUpdated(payload as JobSummary);
  });
  const imports = new DatasetImports(datasets, (event) => events.emit('dataset.importProgress', event));
  const openedFiles = new OpenedFiles();
  const handlers: OperationHandlers = createOperationHandlers({ info: () => appInfo(options.transport, version, pool.stats().size), datasets, data, jobs, runs, exporter, imported, imports, openedFiles });
  const dispatch = createDispatcher(handlers, logger);
  let disposed = false;
  return {
    transport: options.transport,
    operations: Object.keys(handlers) as OperationName[],
    dispatch: (operation, payload) => (disposed ? Promise.resolve(errorEnvelope('app/shut-down', 'The back end has shut down.')) : dispatch(operation, payload)),
    onEvent: (listener) => events.subscribe(listener),
    openDatasetFile: async (path) => {
      const openedFile = openedFiles.remember(path);
      try {
        events.emit('dataset.opened', { ...(await openDatasetFile(imports, path)), openedFile });
      } catch (error) {
        const failure = contractErrorOfThrown(error);
        logger.warn(`opening ${path} failed: ${failure.message}`);
        // With the details an error reply would carry (a workbook's sheets), and the file's id to
        // read it again with the renderer's choice (datasets.reopen), as an uploaded file can be.
        events.emit('app.error', { ...failure, openedFile });
      }
    },
    setWorkspaceFolder: async (path) => {
      const info = await runs.switchTo(path);
      events.emit('workspace.changed', info);
      return info;
    },
    modelFile: (jobId) => jobs.modelFile(jobId),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      // A run going on is cancelled and saved with its last iterate, as a cancel would.
      await jobs.cancelAllAndWait(SHUTDOWN_WAIT_MS);
      jobs.dispose();
      imports.dispose();
      await runSaver.idle();
      if (temporaryWorkspace) rmSync(temporaryWorkspace.root, { recursive: true, force: true });
      events.clear();
      await Promise.all([pool.dispose(), data.dispose()]);
    },
  };
}
