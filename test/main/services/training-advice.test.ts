import { afterAll, describe, expect, it, vi } from 'vitest';
import type { TrainingAdvice, TrainingEstimateResponse } from '../../../src-core/contract/training-jobs';
import { APP_TEST_FRACTION } from '../../../src-core/training/train-defaults';
import type { TrainOptions } from '../../../src-core/training/train-types';
import * as prepareJobModule from '../../../src-main/services/prepare-job';
import { loadDataset, testServices, value } from './service-helpers';

vi.mock('../../../src-main/services/prepare-job', { spy: true });

const services = testServices();
afterAll(() => services.dispose());

describe('training advice, defaults and estimates', () => {
  it('prepare the dataset once for the defaults, the advice and an estimate of the same split', async () => {
    const datasetId = await loadDataset(services, { id: 'two-moons', rows: 400, seed: 3 });
    const prepare = vi.mocked(prepareJobModule.prepareJob);
    prepare.mockClear();
    const defaults = value<TrainOptions>(await services.dispatch('training.defaults', { datasetId }));
    const advice = value<TrainingAdvice>(await services.dispatch('training.advice', { datasetId, testFraction: APP_TEST_FRACTION }));
    const estimate = value<TrainingEstimateResponse>(await services.dispatch('training.estimate', { datasetId, options: defaults, testFraction: APP_TEST_FRACTION, probe: false }));
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(advice.shape.rows).toBe(300);
    expect(estimate.rows).toBe(advice.shape.rows);
    // Another split is another preparation.
    await services.dispatch('training.advice', { datasetId, testFraction: 0.5 });
    expect(prepare).toHaveBeenCalledTimes(2);
  });
});
