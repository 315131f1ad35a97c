import type { ContractError } from '../../src-core/contract/envelope';
import type { JobProgress } from '../../src-core/contract/operations';
import type { Dataset } from '../../src-core/data/dataset';
import { combineFoldPaths, type CrossValidatedPath, type FoldPathResult } from '../../src-core/training/cross-validation';
import { modelCost } from '../../src-core/training/cost-estimate';
import { costInputsFor } from '../../src-core/training/cost-probe';
import { sweepBetas } from '../workers/run-fold-part';
import type { DoneReply, FinishedReply, RunJobMessage } from '../workers/train-protocol';
import type { WorkerPool } from './worker-pool';

/**
 * Share of the machine's memory the folds running at once may take together, by the cost
 * model's peak bytes of one fold's solve (each worker also holds its copy of the training rows).
 */
export const FOLD_MEMORY_SHARE = 0.5;

/** The part of the worker pool fold parts use. */
export type FoldPartsPool = Pick<WorkerPool, 'submit' | 'removeQueued' | 'terminate' | 'stats'>;

/** What a job split into fold parts needs from its job manager. */
export interface FoldPartsHost {
  readonly pool: FoldPartsPool;
  /** Bytes of memory the machine has. */
  readonly machineBytes: number;
  /** The job's whole message (prepared when a worker is free); a part adds `fold` or `crossValidated`. */
  message(): RunJobMessage;
  /** The first part started on a worker. */
  started(): void;
  /** Progress of the job: a running part's event with the fraction of the whole job. */
  progress(progress: JobProgress): void;
  /** The final part's reply: the job's result, with the combined cross-validation in it. */
  finished(reply: DoneReply): void;
  /** A part failed: the job fails (or ends cancelled); the other parts are stopped first. */
  failed(error: ContractError): void;
}

/**
 * A cross-validation (or cross-validated sweep) run as parts on several workers: each fold
 * (crossValidateFoldPath) is a pool task of its own, and a final part fits the model (or solves
 * the sweep's path) on all training rows; the folds' results are combined in fold order
 * (combineFoldPaths), so the job's result is the one a single worker makes, in less wall time.
 * A cross-validation's final part runs alongside the folds (modelOnly; the report is added to its
 * reply); a sweep's waits for them, because it picks its model by their scores (crossValidated).
 * At most `limit` parts run at once: the pool's size, and what the memory allows by the cost model.
 *
 * Progress: the fraction is the mean over the folds and the final part; the curves follow one
 * part at a time (the first to report, until it ends), so the run's live charts show one solve
 * and not several interleaved.
 */
export class FoldParts {
  private readonly results: (FoldPathResult | null)[];
  /** Own fraction (0..1) of every fold, then of the final part. */
  private readonly fractions: number[];
  /** Part ids submitted and not ended (queued or running). */
  private readonly pending = new Set<string>();
  private nextFold = 0;
  private limit = 1;
  private lead: string | null = null;
  private finalSubmitted = false;
  /** A cross-validation's final reply, held until its folds are in. */
  private finalReply: DoneReply | null = null;
  /** What combining the folds needs (from the first prepared message). */
  private combine: { task: Dataset['task']; betas: number[]; seed: number } | null = null;
  private startedOnce = false;
  private closed = false;
  /** Set by cancel: no new fold starts; the final part still runs (its solver stops at once), as in one worker. */
  private cancelling = false;

  constructor(
    private readonly jobId: string,
    private readonly folds: number,
    /** 'sweep': the final part waits for the folds' scores; 'cv': it runs alongside them. */
    private readonly kind: 'cv' | 'sweep',
    private readonly host: FoldPartsHost,
  ) {
    this.results = new Array<FoldPathResult | null>(folds).fill(null);
    this.fractions = new Array<number>(folds + 1).fill(0);
  }

  start(): void {
    this.submitFold();
  }

  /** Takes the parts that have not started out of the queue; true when none is running (the job can end now). */
  cancel(): boolean {
    this.cancelling = true;
    for (const id of [...this.pending]) {
      if (this.host.pool.removeQueued(id)) this.pending.delete(id);
    }
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
    for (const id of [...this.pending]) {
      if (this.host.pool.removeQueued(id)) this.pending.delete(id);
    }
  }

  /** The job's message, noting what combining the folds needs. */
  private message(): RunJobMessage {
    const message = this.host.message();
    this.combine ??= { task: message.train.task, betas: message.crossValidation ? [message.options.beta] : sweepBetas(message.sweep!), seed: message.options.seed };
    return message;
  }

  private combined(): CrossValidatedPath {
    const { task, betas, seed } = this.combine!;
    return combineFoldPaths(task, betas, this.folds, seed, this.results.filter((r): r is FoldPathResult => r !== null));
  }

