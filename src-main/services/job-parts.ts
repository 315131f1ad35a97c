import type { ContractError } from '../../src-core/contract/envelope';
import type { JobProgress } from '../../src-core/contract/operations';
import { copyDataset, type DatasetSize } from '../../src-core/data/dataset';
import { modelCost } from '../../src-core/training/cost-estimate';
import { costInputsFor } from '../../src-core/training/cost-probe';
import type { TrainOptions } from '../../src-core/training/train-types';
import type { DoneReply, FinishedReply, RunJobMessage } from '../workers/train-protocol';
import { PartsProgress } from './parts-progress';
import type { WorkerPool } from './worker-pool';

/**
 * Share of the machine's memory the parts of one job running at once may take together, by the
 * cost model's peak bytes of one part's solve (each worker also holds its copy of the rows).
 */
export const PARTS_MEMORY_SHARE = 0.5;

/** The part of the worker pool job parts use. */
export type JobPartsPool = Pick<WorkerPool, 'submit' | 'removeQueued' | 'terminate' | 'stats'>;

/** What a job split into parts needs from its job manager. */
export interface JobPartsHost {
  readonly pool: JobPartsPool;
  /** Bytes of memory the machine has. */
  readonly machineBytes: number;
  /** The job's whole message with datasets of its own (prepared when a worker is free); a part adds what it is. */
  message(): Promise<RunJobMessage>;
  /** The first part started on a worker. */
  started(): void;
  /** Progress of the job: a running part's event with the fraction of the whole job. */
  progress(progress: JobProgress): void;
  /** The job's result, made of its parts' (the reply of its last part). */
  finished(reply: DoneReply): void;
  /** A part failed: the job fails (or ends cancelled, after a cancel); the other parts are stopped. */
  failed(error: ContractError): void;
}

/**
 * The bookkeeping of a job run as several pool tasks (fold-parts.ts, head-parts.ts): which parts
 * are pending, how many may run at once, progress, cancel, failure. Subclasses decide which part
 * runs when and how the results combine.
 * Progress: PartsProgress (the mean fraction; one part's events at a time).
 */
export abstract class JobParts {
  /** Part ids submitted and not ended (queued or running). */
  protected readonly pending = new Set<string>();
  /** Parts that may run at once (set once the first part's data is known). */
  protected limit = 1;
  /** Set by cancel (or a part that came back cancelled): no new part starts unless the subclass needs it to end. */
  protected cancelling = false;
  protected closed = false;
  /** Progress by the subclass's slot numbers. */
  private readonly progress: PartsProgress;
  private startedOnce = false;

  constructor(
    protected readonly jobId: string,
    slots: number,
    protected readonly host: JobPartsHost,
  ) {
    this.progress = new PartsProgress(slots);
  }

  abstract start(): void;

  /**
   * Sets `limit` from the first part's message (partsAtOnce for `parts` parts of `rows` training
   * rows), then calls `fill` to start the others. Deferred: this runs while the pool starts that
   * part, and a nested start would take its worker.
   */
  protected learnLimit(message: RunJobMessage, rows: number, parts: number, fill: () => void): void {
    this.limit = partsAtOnce(message.options, message.train, rows, parts, this.host.pool.stats().size, this.host.machineBytes);
    queueMicrotask(fill);
  }

  /** Sets the number of progress slots once the subclass knows its parts (the fractions so far are kept). */
  protected setSlots(count: number): void {
    this.progress.setSlots(count);
  }

  /** Takes the parts that have not started out of the queue; true when none is running (the job can end now). */
  cancel(): boolean {
    this.cancelling = true;
    this.dropQueued();
    if (this.pending.size > 0) return false;
    this.closed = true;
    return true;
  }

  /** Force-stops every running part (the cancel's grace period is over); true when one was running. */
  terminate(): boolean {
    let any = false;
    for (const id of this.pending) any = this.host.pool.terminate(id) || any;
    return any;
  }

  /** The job has ended: later replies are ignored and queued parts are dropped. */
  close(): void {
    this.closed = true;
    this.dropQueued();
  }

  /**
   * Queues part `id` (progress slot `slot`); `build` makes its message when a worker is free and
   * `done` takes its reply, unless the job has ended by then. `first`: ahead of every waiting task
   * (the job already runs; jobs started after it wait).
   */
  protected submitPart(id: string, slot: number, build: () => Promise<RunJobMessage>, done: (reply: FinishedReply) => void, first: boolean): void {
    this.pending.add(id);
    this.host.pool.submit(
      {
        id,
        prepare: async () => ({ ...(await build()), jobId: id }),
        onStart: () => {
          this.progress.started(id);
          if (this.startedOnce) return;
          this.startedOnce = true;
          this.host.started();
        },
        onProgress: (progress) => {
          if (this.closed) return;
          const shown = this.progress.report(id, slot, progress);
          if (shown) this.host.progress(shown);
        },
        onDone: (reply) => {
          this.pending.delete(id);
          this.progress.ended(id, slot, true);
          if (this.closed) return;
          done(reply);
        },
        onFailed: (error) => {
          this.pending.delete(id);
          this.progress.ended(id, slot, false);
          this.fail(error);
        },
      },
      first,
    );
  }

  /** Ends the job with a failure (once), dropping the waiting parts. */
  protected fail(error: ContractError): void {
    if (this.closed) return;
    this.close();
    this.host.failed(error);
  }

  /** Ends the job with its result (once). */
  protected finish(reply: DoneReply): void {
    if (this.closed) return;
    this.closed = true;
    this.host.finished({ ...reply, jobId: this.jobId });
  }

  private dropQueued(): void {
    for (const id of [...this.pending]) {
      if (this.host.pool.removeQueued(id)) this.pending.delete(id);
    }
  }
}

/**
 * A message built once for all the parts of a run (the command line's, whose data is prepared
 * before its parts start; the app's job manager asks its data worker for each part's message):
 * `message` builds on its first call and gives every caller a copy of the datasets, whose
 * buffers then go to that part's worker; `release` drops the built message (the run has ended).
 */
export class PreparedOnce {
  private prepared: RunJobMessage | null = null;

  constructor(private readonly prepare: () => RunJobMessage) {}

  message(): RunJobMessage {
    this.prepared ??= this.prepare();
    const message = this.prepared;
    return { ...message, train: copyDataset(message.train), test: message.test ? copyDataset(message.test) : null };
  }

  release(): void {
    this.prepared = null;
  }
}

/**
 * How many parts of a job may run at once: the pool's size, the part count, and the parts whose
 * solves (modelCost's peak bytes of one head on `rows` training rows) fit in PARTS_MEMORY_SHARE of
 * the machine's memory; at least 1.
 */
export function partsAtOnce(options: TrainOptions, train: DatasetSize, rows: number, parts: number, poolSize: number, machineBytes: number): number {
  let bytes: number;
  try {
    bytes = modelCost(costInputsFor(options, { ...train, X: { ...train.X, rows } })).bytes;
  } catch {
    return 1; // no estimate (an option the model does not know): one part at a time, as on one worker
  }
  const byMemory = Number.isFinite(bytes) && bytes > 0 ? Math.floor((PARTS_MEMORY_SHARE * machineBytes) / bytes) : 1;
  return Math.max(1, Math.min(poolSize, parts, byMemory));
}
