import type { ContractError } from '../../src-core/contract/envelope';
import type { ColumnProfile } from '../../src-core/data/column-profile';
import type { ReadTableDetails, ReadTableOptions } from '../../src-core/data/formats/read-table';
import type { OpenFileInput, OpenPhase, TargetChoice } from '../datasets/open-table';
import type { TableForm } from '../../src-core/data/table-form';
import { decodeStrings, itemsPerPiece, joinForm, type PackedBulk, type PackedForm } from './table-shipment';

/**
 * Opening a data file in the data worker (beside data-protocol.ts): the worker parses the file
 * (openTable), posts `open-progress` messages as it goes, keeps the table under `tableId` and
 * answers with a DataReply whose value is an OpenFileOutcome: the table packed (its numbers in
 * shared memory, a string column of few values as codes), its profiles and target; or the error
 * of a bad file (with its details, e.g. a workbook's sheets) or of the cancel. The cancel is the
 * shared flag: the main thread sets it, the worker reads it between parse slices and columns and
 * once the table is packed, without waiting for a message to be handled. A bulky array that is
 * not coded (a row table's rows, a column of many distinct strings) comes before the reply in
 * `open-piece` messages: received in one message, a million strings held the main thread for
 * a few hundred milliseconds.
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

/** A piece of the packed table's bulk array at `index`, sent before the reply (whose array there is then empty). */
export interface OpenFilePiece {
  readonly type: 'open-piece';
  readonly id: number;
  readonly index: number;
  readonly items: readonly unknown[];
}

export type OpenFileOutcome =
  | { readonly opened: true; readonly table: PackedForm; readonly details: ReadTableDetails; readonly profiles: ColumnProfile[]; readonly target: TargetChoice | null }
  | { readonly opened: false; readonly error: ContractError };

/** A message the worker sends about an open request before its reply. */
export function isOpenFileMessage(value: unknown): value is OpenFileProgress | OpenFilePiece {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  return type === 'open-progress' || type === 'open-piece';
}

/**
 * The packed form with each bulky array that is not coded sent apart, PIECE_CELLS cells a
 * piece (itemsPerPiece); its place in the form left empty.
 */
export function sendBulkInPieces(packed: PackedForm, id: number, post: (piece: OpenFilePiece) => void): PackedForm {
  const bulk = packed.bulk.map((items, index): PackedBulk => {
    if ('codes' in items || items.length === 0) return items;
    const step = itemsPerPiece(items);
    if (items.length <= step) return items;
    for (let start = 0; start < items.length; start += step) post({ type: 'open-piece', id, index, items: items.slice(start, start + step) });
    return [];
  });
  return { skeleton: packed.skeleton, bulk };
}

/**
 * The form again from the reply's packed form and the pieces received before it, a coded column
 * decoded at a time with the event loop let run in between (a million codes take ~10 ms).
 */
export async function receiveForm(packed: PackedForm, pieces: ReadonlyMap<number, readonly unknown[]>): Promise<TableForm> {
  const bulk: (readonly unknown[])[] = [];
  for (const [index, items] of packed.bulk.entries()) {
    if ('codes' in items) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      bulk.push(decodeStrings(items.codes, items.dictionary));
    } else {
      bulk.push(pieces.get(index) ?? items);
    }
  }
  return joinForm(packed.skeleton, bulk);
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
