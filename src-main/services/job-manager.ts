import { withResolvedAdversarial } from '../../src-core/robust/adversarial-options';
import type { ContractError } from '../../src-core/contract/envelope';
import type { JobProgress, JobState, JobSummary, RunResult, StartJobRequest } from '../../src-core/contract/operations';
import { ConvexNetError, messageOf } from '../../src-core/errors';
import { contractErrorOfThrown, convexNetErrorOf } from '../../src-core/contract/contract-error';
import type { ModelFile } from '../../src-core/model/model-file';
import { buildModelFile } from '../../src-core/model/model-file';
import { foldPreparationOf } from '../../src-core/training/fold-preparation';
import { checkEpsilonSweepSolver } from '../../src-core/training/epsilon-path';
import { checkTrainOptions } from '../../src-core/training/check-train-options';
import { resolveEpsilonSweep } from '../../src-core/training/epsilon-sweep-threats';
import type { SolverStatus } from '../../src-core/solvers/solver-types';
import type { DoneReply, RunJobMessage } from '../workers/train-protocol';
import { CANCEL_REQUESTED, createCancelFlag } from '../workers/train-protocol';
import type { DatasetRegistry, HeldDataset, LoadedDataset } from './dataset-registry';
import { dataFingerprint } from '../workspace/data-fingerprint';
import type { RunDatasetInput } from '../workspace/run-record';
import type { EventHub } from './event-hub';
import type { ServiceLogger } from './logger';
import type { DataWorker } from './data-worker-client';
import type { PreparedJob } from './prepare-job';
import { prepareRequestOf } from './prepare-job';
import { ProgressThrottle } from './progress-throttle';
import { noModelReason } from './no-model-reason';
import { buildRunResult, withHeldOutResults } from './run-result';
import type { FinishedRunData } from '../workers/data-protocol';
import type { WorkerPool } from './worker-pool';
import { FoldParts } from './fold-parts';
import { HeadParts } from './head-parts';
import { partsAtOnce, type JobParts, type JobPartsHost } from './job-parts';
import type { DatasetSize } from '../../src-core/data/dataset';
import type { TrainOptions } from '../../src-core/training/train-types';
import { crossValidationFolds } from '../workers/run-fold-part';

/** How often a shutdown looks whether its cancelled jobs have ended. */
const SHUTDOWN_POLL_MS = 20;

/** Ended jobs kept for jobs.list / jobs.result (each holds its result and model file in memory). */
export const MAX_RETAINED_JOBS = 200;

export interface JobManagerOptions {
  readonly pool: WorkerPool;
  readonly datasets: DatasetRegistry;
  /** Prepares each job's data, and what a finished job takes from its table (fingerprint, test-row predictions, input importance), off the main thread. */
  readonly data: Pick<DataWorker, 'prepare' | 'finishedRun'>;
  readonly events: EventHub;
  readonly logger: ServiceLogger;
  /** How long a cancelled job may take to notice its flag before its worker is terminated. */
  readonly cancelGraceMs: number;
  /** Least time between two progress events of one job. */
  readonly progressIntervalMs: number;
  /** Written into model files, e.g. "ConvexNet Studio 0.1.0". */
  readonly producer: string;
  /** Bytes of memory the machine has (how many folds of a cross-validation may run at once). */
  readonly machineBytes: number;
}

interface JobRecord {
  readonly id: string;
  readonly label: string;
  readonly datasetId: string;
  /**
   * The dataset while the job may read it (queued or running), held in the registry so it is not
   * unloaded; released, and null, once the job ended: nothing after reads its table.
   */
  held: HeldDataset | null;
  /** What the run history and exports keep of the dataset (no table), once the job ended with a result. */
  savedDataset: RunDatasetInput | null;
  readonly request: StartJobRequest;
  readonly createdAt: number;
  readonly cancelFlag: SharedArrayBuffer;
  readonly throttle: ProgressThrottle<JobProgress>;
  state: JobState;
  status: SolverStatus | null;
  startedAt: number | null;
  endedAt: number | null;
  progress: JobProgress | null;
  error: ContractError | null;
  cancelRequested: boolean;
  /** Why a cancelled job kept no result, when the worker said (solver/cancelled); else null. */
  cancelNote: string | null;
  graceTimer: ReturnType<typeof setTimeout> | null;
  prepared: Omit<PreparedJob, 'train' | 'test' | 'imputedRows'> & { trainCount: number; testCount: number } | null;
  result: RunResult | null;
  modelFile: ModelFile | null;
  /** A job whose folds or one-vs-rest heads run on several workers (job-parts.ts); null: one worker task. */
  parts: JobParts | null;
}

