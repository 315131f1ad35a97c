import { afterAll, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../../src-core/contract/export-types';
import type { RunResult } from '../../../src-core/contract/operations';
import type { RunListing } from '../../../src-core/contract/run-history';
import { endlessAdmmOptions, loadDataset, startJob, testServices, value } from './service-helpers';

/**
 * A job and the dataset it trains on, under the registry's memory limit (dataset-retention.ts):
 * held while the job is queued or running, released when it ends; what the run history and
 * exports need of the dataset is kept without its table.
 */
// two-moons has 3 columns: 200 rows are 600 cells, two of them over the limit.
const services = testServices({ poolSize: 1, datasetLimits: { maxCells: 1000 } });
afterAll(() => services.dispose());

async function savedRuns(): Promise<RunListing> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const listing = value<RunListing>(await services.dispatch('runs.list', undefined));
    if (listing.runs.length > 0) return listing;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no run was saved');
}

describe('a job\'s dataset', () => {
  it('stays loaded while a job runs on it, is unloaded after, and the run is still saved and exported', async () => {
    const first = await loadDataset(services, { id: 'two-moons', rows: 200, seed: 1 });
    const running = await startJob(services, { datasetId: first, options: endlessAdmmOptions(), testFraction: 0.2 });
    const second = await loadDataset(services, { id: 'two-moons', rows: 200, seed: 2 });
    // Over the limit, but the running job holds the first: the user can still start another run on it.
    const queued = await startJob(services, { datasetId: first, options: endlessAdmmOptions(), testFraction: 0.2 });
    // The user goes on with the second dataset (now the most recently used), and drops the queued run.
    expect((await services.dispatch('datasets.inspect', { datasetId: second })).ok).toBe(true);
    expect(value<{ accepted: boolean }>(await services.dispatch('jobs.cancel', { jobId: queued }))).toEqual({ accepted: true });

    await services.events.firstProgress(running);
    value(await services.dispatch('jobs.cancel', { jobId: running }));
    expect((await services.events.ended(running)).state).toBe('cancelled');

    // Released: nothing uses the first any more, and it was the least recently used.
    const asked = await services.dispatch('datasets.inspect', { datasetId: first });
    expect(asked).toMatchObject({ ok: false, error: { code: 'data/dataset-unloaded', message: expect.stringMatching(/^The dataset "Two moons .*" \(dataset-\d+\) is no longer loaded: it was unloaded to free memory .* Load or open it again to use it\.$/) } });
    // What the run needs of its dataset was kept: the result, an export naming the data, the run history.
    expect(value<RunResult>(await services.dispatch('jobs.result', { jobId: running })).datasetId).toBe(first);
    const report = value<ExportedFile>(await services.dispatch('export.model', { source: { jobId: running }, format: 'html' }));
    expect(report.content).toContain('Two moons');
    const [saved] = (await savedRuns()).runs;
    expect(saved).toMatchObject({ jobId: running, dataFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(value<{ jobId: string }[]>(await services.dispatch('jobs.list', undefined)).find((j) => j.jobId === running)).toMatchObject({ datasetId: first });
  });
});
