import type { HistoryPoint, SolverStatus } from '../../src-core/solvers/solver-types';
import { combinedCertificate } from '../../src-core/training/combined-gap';
import { modelNeuronCount } from '../../src-core/training/model-neurons';
import { outcomeStatusText } from '../../src-core/training/outcome-status-text';
import type { TrainOptions, TrainOutcome } from '../../src-core/training/train-types';
import type { DatasetMetrics } from './evaluate';

export const RUN_REPORT_FORMAT = 'convexnet-run-report';
export const RUN_REPORT_VERSION = 1;

export interface RunReportData {
  readonly source: string;
  readonly targetColumn: string;
  /** Data rows in the file (header excluded). */
  readonly rows: number;
  /** Rows dropped because the target was empty. */
  readonly droppedRows: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly featureNames: readonly string[];
  readonly classNames: readonly string[];
  readonly standardize: boolean;
  readonly testFraction: number;
}

export interface RunReportHead {
  readonly classIndex: number | null;
  readonly className: string | null;
  readonly status: SolverStatus;
  readonly statusText: string;
  readonly objective: number;
  readonly lowerBound: number | null;
  readonly gap: number | null;
  readonly iterations: number;
  readonly neuronCount: number;
  readonly setupMs: number;
  readonly solveMs: number;
  readonly certificate: string | null;
  readonly notes: readonly string[];
  /** The solver's technical account (SolveInfo.details): empty when it gave none. */
  readonly details: readonly string[];
  readonly history: readonly HistoryPoint[];
}

/**
 * The run report (JSON). For one-vs-rest the top-level objective and lower bound are the sums
 * over the heads (the heads are independent problems, so the sum of lower bounds bounds the sum
 * of optima), the gap is relative to the summed objective, and iterations and neurons are totals.
 */
export interface RunReport {
  readonly format: typeof RUN_REPORT_FORMAT;
  readonly version: typeof RUN_REPORT_VERSION;
  readonly task: TrainOutcome['task'];
  readonly options: TrainOptions;
  readonly data: RunReportData;
  readonly status: SolverStatus;
  readonly statusText: string;
  readonly objective: number;
  readonly lowerBound: number | null;
  readonly gap: number | null;
  readonly iterations: number;
  readonly setupMs: number;
  readonly solveMs: number;
  readonly neuronCount: number;
  readonly metrics: { readonly train: DatasetMetrics | null; readonly test: DatasetMetrics | null };
  readonly heads: readonly RunReportHead[];
}

export function buildRunReport(outcome: TrainOutcome, data: RunReportData, metrics: RunReport['metrics']): RunReport {
  const heads = outcome.heads.map((head): RunReportHead => ({
    classIndex: head.classIndex,
    className: head.classIndex === null ? null : (data.classNames[head.classIndex] ?? null),
    status: head.status,
    // The run's words for one head (back-propagation's in its own terms, outcomeStatusText).
    statusText: outcomeStatusText({ status: head.status, heads: [head], options: outcome.options }),
    objective: head.info.objective,
    lowerBound: head.info.lowerBound,
    gap: head.info.relativeGap,
    iterations: head.info.iterations,
    neuronCount: head.network.hidden.rows,
    setupMs: head.info.setupMs,
    solveMs: head.info.solveMs,
    certificate: head.convex?.certificateText ?? null,
    notes: head.info.notes,
    details: head.info.details ?? [],
    history: head.history,
  }));
  const { objective, lowerBound, relativeGap: gap } = combinedCertificate(heads.map((h) => ({ objective: h.objective, lowerBound: h.lowerBound, relativeGap: h.gap })));
  return {
    format: RUN_REPORT_FORMAT,
    version: RUN_REPORT_VERSION,
    task: outcome.task,
    options: outcome.options,
    data,
    status: outcome.status,
    statusText: outcomeStatusText(outcome),
    objective,
    lowerBound,
    gap,
    iterations: heads.reduce((sum, h) => sum + h.iterations, 0),
    setupMs: outcome.setupMs,
    solveMs: outcome.solveMs,
    neuronCount: modelNeuronCount(heads),
    metrics,
    heads,
  };
}

/** JSON text of a report; non-finite numbers become null (JSON has no NaN or Infinity). */
export function reportToJson(report: RunReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
