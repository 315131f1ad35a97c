import type { AdversarialTraining } from '../robust/adversarial-options';
import type { RobustnessComparison } from '../robust/robustness-report-types';
import type { Task } from '../data/dataset';
import type { PreprocessingPipeline } from '../data/preprocessing-types';
import type { LossName } from '../losses/loss';
import type { SettingValue } from '../settings/setting-spec';
import type { SolverStatus } from '../solvers/solver-types';
import type { Formulation, SolverName } from '../training/train-types';

export const MODEL_FORMAT = 'convexnet-model';
/**
 * The model-file version this code writes and the newest it reads. Version 2 stores the training
 * rows as a bitmap (TrainRowBitmap) where version 1 listed them as an array of row numbers (~6 MB
 * of JSON at a million rows); version 1 files are still read.
 */
export const MODEL_VERSION = 2;

/** A row-major matrix as plain JSON. */
export interface MatrixJson {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly number[];
}

/** What is needed to rebuild the convex program one head solved. */
export interface ConvexHeadJson {
  readonly patternSource: 'sampled' | 'exact';
  /** P x d generator vectors h_i of the patterns used (d counts the bias input when `bias`). */
  readonly generators: MatrixJson;
  /** The optimality certificate in plain words. */
  readonly certificateText: string;
}

/** One scalar-output network (the model for binary/regression; one class for one-vs-rest). */
export interface ModelHeadJson {
  /** Class index scored (one-vs-rest), null for binary and regression. */
  readonly classIndex: number | null;
  /** m x d first-layer weights, one neuron per row (d = features + 1 with a bias). */
  readonly hidden: MatrixJson;
  /** m output weights. */
  readonly output: readonly number[];
  readonly status: SolverStatus;
  readonly iterations: number;
  /** Training objective reached (null if it was not finite). */
  readonly objective: number | null;
  /** Certified lower bound on the optimum (convex solvers), else null. */
  readonly lowerBound: number | null;
  readonly relativeGap: number | null;
  readonly convex: ConvexHeadJson | null;
}

/**
 * The training rows of a split as stored in a model file (version 2): one bit per data row of the
 * file, so a million rows take 167 KB of text where a list of 800,000 row numbers took 5.3 MB, and
 * the model is passed around (files, the data worker, the window) in this form. Built by
 * encodeTrainRows, read by trainRowIndices / trainRowMask (train-row-bitmap.ts).
 */
export interface TrainRowBitmap {
  /** How many rows are training rows (the bits set), so a damaged bitmap is caught on read. */
  readonly count: number;
  /**
   * ceil(rows / 8) bytes in base64 (RFC 4648, padded): data row r is a training row when bit
   * r % 8 (least significant first) of byte floor(r / 8) is set; the bits past the last row are 0.
   */
  readonly bitmap: string;
}

/** Where the training rows came from, so the training set (and the convex program) can be rebuilt. */
export interface ModelTrainingData {
  /** File name (no folders) of the data the model was trained on. */
  readonly source: string;
  /** Data rows in that file (header excluded). */
  readonly rows: number;
  /** Rows dropped because their target was missing. */
  readonly droppedRows: number;
  /** Which of that file's data rows were training rows (trainRowIndices lists them). */
  readonly trainRows: TrainRowBitmap;
  readonly testFraction: number;
  readonly splitSeed: number;
}

/**
 * The versioned model file (JSON). It takes RAW columns: the preprocessing is inside. Timings are
 * left out on purpose, so the same data, settings and seed give the same file byte for byte.
 */
export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly producer: string | null;
  readonly task: Task;
  readonly loss: LossName;
  /** Prepared feature names (matrix column order, without the bias input). */
  readonly featureNames: readonly string[];
  /** Class names (index = class id); empty for regression. */
  readonly classNames: readonly string[];
  readonly preprocessing: PreprocessingPipeline;
  readonly solver: SolverName;
  readonly formulation: Formulation;
  readonly patterns: number;
  readonly beta: number;
  readonly bias: boolean;
  readonly seed: number;
  readonly classWeights: 'none' | 'balanced' | readonly number[];
  /** Solver settings as given for the run (solver defaults apply to the keys not listed). */
  readonly solverSettings: Readonly<Record<string, SettingValue>>;
  /** The least favourable head status. */
  readonly status: SolverStatus;
  readonly heads: readonly ModelHeadJson[];
  readonly trainingData: ModelTrainingData | null;
  /** Adversarial training runs: the threat trained against (src-core/robust/adversarial-options.ts). */
  readonly adversarial?: AdversarialTraining;
  /** Adversarial training runs: the robustness report (and the standard model's, when compared). */
  readonly robustness?: RobustnessComparison;
}