/**
 * Jobs from start to one outcome. `start` answers at once with the id; the job waits in the
 * pool's queue, is split and preprocessed (in the data worker) when a worker is free, trains there, and ends exactly
 * once: finished (with the solver status), cancelled (through the shared flag, or by terminating
 * the worker after the grace period) or failed (with a readable error). Every state change is
 * pushed as job.updated; progress as job.progress, at most once per interval per job.
 */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private counter = 0;

  constructor(private readonly options: JobManagerOptions) {}

  start(request: StartJobRequest): { jobId: string } {
    if (request.sweep && request.crossValidation) {
      throw new ConvexNetError('jobs/invalid-kind', 'A job is either a beta sweep or a cross-validation; to pick beta by cross-validation, give the sweep cvFolds.');
    }
    if (request.sweep?.parameter === 'epsilon') checkEpsilonSweepSolver(request.options.solver);
    // Options no run could use (a setting outside its declared bounds, a loss the solver does not
    // take) are refused now, in the Train form's words, not by a worker once the job was queued.
    checkTrainOptions(request.options, request.options.adversarial !== undefined || request.sweep?.parameter === 'epsilon');
    const held = this.options.datasets.hold(request.datasetId);
    const id = `job-${++this.counter}`;
    const job: JobRecord = {
      id,
      label: request.label?.trim() || `${request.options.solver} on ${held.dataset.name}`,
      datasetId: request.datasetId,
      held,
      savedDataset: null,
      request,
      createdAt: Date.now(),
      cancelFlag: createCancelFlag(),
      throttle: new ProgressThrottle<JobProgress>(this.options.progressIntervalMs, (progress) => this.options.events.emit('job.progress', { jobId: id, progress }), undefined, (progress) => progress.event !== undefined),
      state: 'queued',
      status: null,
      startedAt: null,
      endedAt: null,
      progress: null,
      error: null,
      cancelRequested: false,
      cancelNote: null,
      graceTimer: null,
      prepared: null,
      result: null,
      modelFile: null,
      parts: null,
    };
    this.jobs.set(id, job);
    this.updated(job);
    // With more than one worker, a cross-validation's folds (fold-parts.ts) or a one-vs-rest
    // model's heads (head-parts.ts) run at once.
    job.parts = this.options.pool.stats().size > 1 ? this.splitJob(job) : null;
    if (job.parts) {
      job.parts.start();
      return { jobId: id };
    }
    this.options.pool.submit({
      id,
      prepare: () => this.prepare(job),
      onStart: () => this.started(job),
      onProgress: (progress) => this.progressed(job, progress),
      onDone: (reply) => {
        if (reply.type === 'done') this.finished(job, reply);
        else this.fail(job, { code: 'internal/error', message: 'A training job replied with a part of a job.' });
      },
      onFailed: (error) => this.fail(job, error),
    });
    return { jobId: id };
  }

  /**
   * How many training workers a job with these options and rows may occupy at once when it runs
   * as parts (its folds or heads): the pool's size, and the parts that fit in the memory share
   * (partsAtOnce); 1 on one worker.
   */
  workersAtOnce(options: TrainOptions, train: DatasetSize): number {
    const poolSize = this.options.pool.stats().size;
    return poolSize <= 1 ? 1 : partsAtOnce(options, train, train.X.rows, poolSize, poolSize, this.options.machineBytes);
  }

  /** Its (first) worker took the job. */
  private started(job: JobRecord): void {
    job.state = 'running';
    job.startedAt = Date.now();
    this.updated(job);
  }

  private progressed(job: JobRecord, progress: JobProgress): void {
    job.progress = progress;
    job.throttle.push(progress);
  }

  /** The parts a job runs as on several workers, or null when it runs as one task. */
  private splitJob(job: JobRecord): JobParts | null {
    const { request } = job;
    const folds = crossValidationFolds(request);
    if (folds !== null) return new FoldParts(job.id, folds, request.crossValidation ? 'cv' : 'sweep', this.partsHost(job));
    if (request.options.task !== 'multiclass' || request.crossValidation) return null;
    if (!request.sweep) return new HeadParts(job.id, 'train', this.partsHost(job));
    // A beta sweep's heads each follow their own warm path; an epsilon sweep stays one task.
    if (request.sweep.parameter !== 'epsilon') return new HeadParts(job.id, 'sweep', this.partsHost(job));
    return null;
  }

  /** The job manager's side of a job split into parts. */
  private partsHost(job: JobRecord): JobPartsHost {
    return {
      pool: this.options.pool,
      machineBytes: this.options.machineBytes,
      // Every part's message from the data worker, which prepares the job once and copies its
      // datasets for each part there: a million rows x 20 columns take ~150 ms to copy.
      message: () => this.prepare(job),
      started: () => this.started(job),
      progress: (progress) => this.progressed(job, progress),
      finished: (reply) => this.finished(job, reply),
      failed: (error) => {
        // The job's other parts still running stop at their next check.
        Atomics.store(new Int32Array(job.cancelFlag), 0, CANCEL_REQUESTED);
        this.fail(job, error);
      },
    };
  }

  /** Queued or being prepared: removed at once. Running: flag set, worker terminated after the grace period. Ended: not accepted. */
  cancel(jobId: string): { accepted: boolean } {
    const job = this.get(jobId);
    if (job.parts && (job.state === 'queued' || job.state === 'running') && !job.cancelRequested && job.parts.cancel()) {
      // Every part was still waiting: none runs.
      job.cancelRequested = true;
      this.end(job, 'cancelled', null);
      return { accepted: true };
    }
    // Waiting for a worker, or holding one while its data is prepared: dropped at once.
    if ((job.state === 'queued' || job.state === 'running') && !job.parts && !job.cancelRequested && this.options.pool.removeQueued(jobId)) {
      job.cancelRequested = true;
      this.end(job, 'cancelled', null);
      return { accepted: true };
    }
    if (job.state !== 'running') return { accepted: false };
    if (!job.cancelRequested) {
      job.cancelRequested = true;
      Atomics.store(new Int32Array(job.cancelFlag), 0, CANCEL_REQUESTED);
      job.graceTimer = setTimeout(() => {
        job.graceTimer = null;
        if (job.state === 'running' && (job.parts ? job.parts.terminate() : this.options.pool.terminate(jobId))) {
          this.options.logger.warn(`${jobId} did not stop within ${this.options.cancelGraceMs} ms of its cancel; its worker was terminated.`);
        }
      }, this.options.cancelGraceMs);
    }
    return { accepted: true };
  }

  list(): JobSummary[] {
    return [...this.jobs.values()].map(summarize);
  }

  /**
   * The result of an ended job, or an error that says why there is none: still queued or
   * running, failed (with its error), or cancelled before it had a model (with what was missing).
   */
  result(jobId: string): RunResult {
    const job = this.get(jobId);
    if (job.result) return job.result;
    if (job.state === 'queued' || job.state === 'running') {
      throw new ConvexNetError('jobs/not-finished', `Job "${jobId}" is still ${job.state}; its result is available once it finishes.`);
    }
    throw new ConvexNetError('jobs/no-result', `Job "${jobId}" has no result because ${noResultReason(job)}`);
  }

  /** The model file of a finished job, kept in memory for export; null when there is none. */
  modelFile(jobId: string): ModelFile | null {
    return this.jobs.get(jobId)?.modelFile ?? null;
  }

  /** What the run history saves of an ended job: its result, model, dataset and label; null when it has no result. */
  savedRunInputs(jobId: string): EndedRun | null {
    const job = this.jobs.get(jobId);
    if (!job || !job.result || !job.savedDataset) return null;
    return { result: job.result, model: job.modelFile, dataset: job.savedDataset, label: job.label };
  }

  /** As savedRunInputs, for an export: a job without a result is refused with the reason (see result). */
  endedRun(jobId: string): EndedRun {
    const result = this.result(jobId);
    const job = this.get(jobId);
    // The result is set a moment before the job ends and keeps its dataset's description.
    if (!job.savedDataset) throw new ConvexNetError('jobs/not-finished', `Job "${jobId}" is still finishing; its result is available in a moment.`);
    return { result, model: job.modelFile, dataset: job.savedDataset, label: job.label };
  }

  /**
   * Ends the session's work as the user's cancel would: queued jobs are dropped, running ones are
   * cancelled and keep their last iterate, which the run history saves as it saves any cancelled
   * run. Resolves once every job has ended, or after `waitMs` (a job still running then is
   * abandoned; the grace period terminates workers that ignore the cancel). Before this, quitting
   * during a run abandoned it and nothing was saved (workspace audit).
   */
  async cancelAllAndWait(waitMs: number): Promise<void> {
    const active = (): JobRecord[] => [...this.jobs.values()].filter((job) => job.state === 'queued' || job.state === 'running');
    for (const job of active()) this.cancel(job.id);
    const deadline = Date.now() + waitMs;
    while (active().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_POLL_MS));
  }

  /** Stops timers; the pool is disposed by its owner. */
  dispose(): void {
    for (const job of this.jobs.values()) {
      job.throttle.stop();
      if (job.graceTimer !== null) clearTimeout(job.graceTimer);
    }
  }

  private get(jobId: string): JobRecord {
    const job = this.jobs.get(jobId);
    if (!job) throw new ConvexNetError('jobs/unknown-job', `There is no job "${jobId}".`);
    return job;
  }

  private async prepare(job: JobRecord): Promise<RunJobMessage> {
    const { train, test, imputedRows, ...kept } = await this.options.data.prepare(heldDataset(job), prepareRequestOf(job.request));
    job.prepared = { ...kept, trainCount: train.X.rows, testCount: test?.X.rows ?? 0 };
    return {
      type: 'run',
      jobId: job.id,
      train,
      test,
      options: withResolvedAdversarial(job.request.options, kept.pipeline),
      cancelFlag: job.cancelFlag,
      progressIntervalMs: this.options.progressIntervalMs,
      ...(job.request.sweep ? { sweep: job.request.sweep } : {}),
      // Epsilon sweeps: every radius resolved through the fitted preprocessing, as a training job's.
      ...(job.request.sweep?.parameter === 'epsilon' && job.request.sweep.epsilon
        ? { epsilonThreats: resolveEpsilonSweep(job.request.sweep.epsilon, job.request.options.adversarial, kept.pipeline, train, job.request.options) }
        : {}),
      ...(job.request.crossValidation ? { crossValidation: job.request.crossValidation } : {}),
      ...(job.request.crossValidation || job.request.sweep?.cvFolds ? { foldPreparation: foldPreparationOf(kept.pipeline, imputedRows) } : {}),
    };
  }

  /**
   * Runs a short calibration solve (the estimate before Start) on a worker, outside the job
   * list: `build` makes its message when a worker is free. Resolves with the worker's reply.
   */
  probe(build: (jobId: string, cancelFlag: SharedArrayBuffer) => RunJobMessage): Promise<DoneReply> {
    const id = `probe-${++this.counter}`;
    return new Promise((resolve, reject) => {
      this.options.pool.submit({
        id,
        prepare: () => build(id, createCancelFlag()),
        onStart: () => {},
        onProgress: () => {},
        onDone: (reply) => (reply.type === 'done' ? resolve(reply) : reject(new ConvexNetError('internal/error', 'A calibration probe replied with one fold of a cross-validation.'))),
        onFailed: (error) => reject(convexNetErrorOf(error)),
      });
    });
  }

  /**
   * Finishes the job (finish); should that throw, the job fails with the error instead of staying
   * running: a ConvexNetError with its code, message and details (what to do about it), anything
   * else as internal/error. Its result and model are only kept once all of them were made, so a
   * failed finish leaves neither for the run history to save.
   */
  private finished(job: JobRecord, reply: DoneReply): void {
    this.finish(job, reply).catch((error: unknown) => {
      const failure = contractErrorOfThrown(error);
      if (job.endedAt !== null) {
        this.options.logger.error(`${job.id} had ended when its finish failed (${failure.code}): ${failure.message}`);
        return;
      }
      job.result = null;
      job.modelFile = null;
      job.savedDataset = null;
      this.fail(job, failure);
    });
  }

  /**
   * The job's result and model file, then its test-row predictions and input importance from the
   * data worker (a second of work at a million rows); the job ends once they are in.
   */
  private async finish(job: JobRecord, reply: DoneReply): Promise<void> {
    const prepared = job.prepared!;
    const table = heldDataset(job).table;
    let result = buildRunResult({
      jobId: job.id,
      datasetId: job.datasetId,
      outcome: reply.outcome,
      train: reply.train,
      test: reply.test,
      trainCount: prepared.trainCount,
      testCount: prepared.testCount,
      dataWarnings: prepared.warnings,
    });
    let modelFile: ModelFile | null = null;
    try {
      modelFile = buildModelFile(reply.outcome, prepared.pipeline, { producer: this.options.producer, trainingData: prepared.trainingData, robustness: reply.robustness ?? null });
    } catch (error) {
      // A numerical failure has no finite weights to export; the run itself is still reported,
      // with the reason its export and the Export screen give.
      this.options.logger.warn(`${job.id}: no model file kept: ${messageOf(error)}`);
      result = { ...result, noModelReason: noModelReason(reply.outcome, error) };
    }
    let extras: FinishedRunData | null = null;
    let failure = '';
    try {
      extras = await this.options.data.finishedRun(table, modelFile);
    } catch (error) {
      failure = messageOf(error);
    }
    // Ended meanwhile (the worker's outcome is the job's only end; this guards against a second).
    if (job.endedAt !== null) return;
    result = withHeldOutResults(result, modelFile, extras?.heldOut ?? null, failure, (message) => this.options.logger.warn(`${job.id}: ${message}`));
    // Without the worker's answer, hashed here: the run history records the data it was trained on.
    const fingerprint = extras?.fingerprint ?? dataFingerprint(table);
    if (reply.robustness) result = { ...result, robustness: reply.robustness };
    if (reply.sweep || reply.crossValidation) {
      result = { ...result, ...(reply.sweep ? { sweep: reply.sweep } : {}), ...(reply.crossValidation ? { crossValidation: reply.crossValidation } : {}) };
    }
    // The run history and exports keep the dataset's name, summary and fingerprint: the table
    // goes back to the registry as the job ends, which may unload it once no job holds it.
    job.savedDataset = savedDatasetOf(heldDataset(job), fingerprint);
    job.result = result;
    job.modelFile = modelFile;
    this.end(job, reply.outcome.status === 'cancelled' ? 'cancelled' : 'finished', null, reply.outcome.status);
  }

  private fail(job: JobRecord, error: ContractError): void {
    // A worker stopped after the grace period, or a run cancelled before it had a model to keep
    // (e.g. a one-vs-rest model missing classes): the user's cancel, not a failure.
    if ((error.code === 'worker/terminated' || error.code === 'solver/cancelled') && job.cancelRequested) {
      // Kept to say why the job has no result (e.g. the classes a one-vs-rest model lacked).
      if (error.code === 'solver/cancelled') job.cancelNote = error.message;
      this.end(job, 'cancelled', null);
      return;
    }
    this.options.logger.warn(`${job.id} failed (${error.code}): ${error.message}`);
    this.end(job, 'failed', error);
  }

  private end(job: JobRecord, state: JobState, error: ContractError | null, status: SolverStatus | null = null): void {
    job.state = state;
    job.status = status;
    job.error = error;
    job.endedAt = Date.now();
    job.parts?.close();
    job.throttle.stop();
    if (job.graceTimer !== null) clearTimeout(job.graceTimer);
    job.graceTimer = null;
    if (job.held) {
      // Back to the registry (a finished job kept its savedDataset).
      job.held.release();
      job.held = null;
    }
    this.updated(job);
    this.prune();
  }

  private updated(job: JobRecord): void {
    this.options.events.emit('job.updated', summarize(job));
  }

  /** Forgets the oldest ended jobs beyond the retention limit. */
  private prune(): void {
    let excess = this.jobs.size - MAX_RETAINED_JOBS;
    for (const [id, job] of this.jobs) {
      if (excess <= 0) return;
      if (job.state === 'queued' || job.state === 'running') continue;
      this.jobs.delete(id);
      excess--;
    }
  }
}

