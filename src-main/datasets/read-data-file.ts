import { basename } from 'node:path';
import type { ReadTableOptions, ReadTableResult } from '../../src-core/data/formats/read-table';
import { readTextTable } from '../../src-core/data/formats/read-table';
import { ConvexNetError, isConvexNetError } from '../../src-core/errors';
import { openFileSource, STDIN_PATH } from '../files/files';
import { importTable } from './import-table';

/** Format and sheet chosen on the command line (--format, --sheet); everything else is detected. */
export type DataFileOptions = Pick<ReadTableOptions, 'format' | 'sheet' | 'keepEmptyRows'>;

/**
 * A data file of any supported format (XLSX included), read in this process a piece at a time
 * (openFileSource); errors name the file.
 */
export async function readDataFile(path: string, options: DataFileOptions = {}): Promise<ReadTableResult> {
  const file = openFileSource(path, 'the data file');
  try {
    return await importTable(file.source, sourceName(path), options);
  } catch (error) {
    // importTable words this for the app's sheet field; here the sheet came from --sheet.
    if (isConvexNetError(error) && error.code === 'data/sheet-not-applicable') {
      throw new ConvexNetError(error.code, `--sheet only applies to XLSX workbooks, and ${sourceName(path)} is not one: drop --sheet.`);
    }
    throw error;
  } finally {
    file.close();
  }
}

/** The same for callers that cannot wait: every text format (CSV, TSV, ARFF, LIBSVM, JSON), not XLSX. */
export function readTextDataFile(path: string, options: DataFileOptions = {}): ReadTableResult {
  const file = openFileSource(path, 'the data file');
  try {
    return readTextTable(file.source, sourceName(path), options);
  } finally {
    file.close();
  }
}

/** The name the readers detect the format by and messages use: standard input has no file name. */
function sourceName(path: string): string {
  return path === STDIN_PATH ? 'standard input' : basename(path);
}
