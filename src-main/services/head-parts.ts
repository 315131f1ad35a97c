import { pathSteps } from '../../src-core/training/beta-path';
import type { HeadPath } from '../../src-core/training/head-paths';
import type { HeadPlan } from '../../src-core/training/train-model';
import type { TrainedHead } from '../../src-core/training/train-types';
import { sweepBetas } from '../workers/run-fold-part';
import type { FinishedReply, RunJobMessage } from '../workers/train-protocol';
import { JobParts, type JobPartsHost } from './job-parts';

/** What one head's part gives: its trained head (a training), or its path over the betas (a beta sweep). */
type HeadResult = { readonly kind: 'head'; readonly trained: TrainedHead } | { readonly kind: 'head-path'; readonly path: HeadPath };

/**
 * A one-vs-rest (multi-class) training or beta sweep run as parts on several workers: a plan part
 * draws what the heads share (planHeads: the patterns, from back-propagation networks when the
 * settings say so, and every head's seed; for a sweep at its first beta, where its path draws
 * them), then each head trains from that plan on a worker of its own (trainPlannedHeads, or
 * solveHeadPath over the sweep's betas with warm starts), and a last part combines the heads in
 * class order (outcomeOfHeads, or combineHeadPaths per beta) and evaluates the model (or picks the
 * sweep's) as a one-worker job does. The heads are independent programs on the same rows, so the
 * result is the one a single worker makes, to the bit. At most partsAtOnce heads run at once
 * (pool size, memory).
 */
export class HeadParts extends JobParts {
  private plan: HeadPlan | null = null;
  private results: (HeadResult | null)[] = [];
  private nextHead = 0;
  private lastSubmitted = false;

  constructor(
    jobId: string,
    /** 'train': one model; 'sweep': a beta sweep (without cross-validation). */
    private readonly kind: 'train' | 'sweep',
    host: JobPartsHost,
  ) {
    // Progress slots: the plan and the last part until the plan says how many heads there are.
    super(jobId, 2, host);
  }

  start(): void {
    const build = async (): Promise<RunJobMessage> => {
      const message = await this.host.message();
      // A sweep's path draws its patterns (and trains their networks) at its first beta.
      const beta = this.kind === 'sweep' ? pathSteps(message.options.solver, sweepBetas(message.sweep!))[0]!.beta : message.options.beta;
      return { ...message, options: { ...message.options, beta }, part: { kind: 'plan' } };
    };
    this.submitPart(`${this.jobId}/plan`, 0, build, (reply) => this.planned(reply), false);
  }

  private planned(reply: FinishedReply): void {
    if (reply.type !== 'part-done' || reply.part.kind !== 'plan') {
      this.fail({ code: 'internal/error', message: 'The plan of a one-vs-rest model replied with another result.' });
      return;
    }
    const plan = reply.part.plan;
    this.plan = plan;
    this.results = plan.headSeeds.map(() => null);
    // Progress slots: the plan, every head, the last part.
    this.setSlots(plan.headSeeds.length + 2);
    this.fill();
  }

  /** Starts heads in class order up to the limit; once every started head is in, the last part. */
  private fill(): void {
    if (this.closed || this.plan === null) return;
    const heads = this.results.length;
    // After a cancel the first head still runs (its solver stops at once) so the run ends as on one worker.
    while (this.nextHead < heads && this.pending.size < this.limit && (!this.cancelling || this.nextHead === 0)) this.submitHead(this.nextHead++);
    if (!this.lastSubmitted && this.pending.size === 0 && (this.nextHead === heads || this.cancelling)) this.submitLast();
  }

  private submitHead(head: number): void {
    const plan = this.plan!;
    const build = async (): Promise<RunJobMessage> => {
      const message = await this.host.message();
      // The first head's data says what a head's solve takes.
      if (head === 0) this.learnLimit(message, message.train.X.rows, this.results.length, () => this.fill());
      return { ...message, part: { kind: this.kind === 'train' ? 'head' : 'head-path', head, plan } };
    };
    this.submitPart(`${this.jobId}/head-${head + 1}`, head + 1, build, (reply) => this.headDone(head, reply), true);
  }

  private headDone(head: number, reply: FinishedReply): void {
    const expected = this.kind === 'train' ? 'head' : 'head-path';
    if (reply.type !== 'part-done' || reply.part.kind !== expected || reply.part.head !== head) {
      this.fail({ code: 'internal/error', message: `Head ${head + 1} of a one-vs-rest model replied with another result.` });
      return;
    }
    const { part } = reply;
    if (part.kind === 'head') {
      this.results[head] = { kind: 'head', trained: part.trained };
      if (part.trained.status === 'cancelled') this.cancelling = true;
    } else if (part.kind === 'head-path') {
      this.results[head] = { kind: 'head-path', path: part.path };
      // A path that stopped early was cancelled: the others stop too, as one worker's path would.
      if (part.path.trained.some((t) => t === null || t.status === 'cancelled')) this.cancelling = true;
    }
    this.fill();
  }

  private submitLast(): void {
    this.lastSubmitted = true;
    // The heads in class order up to the first that did not run (only after a cancel does one not).
    const missing = this.results.indexOf(null);
    const done = (missing < 0 ? this.results : this.results.slice(0, missing)) as HeadResult[];
    const plan = this.plan!;
    const build = async (): Promise<RunJobMessage> => {
      const message = await this.host.message();
      if (this.kind === 'train') {
        return { ...message, trainedHeads: { heads: done.map((r) => (r.kind === 'head' ? r.trained : null!)), planSetupMs: plan.setupMs } };
      }
      return { ...message, headPaths: { plan, paths: done.map((r) => (r.kind === 'head-path' ? r.path : null!)) } };
    };
    this.submitPart(
      `${this.jobId}/model`,
      this.results.length + 1,
      build,
      (reply) => {
        if (reply.type !== 'done') this.fail({ code: 'internal/error', message: 'The last part of a one-vs-rest model replied with a part.' });
        else this.finish(reply);
      },
      true,
    );
  }
}
