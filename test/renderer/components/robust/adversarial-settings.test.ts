// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartJobRequest } from '../../../../src-core/contract/operations';
import type { ColumnProfile, DatasetInspection } from '../../../../src-core/contract/dataset-types';
import type { Envelope } from '../../../../src-core/contract/envelope';
import type { TrainingAdvice } from '../../../../src-core/contract/training-jobs';
import { automaticChoices, type DataShape } from '../../../../src-core/training/auto-choices';
import { presetAdvice } from '../../../../src-core/training/presets';
import TrainScreen from '../../../../src-renderer/components/TrainScreen.vue';
import { useDatasetsStore } from '../../../../src-renderer/stores/datasets';
import { useTrainingStore } from '../../../../src-renderer/stores/training';
import { createFakeTransport, okEnvelope } from '../../support/fake-transport';
import { binaryDefaults, jobSummary, twoMoonsSummary } from '../../support/fixtures';
import { createTestApp, settle } from '../../support/test-app';

enableAutoUnmount(afterEach);

function numeric(name: string, std: number): ColumnProfile {
  return { name, kind: 'numeric', missing: 0, distinct: 100, stats: { min: -2, max: 2, mean: 0, std }, topCategories: [], histogram: [], flags: [], suggestedRole: 'feature' };
}
const inspection = {
  datasetId: 'ds-1',
  rowCount: 400,
  columns: [numeric('x1', 0.8), numeric('x2', 0.5), { ...numeric('moon', 0.5), kind: 'categorical', stats: null }],
  source: null,
  configuration: { target: 'moon', task: 'binary', ignoredColumns: [], preparation: { imputation: 'mean', scaling: 'standardize', maxCategories: 50 }, classWeights: 'none' },
  suggestedTarget: 'moon',
  inferredTask: 'binary',
} as unknown as DatasetInspection;

const shape: DataShape = { task: 'binary', rows: 300, features: 2, bias: true };
const radiusReason = 'At this radius 7 of the 27 sampled neurons keep a margin no training row can be pushed across.';
const adviceWithRadius: TrainingAdvice = { shape, automatic: automaticChoices(shape), ...presetAdvice(shape), robustRadius: { value: 0.02, reason: radiusReason } };

/** `advice`: the back end's answer, or a promise of it (an answer that comes later), or none. */
async function mountScreen(defaults: typeof binaryDefaults = binaryDefaults, advice: TrainingAdvice | Promise<Envelope<TrainingAdvice>> | null = null) {
  const fake = createFakeTransport({
    'datasets.loadBuiltIn': () => okEnvelope(twoMoonsSummary),
    'datasets.inspect': () => okEnvelope(inspection),
    'training.defaults': () => okEnvelope(defaults),
    'training.advice': () => (advice instanceof Promise ? advice : advice ? okEnvelope(advice) : Promise.reject(new Error('no advice in this test'))),
    'training.estimate': () => Promise.reject(new Error('no estimate in this test')),
    'jobs.start': () => okEnvelope({ jobId: 'job-9' }),
    'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-9', state: 'queued' })]),
  });
  const app = createTestApp(fake.transport);
  await useDatasetsStore().loadBuiltIn({ id: 'two-moons' });
  const wrapper = mount(TrainScreen, { global: app.global });
  await settle();
  return { fake, wrapper, trainButton: () => wrapper.findAll('button').find((b) => b.text() === 'Train')! };
}

