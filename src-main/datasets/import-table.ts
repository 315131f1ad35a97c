import type { ReadTableOptions, ReadTableResult } from '../../src-core/data/formats/read-table';
import { formatFromFileName, looksLikeZip, openTextTable } from '../../src-core/data/formats/read-table';
import { asByteSource, type ByteSource } from '../../src-core/data/formats/byte-source';
import { ConvexNetError } from '../../src-core/errors';
import { readXlsxTable } from './read-xlsx';

/** Characters parsed between two progress reports / cancellation checks (about 10-30 ms of work). */
export const PARSE_SLICE_CHARS = 2_000_000;

export interface ImportControl {
  /** Parsing progress, 0..1. */
  readonly onProgress?: (fraction: number) => void;
  /** Checked between slices; true stops the import with data/import-cancelled. */
  readonly isCancelled?: () => boolean;
}

/**
 * Reads a data file of any supported format from its bytes (in memory, or a file read a piece at
 * a time), in the app's data worker (openTable) or the command line's process, never the
 * renderer. Delimited text is parsed a slice at a time,
 * yielding to the event loop between slices so progress can be reported and a cancel request can
 * land; XLSX (a zip archive) is read whole and goes through read-excel-file. The format is the
 * chosen one, else the extension's, else sniffed.
 */
export async function importTable(input: Uint8Array | ByteSource, fileName: string, options: ReadTableOptions = {}, control: ImportControl = {}): Promise<ReadTableResult> {
  const bytes = asByteSource(input);
  const chosen = options.format && options.format !== 'auto' ? options.format : formatFromFileName(fileName);
  if (chosen === 'xlsx' || (chosen === null && looksLikeZip(bytes.read(0, 4)))) {
    checkCancelled(control, fileName);
    const result = await readXlsxTable(input instanceof Uint8Array ? input : bytes.read(0, bytes.length), fileName, options.sheet, options.keepEmptyRows ?? false);
    control.onProgress?.(1);
    return result;
  }
  if (options.sheet !== undefined) {
    throw new ConvexNetError('data/sheet-not-applicable', `A sheet was chosen, but ${fileName} is not an XLSX workbook; leave the sheet empty.`);
  }
  const read = openTextTable(bytes, fileName, options);
  for (;;) {
    checkCancelled(control, fileName);
    const done = read.step(PARSE_SLICE_CHARS);
    control.onProgress?.(read.progress);
    if (done) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { table: read.finish(), details: read.details };
}

function checkCancelled(control: ImportControl, fileName: string): void {
  if (control.isCancelled?.()) throw importCancelled(fileName);
}

/** The error of an import stopped by its cancel, whichever phase it was in. */
export function importCancelled(fileName: string): ConvexNetError {
  return new ConvexNetError('data/import-cancelled', `Opening ${fileName} was cancelled; the data loaded before is unchanged.`);
}
