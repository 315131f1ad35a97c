import type { Envelope } from '../../../src-core/contract/envelope';
import type { ContractEvents, JobSummary, StartJobRequest } from '../../../src-core/contract/operations';
import type { TrainOptions } from '../../../src-core/training/train-types';
import type { Services, ServicesOptions } from '../../../src-main/services/create-services';
import { createServices } from '../../../src-main/services/create-services';
import type { ServiceLogger } from '../../../src-main/services/logger';

/** A logger that keeps every line, so tests can check that rejections are logged. */
export function recordingLogger(): ServiceLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
  };
}

/** A test worker entry that follows the real protocol but can crash on demand (see the file). */
export const faultyWorkerEntry = new URL('./fixtures/faulty-train-worker.ts', import.meta.url);

export function testServices(options: Partial<ServicesOptions> = {}): Services & { logger: ReturnType<typeof recordingLogger>; events: EventLog } {
  const logger = recordingLogger();
  const services = createServices({ transport: 'web', poolSize: 1, logger, ...options });
  const events = new EventLog();
  services.onEvent((name, payload) => events.push(name, payload));
  return Object.assign(services, { logger, events });
}

export function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

export async function loadDataset(services: Services, request: { id: string; rows?: number; seed?: number; noise?: number }): Promise<string> {
  return value<{ datasetId: string }>(await services.dispatch('datasets.loadBuiltIn', request)).datasetId;
}

export async function startJob(services: Services, request: StartJobRequest): Promise<string> {
  return value<{ jobId: string }>(await services.dispatch('jobs.start', request)).jobId;
}

/** Fast, deterministic options (SCP converges in a few dozen iterations on small data). */
export function scpOptions(task: TrainOptions['task'], overrides: Partial<TrainOptions> = {}): TrainOptions {
  return { task, loss: task === 'regression' ? 'squared' : 'bce', solver: 'scp', formulation: 'sampled', patterns: 16, beta: 1e-2, bias: true, seed: 3, ...overrides };
}

/** ADMM that cannot converge (zero tolerances, huge budget): runs until cancelled. */
export function endlessAdmmOptions(seed = 5): TrainOptions {
  return {
    task: 'binary',
    // Hinge: a classification loss, so ADMM also reports the training accuracy.
    loss: 'hinge',
    solver: 'admm',
    formulation: 'sampled',
    patterns: 64,
    beta: 1e-3,
    bias: true,
    seed,
    solverSettings: { maxIterations: 10_000_000, tolerance: 1e-14, epsAbs: 0, epsRel: 0, checkEvery: 1 },
  };
}

interface LoggedEvent {
  readonly name: keyof ContractEvents;
  readonly payload: unknown;
  readonly at: number;
}

/** Every event the services pushed, with its arrival time, and a way to wait for one. */
export class EventLog {
  readonly all: LoggedEvent[] = [];
  private waiters: { test: (e: LoggedEvent) => boolean; resolve: (e: LoggedEvent) => void }[] = [];

  push(name: keyof ContractEvents, payload: unknown): void {
    const event = { name, payload, at: performance.now() };
    this.all.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(event)) return true;
      w.resolve(event);
      return false;
    });
  }

  progressOf(jobId: string): (LoggedEvent & { payload: ContractEvents['job.progress'] })[] {
    return this.all.filter((e) => e.name === 'job.progress' && (e.payload as ContractEvents['job.progress']).jobId === jobId) as never;
  }

  statesOf(jobId: string): string[] {
    return this.all.filter((e) => e.name === 'job.updated' && (e.payload as JobSummary).jobId === jobId).map((e) => (e.payload as JobSummary).state);
  }

  /** Resolves with the first (past or future) job.updated of the job that passes `test`. */
  jobUpdate(jobId: string, test: (job: JobSummary) => boolean, timeoutMs = 30_000): Promise<JobSummary> {
    const matches = (e: LoggedEvent): boolean => e.name === 'job.updated' && (e.payload as JobSummary).jobId === jobId && test(e.payload as JobSummary);
    return this.waitFor(matches, timeoutMs, `job.updated of ${jobId}`).then((e) => e.payload as JobSummary);
  }

  /** The job once it ended (finished, failed or cancelled). */
  ended(jobId: string, timeoutMs = 30_000): Promise<JobSummary> {
    return this.jobUpdate(jobId, (job) => job.state === 'finished' || job.state === 'failed' || job.state === 'cancelled', timeoutMs);
  }

  /** The first progress event of the job that arrived after time `after` (performance.now()). */
  firstProgress(jobId: string, timeoutMs = 30_000, after = -Infinity): Promise<ContractEvents['job.progress']> {
    const matches = (e: LoggedEvent): boolean => e.name === 'job.progress' && e.at > after && (e.payload as ContractEvents['job.progress']).jobId === jobId;
    return this.waitFor(matches, timeoutMs, `progress of ${jobId}`).then((e) => e.payload as ContractEvents['job.progress']);
  }

  private waitFor(test: (e: LoggedEvent) => boolean, timeoutMs: number, what: string): Promise<LoggedEvent> {
    const past = this.all.find(test);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }
}
