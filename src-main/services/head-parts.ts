import type { TrainedHead } from '../../src-core/training/train-types';
import type { HeadPlan } from '../../src-core/training/train-model';
import type { FinishedReply, RunJobMessage } from '../workers/train-protocol';
import { JobParts, partsAtOnce, type JobPartsHost } from './job-parts';

/**
 * A one-vs-rest (multi-class) training run as parts on several workers: a plan part draws what
 * the heads share (planHeads: the patterns, from back-propagation networks when the settings say
 * so, and every head's seed), then each head trains from that plan on a worker of its own
 * (trainPlannedHeads), and a last part combines the heads in class order (outcomeOfHeads) and
 * evaluates the model as a training job does. The heads are independent programs on the same
 * rows, so the model is the one a single worker trains, to the bit. At most partsAtOnce heads
 * run at once (pool size, memory).
 */
export class HeadParts extends JobParts {
  private plan: HeadPlan | null = null;
  private trained: (TrainedHead | null)[] = [];
  private nextHead = 0;
  private evaluateSubmitted = false;

  constructor(jobId: string, host: JobPartsHost) {
    // Progress slots: the plan and the evaluation until the plan says how many heads there are.
    super(jobId, 2, host);
  }

  start(): void {
    this.submitPart(`${this.jobId}/plan`, 0, () => ({ ...this.host.message(), part: { kind: 'plan' } }), (reply) => this.planned(reply), false);
  }

  private planned(reply: FinishedReply): void {
    if (reply.type !== 'part-done' || reply.part.kind !== 'plan') {
      this.fail({ code: 'internal/error', message: 'The plan of a one-vs-rest model replied with another result.' });
      return;
    }
    const plan = reply.part.plan;
    this.plan = plan;
    this.trained = plan.headSeeds.map(() => null);
    // Progress slots: the plan, every head, the evaluation.
    this.setSlots(plan.headSeeds.length + 2);
    this.fill();
  }

  /** Starts heads in class order up to the limit; once every started head is in, the evaluation. */
  private fill(): void {
    if (this.closed || this.plan === null) return;
    const heads = this.trained.length;
    // After a cancel the first head still runs (its solver stops at once) so the run has a model, as on one worker.
    while (this.nextHead < heads && this.pending.size < this.limit && (!this.cancelling || this.nextHead === 0)) this.submitHead(this.nextHead++);
    if (!this.evaluateSubmitted && this.pending.size === 0 && (this.nextHead === heads || this.cancelling)) this.submitEvaluation();
  }

  private submitHead(head: number): void {
    const plan = this.plan!;
    const build = (): RunJobMessage => {
      const message = this.host.message();
      // The first head's data says what a head's solve takes; the other heads may start once it is known.
      if (head === 0) {
        this.limit = partsAtOnce(message.options, message.train, message.train.X.rows, this.trained.length, this.host.pool.stats().size, this.host.machineBytes);
        queueMicrotask(() => this.fill());
      }
      return { ...message, part: { kind: 'head', head, plan } };
    };
    this.submitPart(`${this.jobId}/head-${head + 1}`, head + 1, build, (reply) => this.headDone(head, reply), true);
  }

  private headDone(head: number, reply: FinishedReply): void {
    if (reply.type !== 'part-done' || reply.part.kind !== 'head' || reply.part.head !== head) {
      this.fail({ code: 'internal/error', message: `Head ${head + 1} of a one-vs-rest model replied with another result.` });
      return;
    }
    this.trained[head] = reply.part.trained;
    if (reply.part.trained.status === 'cancelled') this.cancelling = true;
    this.fill();
  }

  private submitEvaluation(): void {
    this.evaluateSubmitted = true;
    // The heads in class order up to the first that did not run (only after a cancel does one not).
    const missing = this.trained.indexOf(null);
    const heads = (missing < 0 ? this.trained : this.trained.slice(0, missing)) as TrainedHead[];
    const planSetupMs = this.plan!.setupMs;
    this.submitPart(
      `${this.jobId}/model`,
      this.trained.length + 1,
      () => ({ ...this.host.message(), trainedHeads: { heads, planSetupMs } }),
      (reply) => {
        if (reply.type !== 'done') this.fail({ code: 'internal/error', message: 'The last part of a one-vs-rest model replied with a part.' });
        else this.finish(reply);
      },
      true,
    );
  }
}
