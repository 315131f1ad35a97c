import type { Task } from '../data/dataset';
import type { ModelFile } from '../model/model-file-types';
import type { SolverStatus } from '../solvers/solver-types';
import type { SolverName } from '../training/train-types';
import type { RunResult } from './operations';

/**
 * Types of the run history (the workspace): every finished run is saved as one file holding its
 * settings, seed, data fingerprint, metrics, history and model, so it can be listed, renamed,
 * deleted and re-opened after a restart exactly as it was shown when it finished.
 */

/** The data a run was trained on, as it was when the run finished. */
export interface RunDataInfo {
  readonly name: string;
  /** File name or built-in id the rows came from. */
  readonly source: string;
  readonly targetName: string;
  readonly task: Task;
  readonly rowCount: number;
  /** Raw input columns (before one-hot encoding). */
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  readonly classCounts: readonly number[];
  /** SHA-256 (hex) of the table's column names and cells: same fingerprint = same data. */
  readonly fingerprint: string;
}

/** One line of the run list. */
export interface RunRecordSummary {
  readonly runId: string;
  /** The user's name for the run (initially the job label). */
  readonly name: string;
  /** Epoch ms when the run was saved. */
  readonly savedAt: number;
  /** The job id in the session that trained it (ids restart with the app; runId does not). */
  readonly jobId: string;
  readonly datasetName: string;
  readonly dataFingerprint: string;
  readonly task: Task;
  readonly solver: SolverName;
  readonly seed: number;
  readonly status: SolverStatus;
  readonly statusText: string;
  /**
   * Iterations of the whole run (epochs for back-propagation, which the history shows as
   * "Finished (N epochs)"), from its heads' counts; absent when a saved run lacks them.
   */
  readonly iterations?: number;
  /** Accuracy (classification) or R² (regression) on the test rows, else on the training rows; null when undefined. */
  readonly headlineMetric: { readonly name: 'accuracy' | 'r2'; readonly split: 'test' | 'train'; readonly value: number | null };
  /** Whether the run has an exportable model (noModelReason says why not). */
  readonly hasModel: boolean;
  /** Without a model: why, completing "has no model to export: ..." (RunResult.noModelReason). */
  readonly noModelReason?: string;
}

/** A saved run, complete. */
export interface StoredRun {
  readonly summary: RunRecordSummary;
  readonly data: RunDataInfo;
  readonly result: RunResult;
  readonly model: ModelFile | null;
}

/** A file in the workspace folder that could not be read as a run; it is skipped, never fatal. */
export interface WorkspaceProblem {
  /** File name inside the workspace folder. */
  readonly file: string;
  readonly reason: string;
}

export interface RunListRequest {
  /** Case-insensitive words that must all appear in the run's name, dataset, solver, task or status. */
  readonly search?: string;
}

export interface RunListing {
  /** Newest first. */
  readonly runs: RunRecordSummary[];
  readonly problems: WorkspaceProblem[];
}

export interface WorkspaceInfo {
  /** Absolute path of the workspace folder (shown to the user; never sent back as a path). */
  readonly folder: string;
  readonly runCount: number;
  readonly problems: WorkspaceProblem[];
}