  private submitFold(): void {
    const fold = this.nextFold++;
    const id = `${this.jobId}/fold-${fold + 1}`;
    this.pending.add(id);
    this.host.pool.submit(
      {
        id,
        prepare: () => {
          const message = this.message();
          // The first fold's data says what a fold's solve takes; the other parts may start once it is known.
          if (fold === 0) {
            this.limit = foldsAtOnce(message, this.folds, this.host.pool.stats().size, this.host.machineBytes);
            queueMicrotask(() => this.fill());
          }
          return { ...message, jobId: id, fold };
        },
        onStart: () => this.partStarted(),
        onProgress: (progress) => this.partProgress(id, fold, progress),
        onDone: (reply) => this.foldDone(id, fold, reply),
        onFailed: (error) => this.partFailed(id, error),
      },
      fold > 0,
    );
  }

  /** Starts parts up to the limit: the folds in order, and the final part when it may start. */
  private fill(): void {
    if (this.closed) return;
    while (!this.cancelling && this.nextFold < this.folds && this.pending.size < this.limit) this.submitFold();
    const foldsDone = this.results.every((r) => r !== null);
    const finalMayStart = this.kind === 'cv' ? this.nextFold === this.folds && this.pending.size < this.limit : this.pending.size === 0 && foldsDone;
    if (!this.finalSubmitted && (finalMayStart || (this.cancelling && this.pending.size === 0))) this.submitFinal();
    this.finishWhenComplete();
  }

  private submitFinal(): void {
    this.finalSubmitted = true;
    const id = `${this.jobId}/final`;
    this.pending.add(id);
    this.host.pool.submit(
      {
        id,
        prepare: () => {
          const message = this.message();
          return { ...message, jobId: id, ...(this.kind === 'cv' ? { modelOnly: true } : { crossValidated: this.combined() }) };
        },
        onStart: () => this.partStarted(),
        onProgress: (progress) => this.partProgress(id, this.folds, progress),
        onDone: (reply) => {
          this.pending.delete(id);
          if (this.lead === id) this.lead = null;
          if (this.closed) return;
          if (reply.type !== 'done') {
            this.partFailed(id, { code: 'internal/error', message: 'The final part of a cross-validation replied with a fold.' });
            return;
          }
          this.finalReply = { ...reply, jobId: this.jobId };
          this.fractions[this.folds] = 1;
          this.fill();
        },
        onFailed: (error) => this.partFailed(id, error),
      },
      true,
    );
  }

  /** Ends the job once the final reply is in and no fold is pending, with the folds' report in it. */
  private finishWhenComplete(): void {
    if (this.closed || this.finalReply === null || this.pending.size > 0) return;
    this.closed = true;
    const reply = this.finalReply;
    this.host.finished(this.kind === 'cv' ? { ...reply, crossValidation: this.combined().reports[0]! } : reply);
  }

  private partStarted(): void {
    if (this.startedOnce) return;
    this.startedOnce = true;
    this.host.started();
  }

  private partProgress(id: string, index: number, progress: JobProgress): void {
    if (this.closed) return;
    this.fractions[index] = Math.min(1, Math.max(0, progress.fraction));
    this.lead ??= id;
    if (this.lead !== id) return;
    const fraction = this.fractions.reduce((s, f) => s + f, 0) / this.fractions.length;
    this.host.progress({ ...progress, fraction });
  }

  private foldDone(id: string, fold: number, reply: FinishedReply): void {
    this.pending.delete(id);
    if (this.lead === id) this.lead = null;
    if (this.closed) return;
    if (reply.type !== 'fold-done' || reply.fold !== fold) {
      this.partFailed(id, { code: 'internal/error', message: `Fold ${fold + 1} of a cross-validation replied with another result.` });
      return;
    }
    this.results[fold] = reply.result;
    this.fractions[fold] = 1;
    if (reply.result.cancelled) this.cancelling = true;
    this.fill();
  }

  private partFailed(id: string, error: ContractError): void {
    this.pending.delete(id);
    if (this.closed) return;
    this.close();
    this.host.failed(error);
  }
}

/**
 * How many of a job's folds may run at once: the pool's size, the fold count, and the folds whose
 * solves (modelCost's peak bytes for a fold's training rows) fit in FOLD_MEMORY_SHARE of the
 * machine's memory; at least 1.
 */
export function foldsAtOnce(message: RunJobMessage, folds: number, poolSize: number, machineBytes: number): number {
  const rows = Math.ceil((message.train.X.rows * (folds - 1)) / folds);
  let bytes: number;
  try {
    bytes = modelCost(costInputsFor(message.options, { ...message.train, X: { ...message.train.X, rows } })).bytes;
  } catch {
    return 1; // no estimate (an option the model does not know): one fold at a time, as on one worker
  }
  const byMemory = Number.isFinite(bytes) && bytes > 0 ? Math.floor((FOLD_MEMORY_SHARE * machineBytes) / bytes) : 1;
  return Math.max(1, Math.min(poolSize, folds, byMemory));
}
