// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult, StartJobRequest } from '../../../../src-core/contract/operations';
import type { CrossValidationReport, TrainingAdvice, TrainingEstimateResponse } from '../../../../src-core/contract/training-jobs';
import { automaticChoices } from '../../../../src-core/training/auto-choices';
import { presetAdvice } from '../../../../src-core/training/presets';
import TrainScreen from '../../../../src-renderer/components/TrainScreen.vue';
import { useDatasetsStore } from '../../../../src-renderer/stores/datasets';
import { useJobsStore } from '../../../../src-renderer/stores/jobs';
import { useTrainingStore } from '../../../../src-renderer/stores/training';
import { createFakeTransport, okEnvelope } from '../../support/fake-transport';
import { binaryDefaults, jobSummary, runResult, twoMoonsSummary } from '../../support/fixtures';
import { createTestApp, settle } from '../../support/test-app';

/** The Train screen's cross-validation panel: what it will cost, the request, the fold report. */
const shape = { task: 'binary' as const, rows: 300, features: 2, bias: true };
const advice: TrainingAdvice = { shape, automatic: automaticChoices(shape), ...presetAdvice(shape) };
const estimate: TrainingEstimateResponse = {
  task: 'binary', rows: 300, columns: 3, heads: 1, msPerIteration: 0.4, setupMs: 2, worstCaseMs: 4000, maxIterations: 10_000,
  bytes: 1024, machineBytes: 8 * 1024 ** 3, calibrated: true, probeRows: 120, linearSystemPath: null, warnings: [],
};
const report: CrossValidationReport = {
  folds: 5, stratified: true, seed: 1, beta: binaryDefaults.beta, status: 'complete',
  metrics: [
    { key: 'accuracy', label: 'Accuracy', higherIsBetter: true, mean: 0.9, std: 0.02, values: [0.9, 0.88, 0.92, 0.9, 0.9] },
    { key: 'rocAuc', label: 'ROC AUC', higherIsBetter: true, mean: 0.95, std: 0.012, values: [0.95, 0.94, 0.96, 0.95, 0.95] },
    { key: 'logLoss', label: 'Log loss', higherIsBetter: false, mean: 0.2512, std: 0.03, values: [0.25, 0.22, 0.28, 0.25, 0.2512] },
  ],
  trainMetrics: [],
};

enableAutoUnmount(afterEach);

