import { afterAll, describe, expect, it } from 'vitest';
import type { BuiltInDatasetInfo, DatasetSummary } from '../../../src-core/contract/operations';
import { operationNames } from '../../../src-core/contract/operations';
import { MAX_REQUEST_BYTES } from '../../../src-core/contract/request-schemas';
import { ConvexNetError } from '../../../src-core/errors';
import { presetOptions } from '../../../src-core/training/presets';
import { APP_TEST_FRACTION, TRAIN_DEFAULTS } from '../../../src-core/training/train-defaults';
import type { TrainingAdvice } from '../../../src-core/contract/training-jobs';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { createDispatcher } from '../../../src-main/services/dispatcher';
import type { OperationHandlers } from '../../../src-main/services/operation-handlers';
import { recordingLogger, scpOptions, testServices, value } from './service-helpers';

/** Hostile payloads through the one entry both transports use. No job is started, so no worker either. */
const services = testServices({ poolSize: 1 });
afterAll(() => services.dispose());

async function expectRejected(operation: string, payload: unknown, code: string, message?: RegExp): Promise<void> {
  const before = services.logger.lines.length;
  const reply = await services.dispatch(operation, payload);
  expect(reply.ok).toBe(false);
  if (reply.ok) return;
  expect(reply.error.code).toBe(code);
  if (message) expect(reply.error.message).toMatch(message);
  // Logged, and the service still answers afterwards.
  expect(services.logger.lines.slice(before).some((l) => l.startsWith('warn') && l.includes(code))).toBe(true);
  expect(value<{ name: string }>(await services.dispatch('app.info', undefined)).name).toBe('ConvexNet Studio');
}

