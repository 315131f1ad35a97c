import type { Dataset, Task } from '../data/dataset';
import type { Matrix } from '../linalg/matrix';
import type { LossName } from '../losses/loss';
import type { ReluNetwork } from '../network/relu-network';
import type { SettingValue } from '../settings/setting-spec';
import type { HistoryPoint, SolveContext, SolveInfo, SolverStatus } from '../solvers/solver-types';

export type SolverName = 'admm' | 'admm-rbcd' | 'scp' | 'backprop';
export type Formulation = 'sampled' | 'exact';

/**
 * Everything that decides a training run besides the data. The solver-specific knobs (rho,
 * tolerances, limits, ...) live in `solverSettings` and are validated by the chosen solver's
 * declared settings.
 */
export interface TrainOptions {
  readonly task: Task;
  readonly loss: LossName;
  readonly solver: SolverName;
  readonly formulation: Formulation;
  /** Sampled patterns (convex solvers), sampled neurons (SCP) or hidden units (back-propagation). */
  readonly patterns: number;
  /** Regularization strength beta > 0 (sum-over-samples loss convention). */
  readonly beta: number;
  /** Append a constant-1 input so every neuron has a (regularized) bias. */
  readonly bias: boolean;
  /** Unsigned 32-bit seed for every random choice of the run. */
  readonly seed: number;
  /** Per-class loss weights: none, 'balanced' (n / (K n_c)), or explicit weights by class index. */
  readonly classWeights?: 'none' | 'balanced' | readonly number[];
  readonly solverSettings?: Readonly<Record<string, SettingValue>>;
}

/** One scalar-output network: the whole model for binary/regression, one class for one-vs-rest. */
export interface TrainedHead {
  /** Class index this head scores (one-vs-rest), or null for binary/regression. */
  readonly classIndex: number | null;
  readonly network: ReluNetwork;
  readonly status: SolverStatus;
  readonly info: SolveInfo;
  readonly history: HistoryPoint[];
  /** For convex solvers: what is needed to rebuild the exact program solved. */
  readonly convex?: {
    readonly patternSource: 'sampled' | 'exact';
    /** P x d generator vectors h_i of the patterns (or the SCP neuron directions). */
    readonly generators: Matrix;
    /** Plain-words certificate, e.g. "within 0.04% of the best possible training objective for these patterns". */
    readonly certificateText: string;
  };
}

export interface TrainOutcome {
  readonly task: Task;
  readonly options: TrainOptions;
  readonly heads: TrainedHead[];
  /** The least favourable head status (solved < max-iterations < time-limit < cancelled < numerical-failure). */
  readonly status: SolverStatus;
  readonly setupMs: number;
  readonly solveMs: number;
}

export type TrainFunction = (train: Dataset, options: TrainOptions, context: SolveContext) => TrainOutcome;
