import type { ContractError } from '../../src-core/contract/envelope';
import { contractErrorOf } from '../../src-core/contract/contract-error';
import { chunksSource, type ByteSource } from '../../src-core/data/formats/byte-source';
import type { ReadTableDetails, ReadTableOptions } from '../../src-core/data/formats/read-table';
import { profileColumn, targetCandidates, type ColumnProfile } from '../../src-core/data/column-profile';
import type { RawTable } from '../../src-core/data/raw-table';
import { readTarget, type TargetColumn } from '../../src-core/data/target-column';
import { isConvexNetError } from '../../src-core/errors';
import { openFileSource } from '../files/files';
import { importCancelled, importTable } from './import-table';

/**
 * A data file to open: a path the reader opens itself (a piece at a time as the parse goes), or
 * bytes already in memory (an upload's pieces, not joined). `handOver`: the caller no longer
 * needs the bytes, so a thread that opens the file may take them without a copy.
 */
export type OpenFileInput =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'bytes'; readonly chunks: readonly Uint8Array[]; readonly handOver?: boolean };

/** The two phases of an import's progress bar. */
export type OpenPhase = 'parsing' | 'inspecting';

export interface OpenControl {
  /** Progress within a phase, 0..1 ('inspecting' starts at 0 once the parse is done). */
  readonly onProgress?: (phase: OpenPhase, fraction: number) => void;
  /** Checked between parse slices and between columns; true stops with data/import-cancelled. */
  readonly isCancelled?: () => boolean;
}

/** The target an import takes (the first of targetCandidates that reads), or the first candidate's error. */
export type TargetChoice = { readonly ok: true; readonly target: TargetColumn } | { readonly ok: false; readonly error: ContractError };

/** A parsed data file with what registering it needs: its column profiles and its target (null with fewer than 2 columns). */
export interface OpenedTable {
  readonly table: RawTable;
  readonly details: ReadTableDetails;
  readonly profiles: ColumnProfile[];
  readonly target: TargetChoice | null;
}

/**
 * Opens a data file of any supported format: parsed a slice at a time (importTable), its columns
 * profiled one by one, then its target chosen (DatasetRegistry.addImported registers it), with
 * progress and cancel checks between steps. The same code runs in the data worker (the app) and
 * on the calling thread (tests, a registry without a worker), so both give the same table,
 * profiles and errors; a path is opened with the dataset file's wording.
 */
export async function openTable(input: OpenFileInput, fileName: string, options: ReadTableOptions, control: OpenControl = {}): Promise<OpenedTable> {
  const file = input.kind === 'path' ? openFileSource(input.path, 'the dataset file') : null;
  let table: RawTable;
  let details: ReadTableDetails;
  try {
    ({ table, details } = await importTable(file?.source ?? bytesOf(input), fileName, options, {
      onProgress: (fraction) => control.onProgress?.('parsing', fraction),
      ...(control.isCancelled ? { isCancelled: control.isCancelled } : {}),
    }));
  } finally {
    file?.close();
  }
  control.onProgress?.('inspecting', 0);
  // Column by column: a million-row column takes a fraction of a second.
  const profiles: ColumnProfile[] = [];
  for (let c = 0; c < table.columns.length; c++) {
    if (control.isCancelled?.()) throw importCancelled(fileName);
    profiles.push(profileColumn(table, table.columns[c]!, c));
    control.onProgress?.('inspecting', (c + 1) / (table.columns.length + 1));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (control.isCancelled?.()) throw importCancelled(fileName);
  return { table, details, profiles, target: table.columns.length < 2 ? null : await chooseTarget(profiles, (column) => readTarget(table, column)) };
}

/** The bytes of an input in memory: one piece as it is, several without being joined. */
function bytesOf(input: OpenFileInput): Uint8Array | ByteSource {
  if (input.kind !== 'bytes') throw new Error('openTable: a path is opened, not read as bytes');
  return input.chunks.length === 1 ? input.chunks[0]! : chunksSource(input.chunks);
}

/**
 * The first of targetCandidates(profiles) that `read` reads as a target, else the first one's
 * error (a ConvexNetError: why that column cannot be a target; anything else is rethrown).
 */
export async function chooseTarget(profiles: readonly ColumnProfile[], read: (column: string) => TargetColumn | Promise<TargetColumn>): Promise<TargetChoice> {
  let firstError: ContractError | null = null;
  for (const column of targetCandidates(profiles)) {
    try {
      return { ok: true, target: await read(column) };
    } catch (error) {
      if (!isConvexNetError(error)) throw error;
      firstError ??= contractErrorOf(error);
    }
  }
  return { ok: false, error: firstError! };
}