describe('Adversarial training section of the Train screen', () => {
  it('switched on while the preset chose the interior-point solver, takes ADMM and says so', async () => {
    const { fake, wrapper, trainButton } = await mountScreen({ ...binaryDefaults, loss: 'squared', solver: 'ipm', solverSettings: { tolerance: 1e-3, maxIterations: 100 } });
    expect(wrapper.find('[data-testid="adversarial-solver-switch"]').exists()).toBe(false);
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    expect(wrapper.get('[data-testid="adversarial-solver-switch"]').text()).toMatch(/^The solver is now ADMM: it solves the robust convex program/);
    // No error blocks Start: the run goes out with ADMM and the adversary.
    expect(wrapper.text()).not.toContain('does not do adversarial training');
    await trainButton().trigger('click');
    await settle();
    const request = fake.callsOf('jobs.start')[0] as StartJobRequest;
    expect(request.options.solver).toBe('admm');
    expect(request.options.adversarial?.epsilon).toBeGreaterThan(0);
    // Off again: the note goes; the solver stays what it is now.
    await wrapper.get('#adv-enable').setValue(false);
    await settle();
    expect(wrapper.find('[data-testid="adversarial-solver-switch"]').exists()).toBe(false);
  });

  it('shows the radius suggested for the chosen units, and moves an untouched radius with the units', async () => {
    const standardizedReason = 'At this radius 9 of the 27 sampled neurons keep a margin no training row can be pushed across.';
    const advice: TrainingAdvice = { ...adviceWithRadius, robustRadiusStandardized: { value: 0.05, reason: standardizedReason } };
    const { fake, wrapper, trainButton } = await mountScreen(binaryDefaults, advice);
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    const epsilon = () => (wrapper.get('#adv-epsilon').element as HTMLInputElement).value;
    expect(epsilon()).toBe('0.02');
    await wrapper.get('#adv-units').setValue('standardized');
    await settle();
    // 0.02 was the raw units' suggestion: in standard deviations it would mean another threat.
    expect(epsilon()).toBe('0.05');
    expect(wrapper.get('[data-testid="adv-epsilon-suggestion"]').text()).toBe(`Suggested for these data (l∞, standardized units): 0.05. ${standardizedReason}`);
    await wrapper.get('#adv-units').setValue('raw');
    await settle();
    expect(epsilon()).toBe('0.02');
    // A radius the user typed stays when the units change.
    await wrapper.get('#adv-epsilon').setValue('0.3');
    await wrapper.get('#adv-units').setValue('standardized');
    await settle();
    expect(epsilon()).toBe('0.3');
    await trainButton().trigger('click');
    await settle();
    expect((fake.callsOf('jobs.start')[0] as StartJobRequest).options.adversarial).toMatchObject({ epsilon: 0.3, units: 'standardized' });
  });

  it('takes the suggestion when the advice comes after the section was switched on, but never over a radius the options brought', async () => {
    let answer: (value: Envelope<TrainingAdvice>) => void = () => {};
    const late = new Promise<Envelope<TrainingAdvice>>((resolve) => {
      answer = resolve;
    });
    const { wrapper } = await mountScreen(binaryDefaults, late);
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    const epsilon = () => (wrapper.get('#adv-epsilon').element as HTMLInputElement).value;
    // The column-spread fallback first (a tenth of the smallest spread, 0.5), then the advice's radius.
    expect(epsilon()).toBe('0.05');
    answer(okEnvelope(adviceWithRadius));
    await settle();
    expect(epsilon()).toBe('0.02');

    // A run's own radius (Duplicate and change puts it in the options) stays, though the units
    // change and the advice has a radius for the new ones.
    const training = useTrainingStore();
    training.advice = { ...adviceWithRadius, robustRadiusStandardized: { value: 0.05, reason: radiusReason } };
    training.options = { ...training.options!, adversarial: { epsilon: 0.7, norm: 'linf', units: 'raw', compareStandard: true } };
    await settle();
    await wrapper.get('#adv-units').setValue('standardized');
    await settle();
    expect(epsilon()).toBe('0.7');
  });

  it('starts at the back end\'s radius from the robust program\'s geometry when the advice has one, and says why', async () => {
    const { fake, wrapper, trainButton } = await mountScreen(binaryDefaults, adviceWithRadius);
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    expect((wrapper.get('#adv-epsilon').element as HTMLInputElement).value).toBe('0.02');
    expect(wrapper.get('[data-testid="adv-epsilon-suggestion"]').text()).toBe(`Suggested for these data (l∞, raw units): 0.02. ${radiusReason}`);
    await trainButton().trigger('click');
    await settle();
    expect((fake.callsOf('jobs.start')[0] as StartJobRequest).options.adversarial?.epsilon).toBe(0.02);
  });

  it('is off by default; switched on, it sends epsilon, norm and units with the run', async () => {
    const { fake, wrapper, trainButton } = await mountScreen();
    expect(wrapper.find('#adv-epsilon').exists()).toBe(false);
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    // suggested: a tenth of the smallest spread (0.5) -> 0.05, shown in standard deviations per column
    expect((wrapper.get('#adv-epsilon').element as HTMLInputElement).value).toBe('0.05');
    expect(wrapper.get('[data-testid="adv-std-x2"]').text()).toBe('0.1');
    await wrapper.get('#adv-epsilon').setValue('0.4');
    await wrapper.get('#adv-norm').setValue('l2');
    await settle();
    expect(wrapper.get('[data-testid="adv-std-x1"]').text()).toBe('0.5');
    await trainButton().trigger('click');
    await settle();
    const request = fake.callsOf('jobs.start')[0] as StartJobRequest;
    expect(request.options.adversarial).toEqual({ epsilon: 0.4, norm: 'l2', units: 'raw', compareStandard: true });
  });

  it('warns when epsilon exceeds the spread, and blocks Train for an invalid epsilon or an unsupported solver', async () => {
    const { wrapper, trainButton } = await mountScreen();
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    await wrapper.get('#adv-epsilon').setValue('1');
    await settle();
    expect(wrapper.text()).toMatch(/x2 is 2\.0 standard deviations, more than the data's spread/);
    expect(trainButton().attributes('disabled')).toBeUndefined();
    await wrapper.get('#adv-epsilon').setValue('-3');
    await settle();
    expect(trainButton().attributes('disabled')).toBeDefined();
    await wrapper.get('#adv-epsilon').setValue('0.1');
    await wrapper.get('#train-solver').setValue('scp');
    await settle();
    expect(wrapper.text()).toMatch(/needs the ADMM, ADMM-RBCD or back-propagation solver/);
    expect(trainButton().attributes('disabled')).toBeDefined();
  });

  it('explains an epsilon that is not a radius under the field, keeps it in view and holds Train until it is corrected', async () => {
    const { wrapper, trainButton } = await mountScreen();
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    const range = 'Enter a number at least 0 and at most 1,000,000.';
    for (const [typed, reason] of [['', 'Enter a value.'], ['abc', range], ['-1', range], ['1e7', range]] as const) {
      await wrapper.get('#adv-epsilon').setValue(typed);
      await settle();
      expect(wrapper.get('#adv-epsilon-error').text()).toBe(reason);
      expect(wrapper.get('#adv-epsilon').attributes('aria-invalid')).toBe('true');
      expect(trainButton().attributes('disabled')).toBeDefined();
    }
    // Another edit of the section re-draws it: the typed text and its reason stay (before, the
    // field showed the old radius again while Train stayed blocked with nothing highlighted).
    await wrapper.get('#adv-norm').setValue('l2');
    await settle();
    expect((wrapper.get('#adv-epsilon').element as HTMLInputElement).value).toBe('1e7');
    expect(wrapper.find('#adv-epsilon-error').exists()).toBe(true);
    await wrapper.get('#adv-epsilon').setValue('0.1');
    await settle();
    expect(wrapper.find('#adv-epsilon-error').exists()).toBe(false);
    expect(trainButton().attributes('disabled')).toBeUndefined();
  });

  it('says beside Train why a solver without a robust program holds it, instead of "Correct the highlighted fields first."', async () => {
    const { wrapper, trainButton } = await mountScreen();
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    await wrapper.get('#train-solver').setValue('ipm');
    await settle();
    const problems = wrapper.get('.train-screen__problems');
    expect(problems.text()).toMatch(/^Adversarial training: The interior-point solver \(ipm\) does not do adversarial training/);
    // Nothing is highlighted for it: the generic line would send the user looking for a field.
    expect(problems.text()).not.toContain('Correct the highlighted fields first.');
    expect(trainButton().attributes('disabled')).toBeDefined();
    // A field's bad text still gets the generic line, beside the section's reason.
    await wrapper.get('#train-beta').setValue('-1');
    await settle();
    expect(problems.findAll('li').map((li) => li.text())).toEqual(['Correct the highlighted fields first.', expect.stringMatching(/^Adversarial training: /)]);
    await wrapper.get('#train-beta').setValue('0.01');
    await wrapper.get('#train-solver').setValue('admm');
    await settle();
    expect(wrapper.find('.train-screen__problems').exists()).toBe(false);
    expect(trainButton().attributes('disabled')).toBeUndefined();
  });

  it('explains a column radius that is not allowed and holds Train, instead of training that column at epsilon', async () => {
    const { fake, wrapper, trainButton } = await mountScreen();
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    const radius = () => wrapper.get('input[aria-label="Radius of x1"]');
    await radius().setValue('-3');
    await settle();
    expect(wrapper.get('[data-testid="adv-column-radius-error"]').text()).toBe('Radius of x1: Enter a number at least 0 and at most 1,000,000. Leave it empty to use epsilon.');
    expect(radius().attributes('aria-invalid')).toBe('true');
    expect(trainButton().attributes('disabled')).toBeDefined();
    // Marked as unchangeable, the column's radius field is disabled: its reason goes with it, so
    // nothing the user cannot reach holds Start.
    await wrapper.get('input[aria-label="x1 cannot change"]').setValue(true);
    await settle();
    expect(radius().attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="adv-column-radius-error"]').exists()).toBe(false);
    expect(trainButton().attributes('disabled')).toBeUndefined();
    await wrapper.get('input[aria-label="x1 cannot change"]').setValue(false);
    await settle();
    await radius().setValue('0.2');
    await settle();
    expect(wrapper.find('[data-testid="adv-column-radius-error"]').exists()).toBe(false);
    await trainButton().trigger('click');
    await settle();
    expect((fake.callsOf('jobs.start')[0] as StartJobRequest).options.adversarial?.columnRadii).toEqual({ x1: 0.2 });
  });

  it('marks columns immutable and switching the section off removes the setting', async () => {
    const { fake, wrapper, trainButton } = await mountScreen();
    await wrapper.get('#adv-enable').setValue(true);
    await settle();
    await wrapper.get('input[aria-label="x1 cannot change"]').setValue(true);
    await settle();
    expect(wrapper.get('[data-testid="adv-std-x1"]').text()).toBe('0');
    await wrapper.get('#adv-enable').setValue(false);
    await settle();
    await trainButton().trigger('click');
    await settle();
    expect((fake.callsOf('jobs.start')[0] as StartJobRequest).options.adversarial).toBeUndefined();
  });
});
