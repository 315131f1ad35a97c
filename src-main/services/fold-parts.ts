import type { Dataset } from '../../src-core/data/dataset';
import { combineFoldPaths, type CrossValidatedPath, type FoldPathResult } from '../../src-core/training/cross-validation';
import { crossValidationBetas } from '../workers/run-fold-part';
import type { DoneReply, FinishedReply, RunJobMessage } from '../workers/train-protocol';
import { JobParts, type JobPartsHost } from './job-parts';

/**
 * A cross-validation (or cross-validated sweep) run as parts on several workers: each fold
 * (crossValidateFoldPath) is a pool task of its own, and a final part fits the model (or solves
 * the sweep's path) on all training rows; the folds' results are combined in fold order
 * (combineFoldPaths), so the job's result is the one a single worker makes, in less wall time.
 * A cross-validation's final part runs alongside the folds (modelOnly; the report is added to its
 * reply); a sweep's waits for them, because it picks its model by their scores (crossValidated).
 * At most partsAtOnce parts run at once (pool size, memory).
 */
export class FoldParts extends JobParts {
  private readonly results: (FoldPathResult | null)[];
  private nextFold = 0;
  private finalSubmitted = false;
  /** A cross-validation's final reply, held until its folds are in. */
  private finalReply: DoneReply | null = null;
  /** What combining the folds needs (from the first prepared message). */
  private combine: { task: Dataset['task']; betas: number[]; seed: number } | null = null;

  constructor(
    jobId: string,
    private readonly folds: number,
    /** 'sweep': the final part waits for the folds' scores; 'cv': it runs alongside them. */
    private readonly kind: 'cv' | 'sweep',
    host: JobPartsHost,
  ) {
    // Progress slots: the folds, then the final part.
    super(jobId, folds + 1, host);
    this.results = new Array<FoldPathResult | null>(folds).fill(null);
  }

  start(): void {
    this.submitFold();
  }

  /** The job's message, noting what combining the folds needs. */
  private async message(): Promise<RunJobMessage> {
    const message = await this.host.message();
    this.combine ??= { task: message.train.task, betas: crossValidationBetas(message), seed: message.options.seed };
    return message;
  }

  private combined(): CrossValidatedPath {
    const { task, betas, seed } = this.combine!;
    return combineFoldPaths(task, betas, this.folds, seed, this.results.filter((r): r is FoldPathResult => r !== null));
  }

  private submitFold(): void {
    const fold = this.nextFold++;
    const build = async (): Promise<RunJobMessage> => {
      const message = await this.message();
      // The first fold's data says what a fold's solve takes (on (k - 1) / k of the rows).
      if (fold === 0) this.learnLimit(message, Math.ceil((message.train.X.rows * (this.folds - 1)) / this.folds), this.folds, () => this.fill());
      return { ...message, part: { kind: 'fold', fold } };
    };
    this.submitPart(`${this.jobId}/fold-${fold + 1}`, fold, build, (reply) => this.foldDone(fold, reply), fold > 0);
  }

  /** Starts parts up to the limit: the folds in order, and the final part when it may start. */
  private fill(): void {
    if (this.closed) return;
    while (!this.cancelling && this.nextFold < this.folds && this.pending.size < this.limit) this.submitFold();
    const foldsDone = this.results.every((r) => r !== null);
    const finalMayStart = this.kind === 'cv' ? this.nextFold === this.folds && this.pending.size < this.limit : this.pending.size === 0 && foldsDone;
    // After a cancel the final part still runs (its solver stops at once), as on one worker.
    if (!this.finalSubmitted && (finalMayStart || (this.cancelling && this.pending.size === 0))) this.submitFinal();
    this.finishWhenComplete();
  }

  private submitFinal(): void {
    this.finalSubmitted = true;
    const build = async (): Promise<RunJobMessage> => ({ ...(await this.message()), ...(this.kind === 'cv' ? { modelOnly: true } : { crossValidated: this.combined() }) });
    this.submitPart(
      `${this.jobId}/final`,
      this.folds,
      build,
      (reply) => {
        if (reply.type !== 'done') {
          this.fail({ code: 'internal/error', message: 'The final part of a cross-validation replied with a part.' });
          return;
        }
        this.finalReply = reply;
        this.fill();
      },
      true,
    );
  }

  /** Ends the job once the final reply is in and no fold is pending, with the folds' report in it. */
  private finishWhenComplete(): void {
    if (this.closed || this.finalReply === null || this.pending.size > 0) return;
    const reply = this.finalReply;
    this.finish(this.kind === 'cv' ? { ...reply, crossValidation: this.combined().reports[0]! } : reply);
  }

  private foldDone(fold: number, reply: FinishedReply): void {
    if (reply.type !== 'part-done' || reply.part.kind !== 'fold' || reply.part.fold !== fold) {
      this.fail({ code: 'internal/error', message: `Fold ${fold + 1} of a cross-validation replied with another result.` });
      return;
    }
    const { result } = reply.part;
    this.results[fold] = result;
    if (result.cancelled) this.cancelling = true;
    this.fill();
  }
}
