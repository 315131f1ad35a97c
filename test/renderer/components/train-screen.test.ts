// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { StartJobRequest } from '../../../src-core/contract/operations';
import TrainScreen from '../../../src-renderer/components/TrainScreen.vue';
import { useDatasetsStore } from '../../../src-renderer/stores/datasets';
import { useJobsStore } from '../../../src-renderer/stores/jobs';
import { useNavigationStore } from '../../../src-renderer/stores/navigation';
import { DEFAULT_TEST_FRACTION } from '../../../src-renderer/stores/training';
import { createFakeTransport, okEnvelope } from '../support/fake-transport';
import { binaryDefaults, jobSummary, twoMoonsSummary } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

async function mountWithDataset() {
  const fake = createFakeTransport({
    'datasets.loadBuiltIn': () => okEnvelope(twoMoonsSummary),
    'training.defaults': () => okEnvelope(binaryDefaults),
    'jobs.start': () => okEnvelope({ jobId: 'job-5' }),
    'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-5', state: 'queued' })]),
  });
  const app = createTestApp(fake.transport);
  await useDatasetsStore().loadBuiltIn({ id: 'two-moons' });
  const wrapper = mount(TrainScreen, { global: app.global });
  await settle();
  const trainButton = () => wrapper.findAll('button').find((b) => b.text() === 'Train')!;
  return { fake, wrapper, trainButton };
}

describe('Train screen', () => {
  it('shows the defaults and sends them unchanged when Train is pressed', async () => {
    const { fake, wrapper, trainButton } = await mountWithDataset();

    expect(fake.callsOf('training.defaults')).toEqual([{ datasetId: 'ds-1' }]);
    expect((wrapper.get('#train-solver').element as HTMLSelectElement).value).toBe('admm');
    expect((wrapper.get('#train-loss').element as HTMLSelectElement).value).toBe('bce');
    expect((wrapper.get('#train-patterns').element as HTMLInputElement).value).toBe('64');
    expect(wrapper.get('output[aria-label="Task"]').text()).toBe('Binary classification');

    await trainButton().trigger('click');
    await settle();

    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request).toEqual({ datasetId: 'ds-1', options: binaryDefaults, testFraction: DEFAULT_TEST_FRACTION, label: 'Two moons · ADMM' });
    expect(useJobsStore().selectedJobId).toBe('job-5');
    expect(useNavigationStore().screen).toBe('results');
  });

  it('sends what the user changed', async () => {
    const { fake, wrapper, trainButton } = await mountWithDataset();
    await wrapper.get('#train-patterns').setValue('200');
    await wrapper.get('#train-solver').setValue('scp');
    await trainButton().trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.options).toEqual({ ...binaryDefaults, patterns: 200, solver: 'scp' });
  });

  it('holds Train and says why while a field is invalid or the combination is not allowed', async () => {
    const { fake, wrapper, trainButton } = await mountWithDataset();

    await wrapper.get('#train-beta').setValue('-1');
    expect(wrapper.get('#train-beta').attributes('aria-invalid')).toBe('true');
    expect(wrapper.text()).toContain('Enter a number greater than 0');
    expect(trainButton().attributes('disabled')).toBeDefined();

    await wrapper.get('#train-beta').setValue('0.01');
    expect(trainButton().attributes('disabled')).toBeUndefined();

    await wrapper.get('#train-loss').setValue('hinge');
    await wrapper.get('#train-solver').setValue('admm-rbcd');
    expect(wrapper.get('[role="alert"]').text()).toContain('needs a smooth loss');
    expect(trainButton().attributes('disabled')).toBeDefined();

    await trainButton().trigger('click');
    await settle();
    expect(fake.callsOf('jobs.start')).toEqual([]);
  });
});
