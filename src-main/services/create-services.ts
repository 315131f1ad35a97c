import { ConvexNetError } from '../../src-core/errors';
import { openDatasetFile } from './open-dataset-file';
import type { ResourceLimits } from 'node:worker_threads';
import type { Envelope } from '../../src-core/contract/envelope';
import { errorEnvelope } from '../../src-core/contract/envelope';
import type { AppInfo, OperationName } from '../../src-core/contract/operations';
import type { ModelFile } from '../../src-core/model/model-file';
import { APP_NAME, appInfo, coreCount, readAppVersion } from './app-info';
import { DatasetRegistry } from './dataset-registry';
import { createDispatcher } from './dispatcher';
import type { ServiceEventListener } from './event-hub';
import { EventHub } from './event-hub';
import { JobManager } from './job-manager';
import type { ServiceLogger } from './logger';
import { consoleLogger } from './logger';
import type { OperationHandlers } from './operation-handlers';
import { createOperationHandlers } from './operation-handlers';
import { WorkerPool } from './worker-pool';
import { defaultTrainWorkerEntry } from './worker-entry';

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
   * (or 'app.error' with what went wrong). Not a contract operation: paths never come from the renderer.
   */
  openDatasetFile(path: string): void;
  /** The model file of a finished job (kept in memory for export), or null. */
  modelFile(jobId: string): ModelFile | null;
  /** Terminates the workers and stops timers; dispatch must not be called afterwards. */
  dispose(): Promise<void>;
}

export const DEFAULT_CANCEL_GRACE_MS = 2000;
export const DEFAULT_PROGRESS_INTERVAL_MS = 100;

export function createServices(options: ServicesOptions = { transport: 'electron' }): Services {
  const logger = options.logger ?? consoleLogger;
  const version = readAppVersion();
  const events = new EventHub(logger);
  const datasets = new DatasetRegistry();
  const pool = new WorkerPool({
    size: options.poolSize ?? Math.max(1, coreCount() - 1),
    entry: options.workerEntry ?? defaultTrainWorkerEntry(),
    logger,
    ...(options.workerResourceLimits ? { resourceLimits: options.workerResourceLimits } : {}),
  });
  const jobs = new JobManager({
    pool,
    datasets,
    events,
    logger,
    cancelGraceMs: options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS,
    progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
    producer: `${APP_NAME} ${version}`,
  });
  const handlers: OperationHandlers = createOperationHandlers({ info: () => appInfo(options.transport, version), datasets, jobs });
  const dispatch = createDispatcher(handlers, logger);
  let disposed = false;
  return {
    transport: options.transport,
    operations: Object.keys(handlers) as OperationName[],
    dispatch: (operation, payload) => (disposed ? Promise.resolve(errorEnvelope('app/shut-down', 'The back end has shut down.')) : dispatch(operation, payload)),
    onEvent: (listener) => events.subscribe(listener),
    openDatasetFile: (path) => {
      try {
        events.emit('dataset.opened', openDatasetFile(datasets, path));
      } catch (error) {
        const code = error instanceof ConvexNetError ? error.code : 'internal/error';
        const message = error instanceof Error ? error.message : String(error);
        logger.warn(`opening ${path} failed: ${message}`);
        events.emit('app.error', { code, message });
      }
    },
    modelFile: (jobId) => jobs.modelFile(jobId),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      jobs.dispose();
      events.clear();
      await pool.dispose();
    },
  };
}
