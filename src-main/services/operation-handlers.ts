import type { AppInfo, OperationName, RequestOf, ResponseOf } from '../../src-core/contract/operations';
import { listBuiltInDatasets } from '../../src-core/data/builtin/registry';
import { defaultTrainOptions, TRAIN_DEFAULTS } from '../../src-core/training/train-defaults';
import type { DatasetRegistry } from './dataset-registry';
import type { JobManager } from './job-manager';

/**
 * One handler per contract operation. The mapped type makes a missing or misspelled operation a
 * compile error; payloads reach a handler only after the dispatcher validated them.
 */
export type OperationHandlers = {
  readonly [K in OperationName]: (request: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

export interface HandlerDeps {
  readonly info: () => AppInfo;
  readonly datasets: DatasetRegistry;
  readonly jobs: JobManager;
}

export function createOperationHandlers(deps: HandlerDeps): OperationHandlers {
  return {
    'app.info': () => deps.info(),
    'datasets.listBuiltIn': () => listBuiltInDatasets(),
    'datasets.loadBuiltIn': (request) => deps.datasets.loadBuiltIn(request),
    'training.defaults': (request) => {
      const dataset = deps.datasets.get(request.datasetId);
      // beta scales with the training rows; before the user picks a split, assume the default one.
      const trainRows = Math.round(dataset.summary.rowCount * (1 - TRAIN_DEFAULTS.testFraction));
      return defaultTrainOptions(dataset.task, trainRows);
    },
    'jobs.start': (request) => deps.jobs.start(request),
    'jobs.cancel': (request) => deps.jobs.cancel(request.jobId),
    'jobs.list': () => deps.jobs.list(),
    'jobs.result': (request) => deps.jobs.result(request.jobId),
  };
}
