import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSummary, RunResult } from '../../../src-core/contract/operations';
import { loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import { readTarget } from '../../../src-core/data/target-column';
import { buildModelFile } from '../../../src-core/model/model-file';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { trainModel } from '../../../src-core/training/train-model';
import { endlessAdmmOptions, loadDataset, scpOptions, startJob, testServices, value } from './service-helpers';
import { trainRowIndices } from '../../../src-core/model/train-row-bitmap';

/**
 * The job system with REAL worker threads (the .ts worker started through the tsx bootstrap).
 * One pool of one worker serves every test here, so the tests also show that a worker is
 * reused across jobs, cancels and failures.
 */
const GRACE_MS = 4000;
const services = testServices({ poolSize: 1, cancelGraceMs: GRACE_MS });
let moons: string;
let iris: string;

beforeAll(async () => {
  moons = await loadDataset(services, { id: 'two-moons', rows: 120, seed: 2, noise: 0.15 });
  iris = await loadDataset(services, { id: 'iris' });
});
afterAll(() => services.dispose());

describe('jobs on worker threads', () => {
  it('answers start with a job id at once and queues jobs beyond the pool size', async () => {
    const t0 = performance.now();
    const ids: string[] = [];
    for (const seed of [11, 12, 13]) ids.push(await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed }), testFraction: 0.25 }));
    expect(performance.now() - t0).toBeLessThan(1000);
    const states = value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).filter((j) => ids.includes(j.jobId)).map((j) => j.state);
    expect(states).toEqual(['running', 'queued', 'queued']);

    const ended = await Promise.all(ids.map((id) => services.events.ended(id)));
    expect(ended.map((j) => j.state)).toEqual(['finished', 'finished', 'finished']);
    // One worker: the jobs ran one after the other. Each took the worker once the previous one's
    // training ended, while that one's test-row predictions were computed in the data worker.
    for (let k = 1; k < ended.length; k++) {
      expect(ended[k]!.startedAt!).toBeGreaterThanOrEqual(ended[k - 1]!.startedAt!);
      expect(ended[k]!.endedAt!).toBeGreaterThanOrEqual(ended[k - 1]!.endedAt!);
    }
    for (const id of ids) expect(services.events.statesOf(id)).toEqual(['queued', 'running', 'finished']);
  });

  it('gives the same model and metrics as an in-process solve with the same seed', async () => {
    const options = scpOptions('multiclass', { seed: 21, patterns: 12 });
    const jobId = await startJob(services, { datasetId: iris, options, testFraction: 0.3 });
    expect((await services.events.ended(jobId)).state).toBe('finished');
    const result = value<RunResult>(await services.dispatch('jobs.result', { jobId }));

    // The same pipeline, in this process, straight from the core.
    const builtIn = loadBuiltInDataset({ id: 'iris' });
    const target = readTarget(builtIn.table, builtIn.target, 'multiclass');
    const prepared = prepareTrainingData(builtIn.table, target, { testFraction: 0.3, seed: 21, standardize: true });
    const outcome = trainModel(prepared.fitted.dataset, options, defaultContext());
    const local = buildModelFile(outcome, prepared.fitted.pipeline);

    const model = services.modelFile(jobId)!;
    expect(model.heads).toEqual(local.heads);
    expect(model.preprocessing).toEqual(local.preprocessing);
    expect(result.heads.map((h) => h.objective)).toEqual(outcome.heads.map((h) => h.info.objective));
    expect(result.trainCount).toBe(prepared.fitted.dataset.X.rows);
    expect(result.testCount).toBe(prepared.test!.X.rows);
    expect(result.status).toBe(outcome.status);
    expect(result.statusText.length).toBeGreaterThan(10);
    expect(result.heads).toHaveLength(3);
    expect(result.heads.every((h) => h.certificateText !== null && h.history.length > 0)).toBe(true);
    expect(result.train.classification!.accuracy).toBeGreaterThan(0.9);
    expect(result.test!.classification!.n).toBe(45);
    expect(trainRowIndices(model.trainingData!)).toEqual(Array.from(prepared.trainRows).sort((a, b) => a - b));
  });

  it('pushes throttled progress with iteration, objective, residuals, gap and elapsed time', async () => {
    const options = { ...endlessAdmmOptions(31), solverSettings: { maxIterations: 1500, tolerance: 1e-14, epsAbs: 0, epsRel: 0, checkEvery: 5 } };
    const jobId = await startJob(services, { datasetId: moons, options, testFraction: 0.2 });
    const ended = await services.events.ended(jobId, 45_000);
    expect(ended.state).toBe('finished');
    const progress = services.events.progressOf(jobId);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (let k = 1; k < progress.length; k++) {
      expect(progress[k]!.at - progress[k - 1]!.at).toBeGreaterThanOrEqual(99);
      expect(progress[k]!.payload.progress.iteration).toBeGreaterThan(progress[k - 1]!.payload.progress.iteration);
      expect(progress[k]!.payload.progress.elapsedMs).toBeGreaterThan(progress[k - 1]!.payload.progress.elapsedMs);
    }
    const last = progress.at(-1)!.payload.progress;
    expect(Number.isFinite(last.objective)).toBe(true);
    expect(last.relativeGap).toBeTypeOf('number');
    expect(last.primalResidual).toBeTypeOf('number');
    expect(last.dualResidual).toBeTypeOf('number');
    expect(last.trainAccuracy).toBeGreaterThan(0.5);
    // The job list shows the latest progress too.
    const listed = value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).find((j) => j.jobId === jobId)!;
    expect(listed.progress!.iteration).toBeGreaterThanOrEqual(last.iteration);
  });

  it('passes on every point that marks an event (the working set growing), even after the job ended within one interval', async () => {
    // The interior-point solver with a working set of cone rows on the 1-D curve: the set grows
    // once, and the point after it says so; the whole solve takes about one interval (100 ms).
    const curve = await loadDataset(services, { id: 'curve-1d' });
    const options = { task: 'regression', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 16, beta: 0.015, bias: true, seed: 1, solverSettings: { tolerance: 1e-6, coneRows: 'working-set' } } as const;
    const jobId = await startJob(services, { datasetId: curve, options, testFraction: 0.25 });
    const ended = await services.events.ended(jobId, 45_000);
    expect(ended.state).toBe('finished');
    const result = value<RunResult>(await services.dispatch('jobs.result', { jobId }));
    const marked = result.heads[0]!.history.filter((h) => h.event !== undefined).map((h) => [h.iteration, h.event]);
    expect(marked.length).toBeGreaterThan(0);
    const progress = services.events.progressOf(jobId);
    expect(progress.filter((e) => e.payload.progress.event !== undefined).map((e) => [e.payload.progress.iteration, e.payload.progress.event])).toEqual(marked);
    // In order, and before the job's end.
    const iterations = progress.map((e) => e.payload.progress.iteration);
    expect(iterations).toEqual([...iterations].sort((a, b) => a - b));
  });

  it('cancels a long solve through the shared flag within the grace period, keeping the last iterate', async () => {
    const big = await loadDataset(services, { id: 'two-moons', rows: 1500, seed: 4 });
    const jobId = await startJob(services, { datasetId: big, options: endlessAdmmOptions(), testFraction: 0.2 });
    await services.events.firstProgress(jobId);
    const t0 = performance.now();
    expect(value(await services.dispatch('jobs.cancel', { jobId }))).toEqual({ accepted: true });
    const ended = await services.events.ended(jobId, GRACE_MS + 5000);
    const took = performance.now() - t0;
    expect(ended.state).toBe('cancelled');
    expect(took).toBeLessThan(GRACE_MS);
    // Stopped by the solver itself (not by terminate): the result holds the last iterate.
    expect(ended.status).toBe('cancelled');
    const result = value<RunResult>(await services.dispatch('jobs.result', { jobId }));
    expect(result.status).toBe('cancelled');
    expect(result.heads[0]!.iterations).toBeGreaterThan(0);
    expect(value(await services.dispatch('jobs.cancel', { jobId }))).toEqual({ accepted: false });
  });

  it('ends a multi-class run cancelled before every class trained as cancelled, not failed, and keeps no model', async () => {
    const iris = await loadDataset(services, { id: 'iris' });
    const jobId = await startJob(services, { datasetId: iris, options: { ...endlessAdmmOptions(), task: 'multiclass' }, testFraction: 0.2 });
    await services.events.firstProgress(jobId);
    expect(value(await services.dispatch('jobs.cancel', { jobId }))).toEqual({ accepted: true });
    const ended = await services.events.ended(jobId, GRACE_MS + 5000);
    expect(ended).toMatchObject({ state: 'cancelled', error: null });
    const result = await services.dispatch('jobs.result', { jobId });
    expect(result.ok ? null : result.error.code).toBe('jobs/no-result');
    // Its export names what was missing (it blamed "still running, failed, or cancelled before an iterate").
    const exported = await services.dispatch('export.model', { source: { jobId }, format: 'json' });
    expect(exported.ok ? null : exported.error.message).toMatch(/has no result because it was cancelled before it had a model: Cancelled after [12] of the 3 classes' networks/);
  });

  it('cancels a queued job without ever starting it', async () => {
    const first = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: 41 }), testFraction: 0.2 });
    const queued = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: 42 }), testFraction: 0.2 });
    expect(value(await services.dispatch('jobs.cancel', { jobId: queued }))).toEqual({ accepted: true });
    const list = value<JobSummary[]>(await services.dispatch('jobs.list', undefined));
    expect(list.find((j) => j.jobId === queued)).toMatchObject({ state: 'cancelled', startedAt: null, status: null });
    expect((await services.events.ended(first)).state).toBe('finished');
    expect(services.events.statesOf(queued)).toEqual(['queued', 'cancelled']);
    const noResult = await services.dispatch('jobs.result', { jobId: queued });
    expect(noResult).toMatchObject({ ok: false, error: { code: 'jobs/no-result' } });
    const exported = await services.dispatch('export.model', { source: { jobId: queued }, format: 'html' });
    expect(exported.ok ? null : exported.error.message).toBe(`Job "${queued}" has no result because it was cancelled before it started.`);
  });

  it('cancels a job at once while its data is prepared, without training it', async () => {
    // 200,000 rows take the data worker a while to prepare; the cancel comes before that ends.
    const large = await loadDataset(services, { id: 'two-moons', rows: 200_000, seed: 5 });
    const jobId = await startJob(services, { datasetId: large, options: endlessAdmmOptions(), testFraction: 0.2 });
    expect(value<JobSummary[]>(await services.dispatch('jobs.list', undefined)).find((j) => j.jobId === jobId)!.state).toBe('running');
    expect(value(await services.dispatch('jobs.cancel', { jobId }))).toEqual({ accepted: true });
    expect(await services.events.ended(jobId)).toMatchObject({ state: 'cancelled', status: null });
    // The worker is free for the next job at once.
    const next = await startJob(services, { datasetId: moons, options: scpOptions('binary', { seed: 43 }), testFraction: 0.2 });
    expect((await services.events.ended(next)).state).toBe('finished');
  });

  it('fails a job whose data or options the core refuses, with a readable error, and keeps the worker', async () => {
    // Binary options on the three-class iris target: refused while preparing, before any worker.
    const wrongTask = await startJob(services, { datasetId: iris, options: scpOptions('binary'), testFraction: 0.2 });
    const failedPrep = await services.events.ended(wrongTask);
    expect(failedPrep).toMatchObject({ state: 'failed', error: { code: 'data/not-binary' } });
    expect(failedPrep.error!.message).toMatch(/exactly two classes/);
    const exported = await services.dispatch('export.model', { source: { jobId: wrongTask }, format: 'onnx' });
    expect(exported.ok ? null : exported.error.message).toBe(`Job "${wrongTask}" has no result because it failed: ${failedPrep.error!.message}`);

    // Options the data refuse (every pattern of these rows is more than the exact limit allows): thrown by the core inside the worker.
    const tooManyPatterns = { ...scpOptions('binary'), solver: 'admm' as const, formulation: 'exact' as const, solverSettings: { exactPatternLimit: 2 } };
    const refusedInWorker = await startJob(services, { datasetId: moons, options: tooManyPatterns, testFraction: 0.2 });
    const failedInWorker = await services.events.ended(refusedInWorker);
    expect(failedInWorker).toMatchObject({ state: 'failed', error: { code: 'patterns/too-many' } });
    expect(services.logger.lines.some((l) => l.includes(refusedInWorker) && l.includes('failed'))).toBe(true);

    const after = await startJob(services, { datasetId: moons, options: scpOptions('binary'), testFraction: 0.2 });
    expect((await services.events.ended(after)).state).toBe('finished');
    expect(value<RunResult>(await services.dispatch('jobs.result', { jobId: after })).status).toBe('solved');
  });

  it('answers jobs.result of a running job and of an unknown job with clear errors', async () => {
    const jobId = await startJob(services, { datasetId: moons, options: endlessAdmmOptions(51), testFraction: 0.2 });
    expect(await services.dispatch('jobs.result', { jobId })).toMatchObject({ ok: false, error: { code: 'jobs/not-finished' } });
    expect(await services.dispatch('export.model', { source: { jobId }, format: 'json' })).toMatchObject({ ok: false, error: { code: 'jobs/not-finished' } });
    expect(await services.dispatch('jobs.result', { jobId: 'job-999' })).toMatchObject({ ok: false, error: { code: 'jobs/unknown-job' } });
    expect(await services.dispatch('jobs.cancel', { jobId: 'job-999' })).toMatchObject({ ok: false, error: { code: 'jobs/unknown-job' } });
    await services.dispatch('jobs.cancel', { jobId });
    expect((await services.events.ended(jobId)).state).toBe('cancelled');
  });
});