/** An ended job's result, model file (null when none was kept), dataset and label. */
export interface EndedRun {
  readonly result: RunResult;
  readonly model: ModelFile | null;
  readonly dataset: RunDatasetInput;
  readonly label: string;
}

/** Why an ended job has no result, completing "has no result because ...". */
function noResultReason(job: JobRecord): string {
  if (job.state === 'failed') return `it failed: ${job.error?.message ?? 'unknown error'}`;
  if (job.startedAt === null) return 'it was cancelled before it started.';
  if (job.cancelNote !== null) return `it was cancelled before it had a model: ${job.cancelNote}`;
  return 'it was cancelled before the solver returned a first iterate.';
}

function summarize(job: JobRecord): JobSummary {
  return {
    jobId: job.id,
    label: job.label,
    datasetId: job.datasetId,
    solver: job.request.options.solver,
    state: job.state,
    status: job.status,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    endedAt: job.endedAt,
    progress: job.progress,
    error: job.error,
    ...(job.request.group ? { group: job.request.group } : {}),
    kind: job.request.sweep ? 'sweep' : job.request.crossValidation ? 'cv' : 'train',
    seed: job.request.options.seed,
  };
}

/** The dataset of a job that has not ended (only such jobs prepare or finish). */
function heldDataset(job: JobRecord): LoadedDataset {
  if (!job.held) throw new ConvexNetError('internal/error', `Job "${job.id}" ended: its dataset was released.`);
  return job.held.dataset;
}

function savedDatasetOf(dataset: LoadedDataset, fingerprint: string): RunDatasetInput {
  return { name: dataset.name, source: dataset.source, summary: dataset.summary, fingerprint };
}
