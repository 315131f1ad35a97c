import type { ContractError } from '../../src-core/contract/envelope';
import { convexNetErrorOf } from '../../src-core/contract/contract-error';
import type { Dataset } from '../../src-core/data/dataset';
import { ConvexNetError } from '../../src-core/errors';
import type { ProgressEvent } from '../../src-core/solvers/solver-types';
import type { CrossValidationReport } from '../../src-core/contract/training-jobs';
import { combineFoldPaths, type CrossValidatedPath } from '../../src-core/training/cross-validation';
import type { FoldPreparation } from '../../src-core/training/fold-preparation';
import { pathSteps, type PathResult } from '../../src-core/training/beta-path';
import { combineHeadPaths } from '../../src-core/training/head-paths';
import { outcomeOfHeads, type HeadPlan } from '../../src-core/training/train-model';
import type { TrainOptions, TrainOutcome } from '../../src-core/training/train-types';
import { partsAtOnce, PreparedOnce } from '../services/job-parts';
import { PartsProgress } from '../services/parts-progress';
import type { ServiceLogger } from '../services/logger';
import { defaultTrainWorkerEntry } from '../services/worker-entry';
import { WorkerPool } from '../services/worker-pool';
import type { JobPart, PartResult, RunJobMessage } from '../workers/train-protocol';
import { createCancelFlag } from '../workers/train-protocol';

/** What the pieces of a command share: its rows, options and fold preparation. */
export interface CliRun {
  readonly train: Dataset;
  readonly options: TrainOptions;
  readonly foldPreparation: FoldPreparation | null;
}

/**
 * Worker threads for the command line's independent pieces: the folds of `convexnet cv` and of
 * `convexnet sweep --cv`, and the one-vs-rest heads of `convexnet train`. The same parts as the
 * app's (runJobPart in each worker, combined by combineFoldPaths or outcomeOfHeads), so the
 * results are those of one thread. Progress: PartsProgress (one part's events at a time, the
 * fraction over all the parts).
 */
export class CliWorkers {
  private constructor(
    private readonly pool: WorkerPool,
    private readonly onProgress: ((event: ProgressEvent) => void) | undefined,
  ) {}

  /**
   * Runs `use` with at most `count` workers (fewer when the run's parts would not fit in half the
   * machine's memory, partsAtOnce), then stops them.
   */
  static async use<T>(count: number, run: CliRun, parts: number, machineBytes: number, logger: ServiceLogger, onProgress: ((event: ProgressEvent) => void) | undefined, use: (workers: CliWorkers) => Promise<T>): Promise<T> {
    const size = partsAtOnce(run.options, run.train, run.train.X.rows, parts, count, machineBytes);
    const pool = new WorkerPool({ size, entry: defaultTrainWorkerEntry(), logger });
    try {
      return await use(new CliWorkers(pool, onProgress));
    } finally {
      await pool.dispose();
    }
  }

  /** crossValidate's report (one beta: the options'), its folds on the workers. */
  async crossValidate(run: CliRun, folds: number, seed: number): Promise<CrossValidationReport> {
    const path = await this.folds(run, { crossValidation: { folds } }, [run.options.beta], folds, seed);
    return path.reports[0]!;
  }

  /** crossValidatePath's result for increasing `betas` (a sweep's log grid), its folds on the workers. */
  async crossValidatePath(run: CliRun, betas: readonly number[], folds: number, seed: number): Promise<CrossValidatedPath> {
    checkIncreasing(betas);
    return this.folds(run, { sweep: { betas: [...betas], cvFolds: folds } }, betas, folds, seed);
  }

  private async folds(run: CliRun, kind: Partial<RunJobMessage>, betas: readonly number[], folds: number, seed: number): Promise<CrossValidatedPath> {
    const replies = await this.run(this.message(run, kind), Array.from({ length: folds }, (_, fold): JobPart => ({ kind: 'fold', fold })));
    const results = replies.map((part) => (part.kind === 'fold' ? part.result : unexpected(part)));
    return combineFoldPaths(run.train.task, betas, folds, seed, results);
  }

