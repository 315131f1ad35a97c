import type { RunResult } from '../../contract/operations';
import type { RunDataInfo } from '../../contract/run-history';
import type { ModelFile } from '../../model/model-file-types';
import type { MetricsReport } from '../../training/evaluate';

export interface ReportTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Robustness results to show (from robust training or an attack): labelled values and tables. */
export interface ReportRobustness {
  readonly summary: string;
  readonly rows: readonly (readonly [string, string])[];
  readonly tables?: readonly ReportTable[];
}

/** Everything a report can show; what is null is left out (or said to be unavailable). */
export interface ReportInput {
  readonly title: string;
  /** Version of the app writing the report. */
  readonly appVersion: string;
  /** ISO time the report was written. */
  readonly generatedAt: string;
  readonly model: ModelFile | null;
  readonly data: RunDataInfo | null;
  readonly result: RunResult | null;
  /** Metrics of the model on another labelled file (e.g. `convexnet export --data`). */
  readonly evaluation: { readonly label: string; readonly metrics: MetricsReport } | null;
  /** Null: taken from the run's (or the model's) robustness comparison when it has one. */
  readonly robustness: ReportRobustness | null;
}

/** Section ids, in page order; robustness only when the input has it. */
export const REPORT_SECTIONS = ['summary', 'data', 'preparation', 'settings', 'metrics', 'charts', 'certificate', 'robustness'] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];
