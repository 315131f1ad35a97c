import type { TrainFunction } from '../../src-core/training/train-types';

/** What the CLI needs from its host: output streams, a clock, the trainer. Injected for tests. */
export interface CliEnvironment {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
  /** When the command started, on the `now` clock (runCli sets it): progress lines count from it. */
  readonly startedAt?: number;
  /** Loaded on demand, so help and predict never load the solvers. */
  readonly loadTrainer: () => Promise<TrainFunction>;
  /** Written into model files, e.g. "ConvexNet Studio 0.1.0". */
  readonly producer: string;
  readonly version: string;
  /**
   * Worker threads for the folds of `cv` and `sweep --cv` and the one-vs-rest heads of `train`
   * (cli-workers.ts); absent or 1: everything in this thread.
   */
  readonly workers?: number;
}
