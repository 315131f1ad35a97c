import { basename } from 'node:path';
import type { DatasetSummary } from '../../src-core/contract/operations';
import type { DatasetImports } from '../datasets/dataset-imports';
import { readFileBytes } from '../files/files';

/**
 * Loads a data file the user chose in the desktop app's own dialog or recent list (never a path
 * sent by the renderer, which is untrusted), in any supported format. The target is the
 * suggested one until the data screen changes it; the task is inferred from it.
 */
export async function openDatasetFile(imports: DatasetImports, path: string, importId = `open-${Date.now()}`): Promise<DatasetSummary> {
  const name = basename(path);
  const bytes = readFileBytes(path, 'the dataset file');
  return (await imports.importBytes(bytes, name, path, importId)).summary;
}
