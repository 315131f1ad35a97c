import type { ResourceLimits } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import type { ContractError } from '../../src-core/contract/envelope';
import type { JobProgress } from '../../src-core/contract/operations';
import { isConvexNetError, messageOf } from '../../src-core/errors';
import { contractErrorOf, receivedContractError } from '../../src-core/contract/contract-error';
import type { FinishedReply, RunJobMessage } from '../workers/train-protocol';
import { isWorkerReply, transferablesOf } from '../workers/train-protocol';
import type { ServiceLogger } from './logger';
import { workerLaunch } from './worker-entry';

/** One unit of work for the pool; exactly one of onDone / onFailed is called, once. */
export interface PoolTask {
  readonly id: string;
  /**
   * Builds the worker message when a worker is free (so queued jobs hold no prepared data). May
   * throw or reject; while a returned promise is pending the worker is held for this task.
   */
  prepare(): RunJobMessage | Promise<RunJobMessage>;
  /** The task has a worker: its message is built (or, from a promise, being built). */
  onStart(): void;
  onProgress(progress: JobProgress): void;
  onDone(reply: FinishedReply): void;
  onFailed(error: ContractError): void;
}

export interface WorkerPoolOptions {
  /** Most workers alive at once (at least 1). */
  readonly size: number;
  readonly entry: URL;
  readonly resourceLimits?: ResourceLimits;
  readonly logger: ServiceLogger;
}

export interface PoolStats {
  readonly size: number;
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
}

interface Slot {
  readonly worker: Worker;
  task: PoolTask | null;
  /** The task's message is being prepared (its prepare() promise has not settled). */
  preparing: boolean;
  /** Set by the 'error' event; reported when the thread exits. */
  crash: ContractError | null;
  /** The pool itself stopped this worker (cancel grace period over). */
  terminatedByPool: boolean;
}

