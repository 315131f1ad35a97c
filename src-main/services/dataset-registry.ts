import type { DatasetSummary, LoadBuiltInRequest } from '../../src-core/contract/operations';
import { loadBuiltInDataset } from '../../src-core/data/builtin/registry';
import type { Task } from '../../src-core/data/dataset';
import type { RawTable } from '../../src-core/data/raw-table';
import { readTarget } from '../../src-core/data/target-column';
import { ConvexNetError } from '../../src-core/errors';
import { summarizeDataset } from './dataset-summary';

/** A dataset held by the back end: the raw table (jobs split and preprocess it per run) and its target. */
export interface LoadedDataset {
  readonly datasetId: string;
  readonly name: string;
  /** Where the rows came from (file name or built-in id), recorded in model files. */
  readonly source: string;
  readonly table: RawTable;
  readonly target: string;
  readonly task: Task;
  readonly summary: DatasetSummary;
}

/** Most datasets held at once; loading one more drops the oldest (jobs keep what they already prepared). */
export const MAX_DATASETS = 32;

/**
 * The datasets loaded in this session, by id. Ids are per launch ("dataset-1", ...): loading the
 * same built-in twice gives two datasets, so a regenerated two-moons never changes a dataset a
 * job was started on.
 */
export class DatasetRegistry {
  private readonly datasets = new Map<string, LoadedDataset>();
  private counter = 0;

  loadBuiltIn(request: LoadBuiltInRequest): DatasetSummary {
    const builtIn = loadBuiltInDataset(request);
    return this.add(builtIn.name, builtIn.id, builtIn.table, builtIn.target, builtIn.task).summary;
  }

  /** Registers a table with its target column; the task is checked (or inferred) now, so errors surface at load. */
  add(name: string, source: string, table: RawTable, targetColumn: string, task?: Task): LoadedDataset {
    const target = readTarget(table, targetColumn, task);
    const datasetId = `dataset-${++this.counter}`;
    const dataset: LoadedDataset = {
      datasetId,
      name,
      source,
      table,
      target: targetColumn,
      task: target.task,
      summary: summarizeDataset(datasetId, name, table, target),
    };
    this.datasets.set(datasetId, dataset);
    while (this.datasets.size > MAX_DATASETS) this.datasets.delete(this.datasets.keys().next().value!);
    return dataset;
  }

  get(datasetId: string): LoadedDataset {
    const dataset = this.datasets.get(datasetId);
    if (!dataset) throw new ConvexNetError('data/unknown-dataset', `There is no loaded dataset "${datasetId}"; load a dataset first.`);
    return dataset;
  }
}