describe('dispatch', () => {
  it('answers the contract operations with ok envelopes', async () => {
    const info = value<{ transport: string; cores: number; version: string; trainingWorkers: number }>(await services.dispatch('app.info', undefined));
    expect(info.transport).toBe('web');
    expect(info.cores).toBeGreaterThanOrEqual(1);
    // The pool the services were made with.
    expect(info.trainingWorkers).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    const builtIns = value<BuiltInDatasetInfo[]>(await services.dispatch('datasets.listBuiltIn', null));
    expect(builtIns.map((d) => d.id)).toEqual(['iris', 'two-moons', 'penguins', 'circles', 'xor', 'spirals', 'blobs', 'curve-1d', 'curve-2d']);
    const summary = value<DatasetSummary>(await services.dispatch('datasets.loadBuiltIn', { id: 'two-moons', rows: 50, noise: 0.2, seed: 9 }));
    expect(summary).toMatchObject({ task: 'binary', rowCount: 50, targetName: 'moon', featureNames: ['x1', 'x2'], classNames: ['lower', 'upper'], classCounts: [25, 25] });
    expect(summary.previewColumns).toEqual(['x1', 'x2', 'moon']);
    expect(summary.previewRows).toHaveLength(10);
    // The form's first values are the Balanced preset on the app's default split (25% held out:
    // 37 training rows of 50, 2 features + bias): a small squared-loss problem, so the
    // interior-point solver, and the same beta as the automatic choice the screen shows.
    const defaults = value<TrainOptions>(await services.dispatch('training.defaults', { datasetId: summary.datasetId }));
    const advice = value<TrainingAdvice>(await services.dispatch('training.advice', { datasetId: summary.datasetId, testFraction: APP_TEST_FRACTION }));
    expect(advice.shape).toEqual({ task: 'binary', rows: 37, features: 2, bias: true });
    expect(defaults).toEqual(presetOptions('balanced', advice.shape, TRAIN_DEFAULTS.seed));
    expect(defaults).toMatchObject({ solver: 'ipm', beta: advice.automatic.beta.value, patterns: TRAIN_DEFAULTS.patterns });
    expect(value(await services.dispatch('jobs.list', undefined))).toEqual([]);
  });

  it('rejects unknown operations, including prototype names and non-strings', async () => {
    await expectRejected('jobs.delete', {}, 'contract/unknown-operation', /Unknown operation "jobs.delete"/);
    await expectRejected('__proto__', undefined, 'contract/unknown-operation');
    await expectRejected('toString', undefined, 'contract/unknown-operation');
    await expectRejected(42 as unknown as string, undefined, 'contract/unknown-operation', /of type number/);
  });

  it('rejects malformed and wrong-typed payloads with the schema message', async () => {
    await expectRejected('datasets.loadBuiltIn', undefined, 'contract/invalid-request', /^Invalid request for datasets.loadBuiltIn: the request is missing: send an object with id/);
    await expectRejected('jobs.cancel', {}, 'contract/invalid-request', /^Invalid request for jobs.cancel: "jobId" is missing: send text of 1 to 200 characters\.$/);
    await expectRejected('datasets.loadBuiltIn', 'iris', 'contract/invalid-request');
    await expectRejected('datasets.loadBuiltIn', { id: 42 }, 'contract/invalid-request', /at "id"/);
    await expectRejected('datasets.loadBuiltIn', { id: 'two-moons', rows: 1e9 }, 'contract/invalid-request', /at "rows"/);
    await expectRejected('datasets.loadBuiltIn', { id: 'iris', extra: true }, 'contract/invalid-request');
    await expectRejected('app.info', { surprise: 1 }, 'contract/invalid-request');
    await expectRejected('jobs.cancel', { jobId: '' }, 'contract/invalid-request', /at "jobId"/);
    await expectRejected('jobs.start', { datasetId: 'dataset-1', options: { ...scpOptions('binary'), seed: -1 }, testFraction: 0.2 }, 'contract/invalid-request', /at "options.seed"/);
    await expectRejected('jobs.start', { datasetId: 'dataset-1', options: scpOptions('binary'), testFraction: Number.NaN }, 'contract/invalid-request', /testFraction/);
    await expectRejected('jobs.start', { datasetId: 'dataset-1', options: { ...scpOptions('binary'), solver: 'magic' }, testFraction: 0.2 }, 'contract/invalid-request', /options.solver/);
  });

  it('rejects oversized payloads before validating them, cyclic ones too', async () => {
    await expectRejected('datasets.loadBuiltIn', { id: 'x'.repeat(MAX_REQUEST_BYTES + 1) }, 'contract/too-large', /larger than/);
    await expectRejected('jobs.start', { datasetId: 'd', options: { solverSettings: Object.fromEntries(Array.from({ length: 200_000 }, (_, k) => [`k${k}`, k])) } }, 'contract/too-large');
    await expectRejected('jobs.list', new Float64Array(MAX_REQUEST_BYTES), 'contract/too-large');
    const cyclic: Record<string, unknown> = { id: 'iris' };
    cyclic['self'] = cyclic;
    await expectRejected('datasets.loadBuiltIn', cyclic, 'contract/too-large');
  });

  it('passes domain errors through with their own code and message', async () => {
    await expectRejected('datasets.loadBuiltIn', { id: 'mnist' }, 'data/unknown-builtin', /There is no built-in dataset "mnist"/);
    await expectRejected('datasets.loadBuiltIn', { id: 'iris', rows: 20 }, 'data/builtin-options', /shipped data/);
    await expectRejected('training.defaults', { datasetId: 'dataset-999' }, 'data/unknown-dataset');
    await expectRejected('jobs.start', { datasetId: 'dataset-999', options: scpOptions('binary'), testFraction: 0.2 }, 'data/unknown-dataset');
  });

  it('turns an unexpected exception into internal/error with a readable message, and logs it', async () => {
    const logger = recordingLogger();
    const handlers = {
      'app.info': () => {
        throw new TypeError('disk on fire');
      },
      'jobs.list': () => {
        throw new ConvexNetError('jobs/custom', 'A domain problem.');
      },
    } as unknown as OperationHandlers;
    const dispatch = createDispatcher(handlers, logger);
    expect(await dispatch('app.info', undefined)).toEqual({ ok: false, error: { code: 'internal/error', message: 'app.info failed unexpectedly: disk on fire' } });
    expect(await dispatch('jobs.list', undefined)).toEqual({ ok: false, error: { code: 'jobs/custom', message: 'A domain problem.' } });
    expect(logger.lines.some((l) => l.startsWith('error') && l.includes('disk on fire'))).toBe(true);
    expect(logger.lines.some((l) => l.startsWith('warn') && l.includes('jobs/custom'))).toBe(true);
  });

  it('has a handler for exactly the contract operations', () => {
    expect([...services.operations].sort()).toEqual([...operationNames].sort());
  });

  it('refuses to answer after dispose', async () => {
    const other = testServices();
    await other.dispose();
    expect(await other.dispatch('app.info', undefined)).toMatchObject({ ok: false, error: { code: 'app/shut-down' } });
  });
});
