import type { Task } from '../data/dataset';
import type { ThreatNorm } from '../robust/threat-model';
import type { AutomaticChoices, Choice, DataShape } from '../training/auto-choices';
import type { CrossValidationReport } from '../training/cross-validation';
import type { PresetName } from '../training/presets';
import type { TrainOptions } from '../training/train-types';

/**
 * Contract types of the Train screen's job kinds and helpers: beta sweeps, cross-validation,
 * automatic choices with presets, and the estimate before Start.
 */

/** What a job computes: one training run, a beta sweep (one job, warm starts) or cross-validation. */
export type JobKind = 'train' | 'sweep' | 'cv';

/** What a sweep varies: beta (the regularization path) or the adversarial training radius epsilon. */
export type SweepParameter = 'beta' | 'epsilon';

/**
 * A regularization path over beta, solved in one worker job with warm starts, or (parameter
 * 'epsilon') the same settings trained adversarially at every radius of an epsilon grid.
 */
export interface SweepRequest {
  /** Default 'beta'. */
  readonly parameter?: SweepParameter;
  /** Values of beta (2 to 50), solved in pathOrder (from the largest down; up for ipm); required by beta sweeps, absent in epsilon sweeps (they use the form's beta). */
  readonly betas?: readonly number[];
  /** Pick beta by k-fold cross-validation on the training rows (folds), or by the test score when absent (beta sweeps). */
  readonly cvFolds?: number;
  /** Epsilon sweeps: the radii and threat; absent radii: 0 plus a grid scaled to the data. */
  readonly epsilon?: EpsilonSweepSettings;
}

export interface EpsilonSweepSettings {
  /** Radii (0 = the standard model; 0 is added when missing), in `units` of every numeric input column. */
  readonly epsilons?: readonly number[];
  /** Without `epsilons`: how many positive radii the grid scaled to the data has (default 7). */
  readonly count?: number;
  readonly norm: ThreatNorm;
  /** Default 'raw' (the data file's units), like adversarial training. */
  readonly units?: 'raw' | 'standardized';
}

export interface CrossValidationRequest {
  /** Folds k (2 to 20); stratified by class for classification. */
  readonly folds: number;
}

export interface SweepPointSummary {
  readonly beta: number;
  /** Epsilon sweeps: the point's training radius, and accuracy / R² under PGD at it (test rows, else training rows). */
  readonly epsilon?: number;
  readonly pgdScore?: number | null;
  /** Epsilon sweeps: proven at the point's epsilon (certified robust fraction, or R² from the certified RMSE bound). */
  readonly certifiedScore?: number | null;
  /** Epsilon sweeps: the standard (epsilon 0) model under the same attack. */
  readonly standardPgdScore?: number | null;
  /** Epsilon sweeps: under PGD at the grid's largest epsilon. */
  readonly pgdAtLargestScore?: number | null;
  readonly status: string;
  readonly objective: number;
  readonly relativeGap: number | null;
  readonly neuronCount: number;
  readonly iterations: number;
  readonly solveMs: number;
  /** Accuracy (classification) or R² (regression) on the training and test rows. */
  readonly trainScore: number | null;
  readonly testScore: number | null;
  /** Mean and spread of the held-out score over the cross-validation folds (sweeps with cvFolds). */
  readonly cvScore: number | null;
  readonly cvSpread: number | null;
}

export interface SweepSummary {
  /** Absent in sweeps saved before epsilon sweeps: 'beta'. */
  readonly parameter?: SweepParameter;
  /** Epsilon sweeps: the threat and the attack the scores come from. */
  readonly epsilonSweep?: EpsilonSweepDetails;
  /** 'accuracy' or 'R²'. */
  readonly scoreName: string;
  /** In increasing beta (epsilon for epsilon sweeps). */
  readonly points: readonly SweepPointSummary[];
  /** The point whose model is this job's model. */
  readonly selectedIndex: number;
  readonly selectionReason: string;
  readonly warmStart: boolean;
  readonly cvFolds: number | null;
}

export interface EpsilonSweepDetails {
  readonly norm: ThreatNorm;
  readonly units: 'raw' | 'standardized';
  readonly attackedOn: 'test' | 'training';
  readonly attackedRows: number;
  readonly pgdSteps: number;
  readonly pgdRestarts: number;
}

/** Automatic choices and presets for a dataset (reasons in plain words). */
export interface TrainingAdviceRequest {
  readonly datasetId: string;
  readonly testFraction: number;
}

export interface TrainingAdvice {
  readonly shape: DataShape;
  readonly automatic: AutomaticChoices;
  readonly presets: Readonly<Record<PresetName, TrainOptions>>;
  /**
   * The adversarial section's first radius (l_inf, in the columns' raw units) with its reason
   * (robust/suggested-radius.ts); absent when no sampled pattern splits the training rows.
   */
  readonly robustRadius?: Choice<number>;
  /** The same in standardized units (epsilon in standard deviations of each column), for that choice of units. */
  readonly robustRadiusStandardized?: Choice<number>;
}

export interface TrainingEstimateRequest {
  readonly datasetId: string;
  readonly options: TrainOptions;
  readonly testFraction: number;
  /** Calibrate the machine's speed by a short solve in a worker (a few iterations on a row sample). */
  readonly probe: boolean;
}

export interface TrainingEstimateResponse {
  readonly task: Task;
  readonly rows: number;
  /** Columns of X including the bias column. */
  readonly columns: number;
  readonly heads: number;
  /** One-vs-rest heads trained at the same time on the app's workers (head-parts.ts); absent: one at a time. */
  readonly headsAtOnce?: number;
  /**
   * Training workers a cross-validation's folds (or a sweep's fold paths) with these settings may
   * occupy at once (pool size, memory); absent: 1. See jobWorstCase.
   */
  readonly workersAtOnce?: number;
  readonly msPerIteration: number;
  readonly setupMs: number;
  readonly worstCaseMs: number;
  readonly maxIterations: number;
  readonly bytes: number;
  readonly machineBytes: number;
  /** True when a probe on this machine calibrated the speed. */
  readonly calibrated: boolean;
  /** Rows the probe solved on (a sample of the training rows), null without a probe. */
  readonly probeRows: number | null;
  readonly linearSystemPath: 'direct' | 'woodbury' | null;
  /**
   * How adversarial training's robust program will be solved, when its size is known: 'ipm' (the
   * times are per Newton step and the limit counts Newton steps) or 'pdhg' (per iteration).
   */
  readonly robustMethod?: 'ipm' | 'pdhg';
  /** With patterns from back-propagation: the modelled time of its networks, included in setupMs and worstCaseMs. */
  readonly patternNetworksMs?: number;
  readonly warnings: readonly string[];
}

export type { CrossValidationReport };
