import type { AppInfo, OperationName, RequestOf, ResponseOf } from '../../src-core/contract/operations';
import { listBuiltInDatasets } from '../../src-core/data/builtin/registry';
import type { DataWorker } from './data-worker-client';
import type { DatasetRegistry } from './dataset-registry';
import type { DatasetImports } from '../datasets/dataset-imports';
import type { JobManager } from './job-manager';
import { trainingAdvice, trainingDefaults, trainingEstimate } from './training-advice';
import type { ImportedModels } from '../export/imported-models';
import type { ModelExporter } from '../export/model-exporter';
import type { RunStore } from '../workspace/run-store';
import { toReadOptions } from '../datasets/dataset-imports';
import { openDatasetFile } from './open-dataset-file';
import type { OpenedFiles } from './opened-files';

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
  /** Reads targets and prepares datasets off the main thread. */
  readonly data: DataWorker;
  readonly jobs: JobManager;
  /** Data-file uploads and imports. */
  readonly imports: DatasetImports;
  /** Files opened from the desktop menu, by id (datasets.reopen). */
  readonly openedFiles: OpenedFiles;
  /** Run history (workspace), model export/import. */
  readonly runs: RunStore;
  readonly exporter: ModelExporter;
  readonly imported: ImportedModels;
}

export function createOperationHandlers(deps: HandlerDeps): OperationHandlers {
  return {
    'app.info': () => deps.info(),
    'datasets.listBuiltIn': () => listBuiltInDatasets(),
    // Generated in the data worker: a million rows took the main thread 2-13 s.
    'datasets.loadBuiltIn': async (request) => deps.datasets.addBuiltIn(await deps.data.builtIn(request)),
    'datasets.upload': (request) => deps.imports.upload(request),
    'datasets.import': async (request) => (await deps.imports.importUpload(request)).summary,
    'datasets.cancelImport': (request) => deps.imports.cancel(request.importId),
    // The path is the main process's own, found by the id it gave the renderer in app.error.
    'datasets.reopen': (request) => openDatasetFile(deps.imports, deps.openedFiles.path(request.fileId), request.importId, toReadOptions(request.options)),
    'datasets.inspect': (request) => deps.datasets.inspect(request.datasetId),
    'datasets.rows': (request) => deps.datasets.rows(request),
    'datasets.configure': (request) => deps.datasets.configure(request),
    'training.defaults': (request) => trainingDefaults(deps.datasets, deps.data, request.datasetId),
    'training.advice': (request) => trainingAdvice(deps.datasets, deps.data, request.datasetId, request.testFraction),
    'training.estimate': (request) => trainingEstimate(deps.datasets, deps.data, deps.jobs, request),
    'jobs.start': (request) => deps.jobs.start(request),
    'jobs.cancel': (request) => deps.jobs.cancel(request.jobId),
    'jobs.list': () => deps.jobs.list(),
    'jobs.result': (request) => deps.jobs.result(request.jobId),
    'runs.list': (request) => deps.runs.list(request?.search),
    'runs.get': (request) => deps.runs.get(request.runId),
    'runs.rename': (request) => deps.runs.rename(request.runId, request.name),
    'runs.delete': (request) => deps.runs.delete(request.runId),
    'workspace.info': () => deps.runs.info(),
    'export.model': (request) => deps.exporter.exportModel(request),
    'models.import': (request) => deps.imported.import(request.file),
    'export.predictions': (request) => deps.exporter.predict(request),
  };
}
