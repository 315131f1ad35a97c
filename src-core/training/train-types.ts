import type { Dataset, Task } from '../data/dataset';
import type { Matrix } from '../linalg/matrix';
import type { LossName } from '../losses/loss';
import type { ReluNetwork } from '../network/relu-network';
import type { AdversarialTraining } from '../robust/adversarial-options';
import type { RobustWarmStart } from '../robust/solve-robust';
import type { SettingValue } from '../settings/setting-spec';
import type { AdmmWarmStart } from '../solvers/admm/admm-warm-start';
import type { IpmIterate } from '../solvers/ipm/ipm-engine';
import type { CouplingCache } from '../solvers/ipm/coupling-cache';
import type { StructureCache } from './structure-cache';
import type { HistoryPoint, SolveContext, SolveInfo, SolverStatus } from '../solvers/solver-types';

export type SolverName = 'admm' | 'admm-rbcd' | 'ipm' | 'scp' | 'backprop';
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
  /**
   * Adversarial (robust) training against perturbations of the inputs (src-core/robust): the
   * convex solvers solve the robust convex program, backprop runs PGD/FGSM adversarial training.
   * Epsilon is in the units stated by `units` ('raw' = the data file's units); trainModel needs
   * `featureRadii` (prepared units), filled in by resolveAdversarial from the fitted preprocessing.
   */
  readonly adversarial?: AdversarialTraining;
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
  /** The least favourable head status (solved < max-iterations < stalled < time-limit < cancelled < numerical-failure). */
  readonly status: SolverStatus;
  readonly setupMs: number;
  readonly solveMs: number;
}

export type TrainFunction = (train: Dataset, options: TrainOptions, context: SolveContext) => TrainOutcome;

/**
 * Final iterates of one head, to warm-start the same head of the next solve on the same data
 * and structure (the usual uses: the next beta of a regularization path, the next radius of an
 * epsilon sweep). Only the field of the solver that produced it is set.
 */
export interface HeadWarmStart {
  /** ADMM / ADMM-RBCD: the solver's own warm start (iterates, rho, beta). */
  readonly admm?: AdmmWarmStart;
  /** SCP: the output weights alpha over the sampled directions. */
  readonly scpAlpha?: Float64Array;
  /** Back-propagation: the trained network (all hidden units). */
  readonly network?: ReluNetwork;
  /** Interior-point method: the final primal-dual iterate (blended with the next cold start). */
  readonly ipm?: IpmIterate;
  /** Robust convex program (adversarial training with admm / admm-rbcd): the final PDHG point. */
  readonly robust?: RobustWarmStart;
}

/**
 * Warm-start plumbing of trainModel: `from` starts head h from from[h]; `keep` receives this
 * solve's final iterates per head (kept out of TrainOutcome so results stay small to send).
 */
export interface WarmStartLink {
  readonly from?: readonly (HeadWarmStart | null)[];
  readonly keep?: (heads: HeadWarmStart[]) => void;
  /**
   * The interior-point method's Q and large factor, shared by the solves on the same data and
   * patterns (a path's points; the heads of one model share one without it). See coupling-cache.ts.
   */
  readonly coupling?: CouplingCache;
  /** The patterns (or directions) drawn for the same data and settings by an earlier point of a chain (structure-cache.ts). */
  readonly structures?: StructureCache;
}