  /**
   * solveBetaPath's result for a one-vs-rest model and increasing `betas`: the plan at the path's
   * first beta on one worker, then each class's warm path on a worker (solveHeadPath), combined
   * per beta (combineHeadPaths).
   */
  async sweepHeads(run: CliRun, test: Dataset | null, betas: readonly number[]): Promise<PathResult> {
    checkIncreasing(betas);
    const sweep = { betas: [...betas] };
    const first = pathSteps(run.options.solver, betas)[0]!.beta;
    const [planned] = await this.run(this.message({ ...run, options: { ...run.options, beta: first } }, {}), [{ kind: 'plan' }]);
    if (planned!.kind !== 'plan') unexpected(planned!);
    const plan: HeadPlan = planned.plan;
    const replies = await this.run(this.message(run, { sweep }), plan.headSeeds.map((_, head): JobPart => ({ kind: 'head-path', head, plan })));
    const paths = replies.map((part) => (part.kind === 'head-path' ? part.path : unexpected(part)));
    return combineHeadPaths(run.train, test, run.options, betas, plan, paths);
  }

  /** trainModel's outcome for a one-vs-rest model: the plan on one worker, then its heads on all. */
  async trainHeads(run: CliRun): Promise<TrainOutcome> {
    const base = this.message(run, {});
    const [planned] = await this.run(base, [{ kind: 'plan' }]);
    if (planned!.kind !== 'plan') unexpected(planned!);
    const plan: HeadPlan = planned.plan;
    const replies = await this.run(base, plan.headSeeds.map((_, head): JobPart => ({ kind: 'head', head, plan })));
    const heads = replies.map((part) => (part.kind === 'head' ? part.trained : unexpected(part)));
    return outcomeOfHeads(run.train.task, run.options, heads, plan.setupMs);
  }

  private message(run: CliRun, extra: Partial<RunJobMessage>): PreparedOnce {
    return new PreparedOnce(() => ({
      type: 'run',
      jobId: 'cli',
      train: run.train,
      test: null,
      options: run.options,
      cancelFlag: createCancelFlag(),
      progressIntervalMs: 100,
      foldPreparation: run.foldPreparation,
      ...extra,
    }));
  }

  /** Runs the parts (all queued; the pool starts as many as it has workers) and gives their results in order. */
  private run(base: PreparedOnce, parts: readonly JobPart[]): Promise<PartResult[]> {
    const progress = new PartsProgress(parts.length);
    return new Promise((resolve, reject) => {
      const results: (PartResult | null)[] = parts.map(() => null);
      let settled = false;
      const fail = (error: ContractError): void => {
        if (settled) return;
        settled = true;
        // With its details (checked, as anything from another thread): the command line prints them.
        reject(convexNetErrorOf(error));
      };
      parts.forEach((part, index) => {
        const id = `cli/${index}`;
        this.pool.submit({
          id,
          prepare: () => ({ ...base.message(), jobId: id, part }),
          onStart: () => progress.started(id),
          onProgress: (event) => {
            const shown = progress.report(id, index, event);
            if (shown) this.onProgress?.(shown as unknown as ProgressEvent);
          },
          onDone: (reply) => {
            progress.ended(id, index, true);
            if (reply.type !== 'part-done') return fail({ code: 'internal/error', message: 'A worker replied with a whole job to a part.' });
            results[index] = reply.part;
            if (!settled && results.every((r) => r !== null)) {
              settled = true;
              resolve(results as PartResult[]);
            }
          },
          onFailed: (error) => {
            progress.ended(id, index, false);
            fail(error);
          },
        });
      });
    });
  }
}

/** The workers a command runs on: its --workers, else the environment's (CONVEXNET_WORKERS), else 1. */
export function workerCount(args: { readonly workers?: number }, env: { readonly workers?: number }): number {
  return args.workers ?? env.workers ?? 1;
}

/** The pool's log for the command line: its warnings and errors on stderr. */
export function cliLogger(stderr: (text: string) => void): ServiceLogger {
  return { info: () => {}, warn: (m) => stderr(`warning: ${m}\n`), error: (m) => stderr(`error: ${m}\n`) };
}

/** A part's path comes back in increasing beta (sweepBetas): the caller's betas must be in that order. */
function checkIncreasing(betas: readonly number[]): void {
  if (betas.some((beta, i) => i > 0 && !(beta > betas[i - 1]!))) throw new ConvexNetError('settings/invalid', 'The betas of a sweep on workers must increase.');
}

function unexpected(part: PartResult): never {
  throw new ConvexNetError('internal/error', `A worker replied with a ${part.kind} where another part was expected.`);
}
