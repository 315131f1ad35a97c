import type { ContractError } from '../../src-core/contract/envelope';
import type { ColumnProfile } from '../../src-core/data/column-profile';
import type { ReadTableDetails, ReadTableOptions } from '../../src-core/data/formats/read-table';
import type { OpenFileInput, OpenPhase, TargetChoice } from '../datasets/open-table';
import type { PackedForm } from './table-shipment';

/**
 * Opening a data file in the data worker (beside data-protocol.ts): the worker parses the file
 * (openTable), posts `open-progress` messages as it goes, keeps the table under `tableId` and
 * answers with a DataReply whose value is an OpenFileOutcome: the table packed (its numbers in
 * shared memory, a string column of few values as codes), its profiles and target; or the error
 * of a bad file (with its details, e.g. a workbook's sheets) or of the cancel. The cancel is the
 * shared flag: the main thread sets it, the worker reads it between parse slices and columns and
 * once the table is packed, without waiting for a message to be handled.
 */
export interface OpenFileRequest {
  readonly type: 'open-file';
  readonly id: number;
  readonly tableId: number;
  readonly input: OpenFileInput;
  readonly fileName: string;
  readonly options: ReadTableOptions;
  /** An Int32Array's buffer: 0, or 1 once cancelled. */
  readonly cancelFlag: SharedArrayBuffer;
}

export interface OpenFileProgress {
  readonly type: 'open-progress';
  readonly id: number;
  readonly phase: OpenPhase;
  readonly fraction: number;
}

export type OpenFileOutcome =
  | { readonly opened: true; readonly table: PackedForm; readonly details: ReadTableDetails; readonly profiles: ColumnProfile[]; readonly target: TargetChoice | null }
  | { readonly opened: false; readonly error: ContractError };

export function isOpenFileProgress(value: unknown): value is OpenFileProgress {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'open-progress';
}

/**
 * The buffers an open request can transfer rather than copy: of an upload's pieces handed over,
 * each whose buffer it alone uses (a small Buffer shares Node's pool, which must not be taken:
 * such a piece is copied).
 */
export function inputTransfer(input: OpenFileInput): ArrayBuffer[] {
  if (input.kind !== 'bytes' || !input.handOver) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const chunk of input.chunks) {
    if (chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength) buffers.add(chunk.buffer);
  }
  return [...buffers];
}
