import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../../src-main/workspace/run-store';
import { endlessAdmmOptions, loadDataset, startJob, testServices } from './service-helpers';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('services.dispose (quitting the app, or Ctrl+C in web mode)', () => {
  it('cancels a running job, keeps its last iterate and saves the run, as a cancel would', async () => {
    // Before: the job was abandoned and nothing was saved (workspace audit).
    const folder = mkdtempSync(join(tmpdir(), 'convexnet-shutdown-'));
    folders.push(folder);
    const services = testServices({ workspaceFolder: folder });
    const moons = await loadDataset(services, { id: 'two-moons', rows: 600, seed: 4 });
    const running = await startJob(services, { datasetId: moons, options: endlessAdmmOptions(), testFraction: 0.2, label: 'running at quit' });
    const queued = await startJob(services, { datasetId: moons, options: endlessAdmmOptions(6), testFraction: 0.2, label: 'queued at quit' });
    await services.events.firstProgress(running);
    await services.dispose();
    const { runs } = await new RunStore(folder).list();
    expect(runs.map((r) => [r.jobId, r.name])).toEqual([[running, 'running at quit']]);
    const saved = await new RunStore(folder).get(runs[0]!.runId);
    expect(saved.result.status).toBe('cancelled');
    expect(saved.result.heads[0]!.iterations).toBeGreaterThan(0);
    expect(queued).not.toBe(running);
  });
});
