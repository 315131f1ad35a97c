import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSummary, RunResult } from '../../../src-core/contract/operations';
import type { TrainingEstimateResponse } from '../../../src-core/contract/training-jobs';
import { confusionMatrix } from '../../../src-core/metrics/classification-metrics';
import { neuronSizes } from '../../../src-core/network/neuron-sizes';
import { modelNetworks } from '../../../src-core/model/predict-raw';
import { permutationImportance } from '../../../src-core/model/permutation-importance';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { loadDataset, scpOptions, startJob, testServices, value } from './service-helpers';

/** A finished job's result carries per-row test predictions and neuron sizes that match its model and metrics. */
const services = testServices({ poolSize: 1 });
let iris: string;

beforeAll(async () => {
  iris = await loadDataset(services, { id: 'iris' });
});
afterAll(() => services.dispose());

describe('run results of finished jobs', () => {
  it('hold every test row with its true and predicted class, agreeing with the test confusion matrix', async () => {
    const jobId = await startJob(services, { datasetId: iris, options: scpOptions('multiclass', { seed: 4, patterns: 12 }), testFraction: 0.3 });
    expect((await services.events.ended(jobId)).state).toBe('finished');
    const result = value<RunResult>(await services.dispatch('jobs.result', { jobId }));
    const sample = result.testPredictions!;
    expect(sample.totalCount).toBe(result.testCount);
    expect(sample.rows).toHaveLength(result.testCount);
    expect(sample.classNames).toHaveLength(3);
    const actual = sample.rows.map((r) => r.actual);
    const predicted = sample.rows.map((r) => r.predicted);
    expect(confusionMatrix(actual, predicted, 3)).toEqual(result.test!.classification!.confusionMatrix);
    for (const row of sample.rows) {
      expect(row.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(row.features).toHaveLength(4);
    }

    const model = services.modelFile(jobId)!;
    const networks = modelNetworks(model);
    result.heads.forEach((head, h) => expect(head.neuronSizes).toEqual(neuronSizes(networks[h]!.network)));
    // SCP's iterations are not Newton steps.
    result.heads.forEach((head) => expect(head.newtonSteps).toBeUndefined());
    // The input columns' permutation importance on the same held-out rows, from the same model.
    expect(result.importance).toEqual(permutationImportance(model, irisTable()));
    expect(result.importance!.columns.map((c) => c.column).sort()).toEqual(['petal_length', 'petal_width', 'sepal_length', 'sepal_width']);
    expect(result.importance!.rows).toBe(result.testCount);
  });

  it('has no test predictions when nothing is held out', async () => {
    const jobId = await startJob(services, { datasetId: iris, options: scpOptions('multiclass', { seed: 5, patterns: 8 }), testFraction: 0 });
    await services.events.ended(jobId);
    const result = value<RunResult>(await services.dispatch('jobs.result', { jobId }));
    expect(result.testCount).toBe(0);
    expect(result.testPredictions).toBeNull();
    expect(result.importance).toBeNull();
  });
});

describe('notes of finished jobs', () => {
  it('carry the preparation warnings (a category cap) and every head\'s solver notes; the estimate warns before Start', async () => {
    const loaded = await loadDataset(services, { id: 'penguins' });
    // "island" has three categories: a cap of two counts the rarest island as "other".
    const configure = async (preparation?: object): Promise<string> =>
      value<DatasetSummary>(await services.dispatch('datasets.configure', { datasetId: loaded, target: 'species', ignoredColumns: [], ...(preparation ? { preparation } : {}) })).datasetId;
    const penguins = await configure({ imputation: 'mean', scaling: 'standardize', maxCategories: 2 });
    const options = scpOptions('multiclass', { seed: 6, patterns: 8 });
    const estimate = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId: penguins, options, testFraction: 0.25, probe: false }));
    const capWarning = estimate.warnings.find((w) => w.startsWith('Column "island" has 3 categories; the 2 most frequent are one-hot encoded'));
    expect(capWarning).toBeDefined();

    const jobId = await startJob(services, { datasetId: penguins, options, testFraction: 0.25 });
    expect((await services.events.ended(jobId)).state).toBe('finished');
    const result = value<RunResult>(await services.dispatch('jobs.result', { jobId }));
    expect(result.dataWarnings).toEqual([capWarning]);
    expect(result.heads).toHaveLength(3);
    // SCP states what it did for every class's solve: in plain words, and (step size, path) in the technical details.
    for (const head of result.heads) expect(head.notes!.length).toBeGreaterThan(0);
    for (const head of result.heads) expect(head.details!.join(' ')).toMatch(/FISTA|ADMM|Interior-point/);

    // The default cap keeps every island: no warning, and no empty list either.
    const plain = await startJob(services, { datasetId: await configure(), options, testFraction: 0.25 });
    await services.events.ended(plain);
    expect(value<RunResult>(await services.dispatch('jobs.result', { jobId: plain })).dataWarnings).toBeUndefined();
  });
});
