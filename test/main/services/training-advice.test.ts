import { afterAll, describe, expect, it, vi } from 'vitest';
import type { TrainingAdvice, TrainingEstimateResponse } from '../../../src-core/contract/training-jobs';
import { rowTable } from '../../../src-core/data/raw-table';
import { APP_TEST_FRACTION, defaultTrainOptions } from '../../../src-core/training/train-defaults';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { DataWorker } from '../../../src-main/services/data-worker-client';
import { DatasetRegistry } from '../../../src-main/services/dataset-registry';
import * as prepareJobModule from '../../../src-main/services/prepare-job';
import type { JobManager } from '../../../src-main/services/job-manager';
import { trainingAdvice, trainingDefaults, trainingEstimate } from '../../../src-main/services/training-advice';
import { defaultDataWorkerEntry } from '../../../src-main/services/worker-entry';
import * as targetColumnModule from '../../../src-core/data/target-column';
import { loadDataset, recordingLogger, scpOptions, testServices, value } from './service-helpers';
import type { DatasetSummary } from '../../../src-core/contract/operations';

vi.mock('../../../src-main/services/prepare-job', { spy: true });
vi.mock('../../../src-core/data/target-column', { spy: true });

const services = testServices();
/** For the functions called directly (on registries of their own). */
const data = new DataWorker({ entry: defaultDataWorkerEntry(), logger: recordingLogger() });
afterAll(() => Promise.all([services.dispose(), data.dispose()]));

