import { describe, expect, it } from 'vitest';
import { loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import type { LoadBuiltInRequest } from '../../../src-core/contract/operations';
import { readTarget } from '../../../src-core/data/target-column';
import type { DataWorker } from '../../../src-main/services/data-worker-client';
import { DatasetRegistry } from '../../../src-main/services/dataset-registry';
import { createOperationHandlers, type HandlerDeps } from '../../../src-main/services/operation-handlers';

describe('operation handlers', () => {
  it('datasets.loadBuiltIn generates the dataset in the data worker and registers what it sends back', async () => {
    const asked: LoadBuiltInRequest[] = [];
    const data: Pick<DataWorker, 'builtIn'> = {
      builtIn: async (request) => {
        asked.push(request);
        const dataset = loadBuiltInDataset(request);
        return { dataset, target: readTarget(dataset.table, dataset.target, dataset.task) };
      },
    };
    const datasets = new DatasetRegistry();
    const handlers = createOperationHandlers({ datasets, data } as unknown as HandlerDeps);
    const request = { id: 'blobs', rows: 600, seed: 5 };
    const summary = await handlers['datasets.loadBuiltIn'](request);
    expect(asked).toEqual([request]);
    expect({ ...summary, datasetId: null }).toEqual({ ...new DatasetRegistry().loadBuiltIn(request), datasetId: null });
    expect(datasets.get(summary.datasetId).table.rowCount).toBe(600);
  });
});
