import { basename } from 'node:path';
import type { DatasetSummary } from '../../src-core/contract/operations';
import type { ReadTableOptions } from '../../src-core/data/formats/read-table';
import type { DatasetImports } from '../datasets/dataset-imports';

/**
 * Loads a data file the user chose in the desktop app's own dialog or recent list (never a path
 * sent by the renderer, which is untrusted), in any supported format. The target is the
 * suggested one until the data screen changes it; the task is inferred from it. `options` are
 * those the renderer chose when it asks for the file again (datasets.reopen), e.g. another sheet.
 */
export async function openDatasetFile(imports: DatasetImports, path: string, importId = `open-${Date.now()}`, options: ReadTableOptions = {}): Promise<DatasetSummary> {
  // Read a piece at a time as the parse goes (in the data worker): the file's bytes never sit whole beside the table.
  return (await imports.importFile(path, basename(path), importId, options)).summary;
}