/**
 * A pool of training worker threads: at most `size` workers, started on demand and reused; tasks
 * wait in FIFO order while all are busy. A worker that crashes, runs out of memory or exits fails
 * only the task it was running; it is dropped and a new one is started for the next task.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: PoolTask[] = [];
  /** How many tasks at the front of the queue were submitted with `first`. */
  private firstQueued = 0;
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`pool size must be a whole number >= 1, got ${options.size}`);
  }

  /**
   * Queues `task` last, or with `first` ahead of every task queued without it (and after those
   * queued with it, in order): the next parts of a job already running (its folds or heads,
   * job-parts.ts) go before jobs started after it, in the order the job asked for them.
   */
  submit(task: PoolTask, first = false): void {
    if (this.disposed) throw new Error('the worker pool is shut down');
    if (first) this.queue.splice(this.firstQueued++, 0, task);
    else this.queue.push(task);
    this.pump();
  }

  /**
   * Takes a task out of the queue before it starts, or drops it while its message is prepared (its
   * worker is free again and the message is discarded); false when it is neither.
   */
  removeQueued(id: string): boolean {
    const preparing = this.slots.find((s) => s.preparing && s.task?.id === id);
    if (preparing) {
      preparing.task = null;
      preparing.preparing = false;
      this.pump();
      return true;
    }
    const index = this.queue.findIndex((task) => task.id === id);
    if (index >= 0 && index < this.firstQueued) this.firstQueued--;
    if (index < 0) return false;
    this.queue.splice(index, 1);
    return true;
  }

  /** Force-stops the worker running task `id` (its task fails with worker/terminated); false when not running. */
  terminate(id: string): boolean {
    const slot = this.slots.find((s) => s.task?.id === id);
    if (!slot) return false;
    slot.terminatedByPool = true;
    void slot.worker.terminate();
    return true;
  }

  stats(): PoolStats {
    return { size: this.options.size, workers: this.slots.length, busy: this.slots.filter((s) => s.task).length, queued: this.queue.length };
  }

  /** Stops every worker and drops waiting tasks (no callbacks run after this). */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.queue.length = 0;
    this.firstQueued = 0;
    const workers = this.slots.map((s) => s.worker);
    this.slots.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** Starts waiting tasks on idle workers, starting workers up to the pool size. */
  private pump(): void {
    while (!this.disposed && this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null) ?? null;
      if (!slot && this.slots.length < this.options.size) {
        try {
          slot = this.spawn();
        } catch (error) {
          this.takeNext().onFailed({ code: 'worker/start-failed', message: `Could not start a training worker: ${messageOf(error)}` });
          continue;
        }
      }
      if (!slot) return;
      this.startOn(slot, this.takeNext());
    }
  }

  /** The next task to start (the queue is not empty). */
  private takeNext(): PoolTask {
    if (this.firstQueued > 0) this.firstQueued--;
    return this.queue.shift()!;
  }

  private startOn(slot: Slot, task: PoolTask): void {
    let message: RunJobMessage | Promise<RunJobMessage>;
    try {
      message = task.prepare();
    } catch (error) {
      task.onFailed(preparationError(error));
      return;
    }
    slot.task = task;
    task.onStart();
    if (!(message instanceof Promise)) {
      this.post(slot, task, message);
      return;
    }
    slot.preparing = true;
    message.then(
      (prepared) => {
        // Dropped meanwhile (removeQueued, the worker's exit, dispose): the message is discarded.
        if (this.disposed || slot.task !== task || !slot.preparing) return;
        slot.preparing = false;
        this.post(slot, task, prepared);
        // A message that could not be sent left the worker free.
        this.pump();
      },
      (error: unknown) => {
        if (this.disposed || slot.task !== task || !slot.preparing) return;
        slot.preparing = false;
        slot.task = null;
        task.onFailed(preparationError(error));
        this.pump();
      },
    );
  }

  /** Sends the task's prepared message to its slot's worker. */
  private post(slot: Slot, task: PoolTask, message: RunJobMessage): void {
    try {
      slot.worker.postMessage(message, transferablesOf(message));
    } catch (error) {
      slot.task = null;
      task.onFailed({ code: 'internal/error', message: `Could not send the job to a worker: ${messageOf(error)}` });
    }
  }

  private spawn(): Slot {
    const launch = workerLaunch(this.options.entry);
    const worker = new Worker(launch.file, {
      ...(launch.workerData ? { workerData: launch.workerData } : {}),
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, task: null, preparing: false, crash: null, terminatedByPool: false };
    this.slots.push(slot);
    worker.on('message', (reply: unknown) => this.onReply(slot, reply));
    worker.on('error', (error: Error) => {
      slot.crash = describeCrash(error);
      this.options.logger.error(`training worker crashed: ${error.stack ?? error.message}`);
    });
    worker.on('messageerror', (error: Error) => this.options.logger.error(`unreadable message from a training worker: ${error.message}`));
    worker.on('exit', (code: number) => this.onExit(slot, code));
    return slot;
  }

  private onReply(slot: Slot, reply: unknown): void {
    const task = slot.task;
    // Replies of a task that was already settled (e.g. terminated) are stale: ignore them.
    if (this.disposed || !task || !isWorkerReply(reply) || reply.jobId !== task.id) return;
    if (reply.type === 'progress') {
      task.onProgress(reply.progress);
      return;
    }
    slot.task = null;
    if (reply.type === 'done' || reply.type === 'part-done') task.onDone(reply);
    // Details checked as they arrive from the thread (invalid ones dropped), as the data worker's are.
    else task.onFailed(receivedContractError(reply.error));
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (this.disposed) return;
    const task = slot.task;
    slot.task = null;
    if (task) {
      if (slot.terminatedByPool) task.onFailed({ code: 'worker/terminated', message: 'The training worker was stopped.' });
      else task.onFailed(slot.crash ?? { code: 'worker/exited', message: `The training worker stopped unexpectedly (exit code ${code}); the job was lost, other jobs are not affected.` });
    }
    this.pump();
  }
}

function describeCrash(error: Error): ContractError {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { code: 'worker/out-of-memory', message: 'The training worker ran out of memory; try fewer rows, fewer patterns or a smaller problem. Other jobs are not affected.' };
  }
  return { code: 'worker/crashed', message: `The training worker crashed: ${error.message}. Other jobs are not affected.` };
}

function preparationError(error: unknown): ContractError {
  if (isConvexNetError(error)) return contractErrorOf(error);
  return { code: 'internal/error', message: `Could not prepare the job: ${messageOf(error)}` };
}
