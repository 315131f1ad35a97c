import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../src-core/contract/operations';
import { FAILURE_DETAILS, FAULT_SEEDS } from './fixtures/fault-seeds';
import { endlessAdmmOptions, faultyWorkerEntry, loadDataset, scpOptions, startJob, testServices, value } from './service-helpers';

/**
 * Workers that die or hang, with REAL threads: the test worker entry runs the real job runner
 * but misbehaves on chosen seeds. Two workers, so a healthy job runs next to a failing one.
 */
const GRACE_MS = 600;
const services = testServices({
  poolSize: 2,
  cancelGraceMs: GRACE_MS,
  workerEntry: faultyWorkerEntry,
  // Small heaps, so the out-of-memory case ends in a moment rather than after gigabytes.
  workerResourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
});
let moons: string;

beforeAll(async () => {
  moons = await loadDataset(services, { id: 'two-moons', rows: 300, seed: 8 });
});
afterAll(() => services.dispose());

describe('failing workers', () => {
  it.each([
    ['exits', FAULT_SEEDS.exit, 'worker/exited', /stopped unexpectedly \(exit code 7\)/],
    ['throws outside the job', FAULT_SEEDS.throw, 'worker/crashed', /crashed: deliberate crash of the test worker/],
    ['runs out of memory', FAULT_SEEDS.oom, 'worker/out-of-memory', /ran out of memory/],
  ])('a worker that %s fails only its own job, and is replaced', async (_what, seed, code, message) => {
    // A neighbour that runs until cancelled, on the other worker.
    const neighbour = await startJob(services, { datasetId: moons, options: endlessAdmmOptions(100 + seed), testFraction: 0.2 });
    await services.events.firstProgress(neighbour);
    const doomed = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed }), testFraction: 0.2 });
    const failed = await services.events.ended(doomed, 40_000);
    const failedAt = performance.now();
    expect(failed.state).toBe('failed');
    expect(failed.error!.code).toBe(code);
    expect(failed.error!.message).toMatch(message);
    expect(services.logger.lines.some((l) => l.startsWith('warn') && l.includes(doomed))).toBe(true);

    // The neighbour carries on: still running, still reporting progress.
    expect(value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).find((j) => j.jobId === neighbour)!.state).toBe('running');
    await services.events.firstProgress(neighbour, 10_000, failedAt);

    // The only free capacity now is a replacement worker: it takes the next job while the neighbour runs.
    const next = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: 7 }), testFraction: 0.2 });
    expect((await services.events.ended(next, 40_000)).state).toBe('finished');
    expect(value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).find((j) => j.jobId === neighbour)!.state).toBe('running');

    await services.dispatch('jobs.cancel', { jobId: neighbour });
    expect(await services.events.ended(neighbour, 10_000)).toMatchObject({ state: 'cancelled', status: 'cancelled' });
  });

  it('terminates a worker that ignores the cancel flag once the grace period is over', async () => {
    const hung = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: FAULT_SEEDS.hang }), testFraction: 0.2 });
    // On its worker (a job shows as running while its data is still prepared, and a cancel then drops it at once).
    await services.events.firstProgress(hung);
    const t0 = performance.now();
    expect(value(await services.dispatch('jobs.cancel', { jobId: hung }))).toEqual({ accepted: true });
    const ended = await services.events.ended(hung, 10_000);
    const took = performance.now() - t0;
    expect(ended.state).toBe('cancelled');
    // No iterate came back: the worker was stopped from outside.
    expect(ended.status).toBeNull();
    expect(took).toBeGreaterThanOrEqual(GRACE_MS - 5);
    expect(took).toBeLessThan(GRACE_MS + 5000);
    expect(services.logger.lines.some((l) => l.includes(hung) && l.includes('terminated'))).toBe(true);
    expect(await services.dispatch('jobs.result', { jobId: hung })).toMatchObject({ ok: false, error: { code: 'jobs/no-result' } });

    const next = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: 9 }), testFraction: 0.2 });
    expect((await services.events.ended(next, 40_000)).state).toBe('finished');
  });

  it('fails a job with the details of its ConvexNetError, and drops details that do not fit their schema', async () => {
    const detailed = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: FAULT_SEEDS.details }), testFraction: 0.2 });
    const failed = await services.events.ended(detailed, 40_000);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'data/too-few-columns', message: 'Sheet "Notes" has 1 column.', details: FAILURE_DETAILS } });
    const invalid = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: FAULT_SEEDS.badDetails }), testFraction: 0.2 });
    const dropped = await services.events.ended(invalid, 40_000);
    expect(dropped.error).toEqual({ code: 'data/too-few-columns', message: 'Sheet "Notes" has 1 column.' });
  });
});
