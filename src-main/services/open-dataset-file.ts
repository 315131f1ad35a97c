import { basename } from 'node:path';
import type { DatasetSummary } from '../../src-core/contract/operations';
import { parseDelimited } from '../../src-core/data/parse-delimited';
import { ConvexNetError } from '../../src-core/errors';
import { readTextFile } from '../files/files';
import type { DatasetRegistry } from './dataset-registry';

/**
 * Loads a delimited-text file the user chose in the desktop app's own dialog (never a path sent
 * by the renderer, which is untrusted). The last column is taken as the target until the data
 * screen lets the user choose; the task is inferred from it.
 */
export function openDatasetFile(datasets: DatasetRegistry, path: string): DatasetSummary {
  const name = basename(path);
  const table = parseDelimited(readTextFile(path, 'the dataset file'), { sourceName: name });
  const target = table.columns.at(-1);
  if (target === undefined || table.columns.length < 2) {
    throw new ConvexNetError('data/too-few-columns', `${name} has ${table.columns.length} column(s); a dataset needs at least one feature column and a target column (the last).`);
  }
  return datasets.add(name, path, table, target).summary;
}
