import type { DatasetConfiguration } from '../../src-core/contract/dataset-types';
import type { ContractError } from '../../src-core/contract/envelope';
import type { Dataset, DatasetSize, Task } from '../../src-core/data/dataset';
import type { PreprocessingPipeline } from '../../src-core/data/preprocessing-types';
import type { TableForm } from '../../src-core/data/table-form';
import type { RadiusSuggestion } from '../../src-core/robust/suggested-radius';
import type { DataShape } from '../../src-core/training/auto-choices';
import type { PrepareRequest } from '../services/prepare-job';

/**
 * The messages between the main process and its data worker (data-worker.ts), which reads targets
 * and prepares datasets off the main thread. Tables are sent once and kept by id: a table's form
 * (table-form.ts) goes first with its bulky string arrays left empty, then those arrays, a column
 * of few distinct strings as codes into them, others in pieces (so no single message takes long to
 * copy), then the end. Requests are answered in order.
 */
export type DataRequest =
  | { readonly type: 'table-begin'; readonly tableId: number; readonly skeleton: TableForm }
  | { readonly type: 'table-piece'; readonly tableId: number; readonly index: number; readonly items: readonly unknown[] }
  | { readonly type: 'table-coded'; readonly tableId: number; readonly index: number; readonly codes: Int32Array; readonly dictionary: readonly string[] }
  | { readonly type: 'table-end'; readonly tableId: number }
  | { readonly type: 'table-forget'; readonly tableId: number }
  | { readonly type: 'target'; readonly id: number; readonly tableId: number; readonly column: string; readonly task?: Task }
  | { readonly type: 'prepare'; readonly id: number; readonly dataset: DatasetRef; readonly request: PrepareRequest }
  | { readonly type: 'summary'; readonly id: number; readonly dataset: DatasetRef; readonly request: PrepareRequest; readonly wants: SummaryWants };

/** A loaded dataset as the data worker knows it: its table's id and the choices the preparation reads. */
export interface DatasetRef {
  readonly tableId: number;
  readonly target: string;
  readonly source: string;
  readonly configuration: DatasetConfiguration;
}

/** What a summary adds to the prepared training set's size, pipeline and warnings. */
export interface SummaryWants {
  /** The data shape of the automatic choices (preparedDataShape) for this task and bias. */
  readonly shape?: { readonly task: Task; readonly bias: boolean };
  /** The suggested l_inf radii, raw and standardized, for the patterns of this preset (suggestRobustRadii). */
  readonly radii?: { readonly bias: boolean; readonly patterns: number; readonly seed: number };
  /** A sample of this many training rows for the estimate's calibration probe (probeSample). */
  readonly sampleRows?: number;
}

/** A prepared training set's size and what the advice and the estimates read of it. */
export interface PreparedSummary {
  readonly size: DatasetSize;
  readonly pipeline: PreprocessingPipeline;
  readonly warnings: readonly string[];
  readonly shape?: DataShape;
  /** Raw, then standardized units. */
  readonly radii?: readonly [RadiusSuggestion | null, RadiusSuggestion | null];
  readonly sample?: Dataset;
}

export type DataReply =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown; readonly prepared: boolean }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: ContractError };

/** The reply's code when a request names a table the worker does not hold (the sender sends it again). */
export const UNKNOWN_TABLE = 'data-worker/unknown-table';

export function isDataReply(value: unknown): value is DataReply {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return type === 'reply' && typeof id === 'number';
}

/** The buffers of the datasets' typed arrays, each once (for a transfer list). */
export function datasetBuffers(...datasets: readonly (Dataset | null | undefined)[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const dataset of datasets) {
    if (!dataset) continue;
    for (const array of [dataset.X.data, dataset.y]) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}