describe('training advice, defaults and estimates', () => {
  it('prepare the dataset once for the defaults, the advice and an estimate of the same split', async () => {
    const registry = new DatasetRegistry({}, { target: (table, column, task) => data.target(table, column, task) });
    const datasetId = registry.loadBuiltIn({ id: 'two-moons', rows: 400, seed: 3 }).datasetId;
    const before = data.stats().preparations;
    const defaults = await trainingDefaults(registry, data, datasetId);
    const advice = await trainingAdvice(registry, data, datasetId, APP_TEST_FRACTION);
    // probe: false runs no job; the job manager only says how many heads would train at once.
    const oneWorker = { workersAtOnce: () => 1 } as unknown as JobManager;
    const estimate = await trainingEstimate(registry, data, oneWorker, { datasetId, options: defaults, testFraction: APP_TEST_FRACTION, probe: false });
    expect(data.stats().preparations - before).toBe(1);
    expect(advice.shape.rows).toBe(300);
    // The adversarial section's first radius, from the robust program's geometry (suggested-radius.ts).
    expect(advice.robustRadius!.value).toBeGreaterThan(0);
    expect(advice.robustRadius!.reason).toMatch(/^At this radius \d+ of the \d+ sampled neurons keep a margin/);
    // And in standardized units, for that choice in the form: two moons' columns spread ~0.9 and
    // ~0.5, so the two radii differ but are of one size.
    expect(advice.robustRadiusStandardized!.reason).toMatch(/^At this radius \d+ of the \d+ sampled neurons keep a margin/);
    expect(advice.robustRadiusStandardized!.value).toBeGreaterThan(0);
    expect(advice.robustRadiusStandardized!.value / advice.robustRadius!.value).toBeGreaterThan(0.2);
    expect(advice.robustRadiusStandardized!.value / advice.robustRadius!.value).toBeLessThan(5);
    expect(estimate.rows).toBe(advice.shape.rows);
    // Another split is another preparation.
    await trainingAdvice(registry, data, datasetId, 0.5);
    expect(data.stats().preparations - before).toBe(2);
  });

  it('read targets and prepare data off the main thread, for the configuration, the defaults, the advice, the estimates and a job', async () => {
    // On a million rows each took seconds of the main thread, where every request waited.
    const loaded = await loadDataset(services, { id: 'blobs', rows: 600, seed: 2 });
    const prepare = vi.mocked(prepareJobModule.prepareJob);
    const readTarget = vi.mocked(targetColumnModule.readTarget);
    prepare.mockClear();
    readTarget.mockClear();
    const configured = value<DatasetSummary>(await services.dispatch('datasets.configure', { datasetId: loaded, target: 'label', ignoredColumns: [], preparation: { imputation: 'median', scaling: 'min-max', maxCategories: 50 } }));
    expect(configured.classCounts).toEqual([200, 200, 200]);
    const datasetId = configured.datasetId;
    const defaults = value<TrainOptions>(await services.dispatch('training.defaults', { datasetId }));
    const advice = value<TrainingAdvice>(await services.dispatch('training.advice', { datasetId, testFraction: APP_TEST_FRACTION }));
    expect(advice.shape.rows).toBe(450);
    const estimate = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options: defaults, testFraction: APP_TEST_FRACTION, probe: true }));
    expect(estimate.calibrated).toBe(true);
    const jobId = value<{ jobId: string }>(await services.dispatch('jobs.start', { datasetId, options: scpOptions('multiclass'), testFraction: APP_TEST_FRACTION })).jobId;
    expect((await services.events.ended(jobId)).state).toBe('finished');
    expect(prepare).not.toHaveBeenCalled();
    expect(readTarget).not.toHaveBeenCalled();
  });

  it('estimate the interior-point solver on the logistic loss (its conic form) per Newton step, calibrated by its own probe', async () => {
    const datasetId = await loadDataset(services, { id: 'two-moons', rows: 400, seed: 3 });
    const defaults = value<TrainOptions>(await services.dispatch('training.defaults', { datasetId }));
    const options: TrainOptions = { ...defaults, loss: 'bce', solver: 'ipm', solverSettings: {} };
    const probed = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options, testFraction: APP_TEST_FRACTION, probe: true }));
    const modelled = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options, testFraction: APP_TEST_FRACTION, probe: false }));
    expect(probed.calibrated).toBe(true);
    expect(probed.maxIterations).toBe(100);
    expect(probed.msPerIteration / modelled.msPerIteration).toBeGreaterThan(0.1);
    expect(probed.msPerIteration / modelled.msPerIteration).toBeLessThan(10);
    expect(probed.warnings).toEqual([]);
  });

  it('count the back-propagation networks that give the patterns in the setup and the worst case', async () => {
    const datasetId = await loadDataset(services, { id: 'two-moons', rows: 400, seed: 3 });
    const defaults = value<TrainOptions>(await services.dispatch('training.defaults', { datasetId }));
    const options: TrainOptions = { ...defaults, solver: 'admm', formulation: 'sampled', solverSettings: {} };
    const random = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options, testFraction: APP_TEST_FRACTION, probe: false }));
    const fromBackprop = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options: { ...options, solverSettings: { patternSource: 'backprop' } }, testFraction: APP_TEST_FRACTION, probe: false }));
    const networks = fromBackprop.setupMs - random.setupMs;
    expect(networks).toBeGreaterThan(0);
    expect(fromBackprop.patternNetworksMs).toBeCloseTo(networks, 6);
    expect(random.patternNetworksMs).toBeUndefined();
    expect(fromBackprop.worstCaseMs - random.worstCaseMs).toBeCloseTo(networks, 6);
    expect(fromBackprop.msPerIteration).toBe(random.msPerIteration);
  });

  it('scale a regression beta with the training target\'s spread: the same data in grams or kilograms gets the same model up to the unit', async () => {
    const registry = new DatasetRegistry();
    const x = Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3 + i / 10);
    const kilograms = registry.add('kg.csv', 'kg.csv', rowTable(['x', 'mass'], x.map((v, i) => [String(v), String(4 + Math.cos(i) + 0.1 * v)])), 'mass');
    const grams = registry.add('g.csv', 'g.csv', rowTable(['x', 'mass'], x.map((v, i) => [String(v), String(1000 * (4 + Math.cos(i) + 0.1 * v))])), 'mass');
    const small = await trainingAdvice(registry, data, kilograms.summary.datasetId, APP_TEST_FRACTION);
    const large = await trainingAdvice(registry, data, grams.summary.datasetId, APP_TEST_FRACTION);
    expect(small.shape.rows).toBe(30);
    expect(small.shape.targetSpread).toBeGreaterThan(0.5);
    expect(large.shape.targetSpread! / small.shape.targetSpread!).toBeCloseTo(1000, 6);
    // Equal up to the three significant digits the default is rounded to.
    expect(Math.abs(large.automatic.beta.value / small.automatic.beta.value / 1000 - 1)).toBeLessThan(5e-3);
    expect(large.automatic.beta.reason).toContain("(the target's standard deviation)");
    // The form's first values (the Balanced preset) carry the same beta.
    expect((await trainingDefaults(registry, data, grams.summary.datasetId)).beta).toBeCloseTo(large.automatic.beta.value, 6);
  });

  it('fall back to the plain defaults when the preparation refuses the data, so the form still opens', async () => {
    // Only an empty feature column: preparing fails ("No usable feature columns").
    const registry = new DatasetRegistry();
    const rows = Array.from({ length: 20 }, (_, i) => ['', i % 2 ? 'a' : 'b']);
    const dataset = registry.add('empty.csv', 'empty.csv', rowTable(['x', 'class'], rows), 'class');
    await expect(trainingAdvice(registry, data, dataset.summary.datasetId, APP_TEST_FRACTION)).rejects.toThrow(/No usable feature columns/);
    expect(await trainingDefaults(registry, data, dataset.summary.datasetId)).toEqual(defaultTrainOptions('binary', 15));
  });

  it('warn before Start when there are no more training rows than inputs', async () => {
    // 4 rows, 3 training rows (a quarter held out) for two features and the bias.
    const registry = new DatasetRegistry();
    const rows = [['0.1', '1.2', '3'], ['0.5', '0.3', '1'], ['0.9', '0.7', '2'], ['0.2', '0.4', '5']];
    const dataset = registry.add('tiny.csv', 'tiny.csv', rowTable(['x1', 'x2', 'y'], rows), 'y');
    const datasetId = dataset.summary.datasetId;
    const options = await trainingDefaults(registry, data, datasetId);
    // probe: false runs no job; the job manager only says how many heads would train at once.
    const oneWorker = { workersAtOnce: () => 1 } as unknown as JobManager;
    const estimate = await trainingEstimate(registry, data, oneWorker, { datasetId, options, testFraction: APP_TEST_FRACTION, probe: false });
    expect(estimate.warnings).toContain('Only 3 training rows for 3 inputs (the bias included): the network can fit every training target, so its scores say little about new data. Add rows, or use fewer columns.');
    const larger = await loadDataset(services, { id: 'two-moons', rows: 400, seed: 3 });
    const moons = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId: larger, options: value<TrainOptions>(await services.dispatch('training.defaults', { datasetId: larger })), testFraction: APP_TEST_FRACTION, probe: false }));
    expect(moons.warnings.filter((w) => w.startsWith('Only '))).toEqual([]);
  });

  it('warn before Start when the exact formulation is too large for the data (it would be refused at the start)', async () => {
    const datasetId = await loadDataset(services, { id: 'two-moons', rows: 400, seed: 3 });
    const defaults = value<TrainOptions>(await services.dispatch('training.defaults', { datasetId }));
    const estimateOf = async (options: TrainOptions): Promise<TrainingEstimateResponse> =>
      value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options, testFraction: APP_TEST_FRACTION, probe: false }));
    // 300 training rows of rank 3 (two features and the bias): up to 89,702 patterns.
    const exact = await estimateOf({ ...defaults, solver: 'admm', formulation: 'exact', solverSettings: {} });
    expect(exact.warnings[0]).toMatch(/^The exact formulation can need up to 89,702 activation patterns for 300 rows of 3 columns \(the bias counted as one\), over the limit of 4,096/);
    expect((await estimateOf({ ...defaults, formulation: 'sampled' })).warnings.filter((w) => w.includes('exact formulation'))).toEqual([]);
  });

  it('estimate adversarial training that the robust interior-point method will solve per Newton step, calibrated by a few of its steps', async () => {
    const datasetId = await loadDataset(services, { id: 'two-moons', rows: 400, seed: 3 });
    const defaults = value<TrainOptions>(await services.dispatch('training.defaults', { datasetId }));
    const options: TrainOptions = { ...defaults, solver: 'admm', solverSettings: { tolerance: 1e-3 }, adversarial: { epsilon: 0.05, norm: 'linf', units: 'raw' } };
    const estimate = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options, testFraction: APP_TEST_FRACTION, probe: true }));
    expect(estimate.robustMethod).toBe('ipm');
    expect(estimate.maxIterations).toBe(200);
    expect(estimate.calibrated).toBe(true);
    expect(estimate.probeRows).toBe(300); // all the training rows: their probe fits the budget
    expect(estimate.worstCaseMs).toBeCloseTo(200 * estimate.msPerIteration, 6);
    const modelled = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options, testFraction: APP_TEST_FRACTION, probe: false }));
    expect(modelled.calibrated).toBe(false);
    expect(modelled.probeRows).toBeNull();
    // The probe scales the model: the same step, timed on this machine, within the model's range.
    expect(estimate.msPerIteration / modelled.msPerIteration).toBeGreaterThan(0.1);
    expect(estimate.msPerIteration / modelled.msPerIteration).toBeLessThan(10);
    expect(estimate.msPerIteration).not.toBe(modelled.msPerIteration);
    expect(estimate.warnings).toEqual([]); // small and quick: nothing to warn about
    // BCE goes to the interior-point method too (its loss a smooth term on the slacks).
    const bceOptions: TrainOptions = { ...options, loss: 'bce', solver: 'admm-rbcd' };
    const bce = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options: bceOptions, testFraction: APP_TEST_FRACTION, probe: true }));
    expect(bce.robustMethod).toBe('ipm');
    expect(bce.calibrated).toBe(true);
    expect(bce.warnings.filter((w) => w.startsWith('The estimate is for standard training'))).toEqual([]);
    // A program whose Newton step is modelled over 2 s goes to PDHG: its iterations, calibrated by
    // 300 of them on a sample of the rows.
    const largeId = await loadDataset(services, { id: 'two-moons', rows: 80_000, seed: 3 });
    const large = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId: largeId, options: bceOptions, testFraction: APP_TEST_FRACTION, probe: true }));
    expect(large.robustMethod).toBe('pdhg');
    expect(large.calibrated).toBe(true);
    expect(large.maxIterations).toBe(50000);
    const largeModel = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId: largeId, options: bceOptions, testFraction: APP_TEST_FRACTION, probe: false }));
    expect(large.msPerIteration / largeModel.msPerIteration).toBeGreaterThan(0.1);
    expect(large.msPerIteration / largeModel.msPerIteration).toBeLessThan(10);
    // Back-propagation's adversarial training is not modelled: the standard estimate with its caveat.
    const backprop = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options: { ...options, solver: 'backprop', solverSettings: {} }, testFraction: APP_TEST_FRACTION, probe: false }));
    expect(backprop.robustMethod).toBeUndefined();
    expect(backprop.warnings.at(-1)).toMatch(/^The estimate is for standard training/);
  });
});
