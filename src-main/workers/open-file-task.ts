import { contractErrorOf } from '../../src-core/contract/contract-error';
import type { RawTable } from '../../src-core/data/raw-table';
import { tableForm, tableFromForm } from '../../src-core/data/table-form';
import { isConvexNetError, type ConvexNetError } from '../../src-core/errors';
import { importCancelled } from '../datasets/import-table';
import { openTable } from '../datasets/open-table';
import { targetBuffers } from './data-protocol';
import { sendBulkInPieces, type OpenFileOutcome, type OpenFilePiece, type OpenFileProgress, type OpenFileRequest } from './open-file-protocol';
import { packForm, unpackForm } from './table-shipment';

/** What the worker answers an open request with, and the table it then keeps (none after a failure or a cancel). */
export interface OpenFileAnswer {
  readonly outcome: OpenFileOutcome;
  readonly transfer: ArrayBuffer[];
  readonly table: RawTable | null;
}

/**
 * The data worker's side of an open request (open-file-protocol.ts): openTable with the request's
 * cancel flag, progress posted as it goes; then the table packed for the main thread. A bad file
 * or a cancel is an outcome (its error with its details); anything else throws.
 */
export async function openFileTask(message: OpenFileRequest, post: (sent: OpenFileProgress | OpenFilePiece) => void): Promise<OpenFileAnswer> {
  const flag = new Int32Array(message.cancelFlag);
  const isCancelled = (): boolean => Atomics.load(flag, 0) !== 0;
  let opened;
  try {
    opened = await openTable(message.input, message.fileName, message.options, {
      onProgress: (phase, fraction) => post({ type: 'open-progress', id: message.id, phase, fraction }),
      isCancelled,
    });
  } catch (error) {
    if (!isConvexNetError(error)) throw error;
    return failed(error);
  }
  const { packed, transfer } = packForm(tableForm(opened.table));
  // Packing a million strings takes a while: a cancel that came meanwhile keeps nothing.
  if (isCancelled()) return failed(importCancelled(message.fileName));
  const { details, profiles, target } = opened;
  // Kept as the main thread rebuilds it: a string column's cells then share its few distinct strings.
  const kept = tableFromForm(unpackForm(packed));
  return {
    outcome: { opened: true, table: sendBulkInPieces(packed, message.id, post), details, profiles, target },
    transfer: [...transfer, ...(target?.ok ? targetBuffers(target.target) : [])],
    table: kept,
  };
}

/** The answer of a file that could not be opened: its error, details included; no table kept. */
function failed(error: ConvexNetError): OpenFileAnswer {
  return { outcome: { opened: false, error: contractErrorOf(error) }, transfer: [], table: null };
}
