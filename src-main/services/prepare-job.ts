import type { PreparationChoices, DatasetConfiguration } from '../../src-core/contract/dataset-types';
import type { StartJobRequest } from '../../src-core/contract/operations';
import type { Dataset, Task } from '../../src-core/data/dataset';
import type { PreprocessingPipeline } from '../../src-core/data/preprocessing-types';
import type { RawTable } from '../../src-core/data/raw-table';
import { readTarget } from '../../src-core/data/target-column';
import type { ModelTrainingData } from '../../src-core/model/model-file';
import { encodeTrainRows } from '../../src-core/model/train-row-bitmap';
import { prepareTrainingData } from '../../src-core/training/prepare-training-data';
import { TRAIN_DEFAULTS } from '../../src-core/training/train-defaults';

/** A job's data, ready for a worker, and what the main side keeps to build the model file. */
export interface PreparedJob {
  readonly train: Dataset;
  readonly test: Dataset | null;
  readonly pipeline: PreprocessingPipeline;
  readonly trainingData: ModelTrainingData;
  /** Per pipeline step, the training rows whose cell imputation filled (for cross-validation's refit). */
  readonly imputedRows: readonly (readonly number[])[];
  /** What the fitted preprocessing warns about (e.g. categories past the cap). */
  readonly warnings: readonly string[];
}

/** What the preparation reads of a loaded dataset (a LoadedDataset is one). */
export interface PreparableDataset {
  readonly table: RawTable;
  readonly target: string;
  /** Recorded in the model file. */
  readonly source: string;
  readonly configuration: DatasetConfiguration;
}

/** Which split and preparation: the task, the split's seed and test share, the preparation when not the dataset's. */
export interface PrepareRequest {
  readonly task: Task;
  readonly seed: number;
  readonly testFraction: number;
  readonly preparation?: PreparationChoices;
}

/** What prepareJob needs of a job's request: the split seeded by splitSeed when given (the options' seed otherwise). */
export function prepareRequestOf(request: StartJobRequest): PrepareRequest {
  return {
    task: request.options.task,
    seed: request.splitSeed ?? request.options.seed,
    testFraction: request.testFraction,
    ...(request.preparation ? { preparation: request.preparation } : {}),
  };
}

/**
 * Splits and preprocesses a dataset for one run exactly as the CLI does (prepareTrainingData):
 * the split is seeded by the training seed and stratified for classification, the preprocessing
 * is fitted on the training rows only. The task comes from the options, so a request whose task
 * does not fit the target (e.g. binary on three classes) fails here with a readable message.
 * The app runs it in its data worker (data-worker.ts): on a million rows it takes seconds.
 */
export function prepareJob(dataset: PreparableDataset, request: PrepareRequest): PreparedJob {
  const target = readTarget(dataset.table, dataset.target, request.task);
  // The request's preparation wins; else the dataset's configured one (defaults until changed).
  const preparation = request.preparation ?? dataset.configuration.preparation;
  const ignored = new Set(dataset.configuration.ignoredColumns);
  const prepared = prepareTrainingData(dataset.table, target, {
    testFraction: request.testFraction,
    seed: request.seed,
    standardize: TRAIN_DEFAULTS.standardize,
    scaling: preparation.scaling,
    imputation: preparation.imputation,
    maxCategories: preparation.maxCategories,
    featureColumns: dataset.table.columns.filter((c) => c !== dataset.target && !ignored.has(c)),
  });
  return {
    train: prepared.fitted.dataset,
    test: prepared.test,
    pipeline: prepared.fitted.pipeline,
    imputedRows: prepared.fitted.imputedRows ?? [],
    warnings: prepared.fitted.warnings ?? [],
    trainingData: {
      source: dataset.source,
      rows: dataset.table.rowCount,
      droppedRows: target.droppedRows,
      trainRows: encodeTrainRows(prepared.trainRows, dataset.table.rowCount),
      testFraction: request.testFraction,
      splitSeed: request.seed,
    },
  };
}