describe('Cross-validation panel', () => {
  it('says what the folds will cost, starts the job with the folds and shows mean and spread', async () => {
    const fake = createFakeTransport({
      'datasets.loadBuiltIn': () => okEnvelope(twoMoonsSummary),
      'training.defaults': () => okEnvelope(binaryDefaults),
      'training.advice': () => okEnvelope(advice),
      'training.estimate': () => okEnvelope({ ...estimate, workersAtOnce: 3 }),
      'jobs.start': () => okEnvelope({ jobId: 'job-9' }),
      'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-9', state: 'finished', kind: 'cv' })]),
      'jobs.result': () => okEnvelope({ ...runResult(), jobId: 'job-9', crossValidation: report } satisfies RunResult),
    });
    const app = createTestApp(fake.transport);
    await useDatasetsStore().loadBuiltIn({ id: 'two-moons' });
    const wrapper = mount(TrainScreen, { global: app.global });
    await settle();
    await useTrainingStore().refreshEstimate();
    await settle();
    const panel = wrapper.get('[data-testid="cross-validation"]');
    expect(panel.get('[data-testid="cv-time"]').text()).toBe('6 trainings (5 folds, then the model on all training rows, 3 at a time): up to 8.0 s if each runs to its iteration limit.');
    await panel.get('#cv-folds').setValue('10');
    expect(panel.get('[data-testid="cv-time"]').text()).toBe('11 trainings (10 folds, then the model on all training rows, 3 at a time): up to 16 s if each runs to its iteration limit.');
    await panel.get('#cv-folds').setValue('5');
    await panel.findAll('button').find((b) => b.text() === 'Cross-validate')!.trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.crossValidation).toEqual({ folds: 5 });
    await settle();
    const cells = panel.get('table[aria-label="Cross-validation metrics"]').findAll('tbody td').map((c) => c.text());
    // Accuracy as a percentage and AUC to three decimals, as the Metrics table and the sweep show them (it read "0.9", "0.02").
    expect(cells).toEqual(['90.0%', '2.0%', '0.950', '0.012', '0.2512', '0.03']);
    // Mean and spread right-aligned under right-aligned headers; the metric names stay left.
    const table = panel.get('table[aria-label="Cross-validation metrics"]');
    expect(table.findAll('thead th').map((th) => th.classes().includes('numeric'))).toEqual([false, true, true]);
    expect(table.findAll('tbody td').every((td) => td.classes().includes('numeric'))).toBe(true);
    expect(table.findAll('tbody th').some((th) => th.classes().includes('numeric'))).toBe(false);
  });

  it('turns the button into "Running… NN%" with Cancel while a cross-validation of this dataset runs', async () => {
    const fake = createFakeTransport({
      'datasets.loadBuiltIn': () => okEnvelope(twoMoonsSummary),
      'training.defaults': () => okEnvelope(binaryDefaults),
      'training.advice': () => okEnvelope(advice),
      'training.estimate': () => okEnvelope(estimate),
      'jobs.start': () => okEnvelope({ jobId: 'job-9' }),
      'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-9', state: 'queued', startedAt: null, kind: 'cv', datasetId: twoMoonsSummary.datasetId })]),
      'jobs.cancel': () => okEnvelope({ accepted: true }),
    });
    const app = createTestApp(fake.transport);
    await useDatasetsStore().loadBuiltIn({ id: 'two-moons' });
    const wrapper = mount(TrainScreen, { global: app.global });
    await settle();
    const panel = wrapper.get('[data-testid="cross-validation"]');
    const buttonTexts = () => panel.findAll('button').map((b) => b.text());
    await panel.findAll('button').find((b) => b.text() === 'Cross-validate')!.trigger('click');
    await settle();
    expect(buttonTexts()).toEqual(['Running… queued', 'Cancel']);
    expect(panel.get('[data-testid="cv-running"]').attributes('disabled')).toBeDefined();
    // Started, no progress reported yet: no "0%" that would read as stuck.
    fake.emit('job.updated', jobSummary({ jobId: 'job-9', state: 'running', kind: 'cv', datasetId: twoMoonsSummary.datasetId }));
    await settle();
    expect(buttonTexts()).toEqual(['Running…', 'Cancel']);
    expect(panel.get('[data-testid="cv-state"]').text()).toBe('Cross-validation running…');

    fake.emit('job.progress', { jobId: 'job-9', progress: { iteration: 3, elapsedMs: 500, fraction: 0.4, objective: 1, stages: [{ name: 'fold', index: 1, count: 5 }] } });
    await settle();
    expect(buttonTexts()).toEqual(['Running… 40%', 'Cancel']);
    expect(panel.get('[data-testid="cv-state"]').text()).toBe('Cross-validation running (40%)…');

    await panel.findAll('button').find((b) => b.text() === 'Cancel')!.trigger('click');
    await settle();
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-9' }]);
    fake.emit('job.updated', jobSummary({ jobId: 'job-9', state: 'cancelled', kind: 'cv', datasetId: twoMoonsSummary.datasetId, endedAt: 2_000 }));
    await settle();
    expect(buttonTexts()).toEqual(['Cross-validate']);
  });

  it('leaves the button alone while only another dataset\'s cross-validation runs', async () => {
    const fake = createFakeTransport({
      'datasets.loadBuiltIn': () => okEnvelope(twoMoonsSummary),
      'training.defaults': () => okEnvelope(binaryDefaults),
      'training.advice': () => okEnvelope(advice),
      'training.estimate': () => okEnvelope(estimate),
      'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-3', kind: 'cv', datasetId: 'other-data' })]),
    });
    const app = createTestApp(fake.transport);
    await useDatasetsStore().loadBuiltIn({ id: 'two-moons' });
    const wrapper = mount(TrainScreen, { global: app.global });
    await useJobsStore().refresh();
    await settle();
    expect(wrapper.get('[data-testid="cross-validation"]').findAll('button').map((b) => b.text())).toEqual(['Cross-validate']);
  });
});
