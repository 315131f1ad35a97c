// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult, StartJobRequest } from '../../../src-core/contract/operations';
import type { SweepSummary, TrainingAdvice, TrainingEstimateResponse } from '../../../src-core/contract/training-jobs';
import { automaticChoices } from '../../../src-core/training/auto-choices';
import { boundText } from '../../../src-core/settings/allowed-number';
import { exactPatternLimitSpec } from '../../../src-core/training/exact-pattern-limit';
import { presetAdvice } from '../../../src-core/training/presets';
import TrainScreen from '../../../src-renderer/components/TrainScreen.vue';
import { advancedSolverSettings } from '../../../src-renderer/components/train-form-rules';
import { useDatasetsStore } from '../../../src-renderer/stores/datasets';
import { useJobsStore } from '../../../src-renderer/stores/jobs';
import { useNavigationStore } from '../../../src-renderer/stores/navigation';
import { DEFAULT_TEST_FRACTION } from '../../../src-renderer/stores/training';
import { createFakeTransport, errorEnvelope, okEnvelope, type FakeHandlers } from '../support/fake-transport';
import { binaryDefaults, jobSummary, runResult, twoMoonsSummary } from '../support/fixtures';
import { createTestApp, settle } from '../support/test-app';

const shape = { task: 'binary' as const, rows: 300, features: 2, bias: true };
const advice: TrainingAdvice = { shape, automatic: automaticChoices(shape), ...presetAdvice(shape) };
const estimate: TrainingEstimateResponse = {
  task: 'binary', rows: 300, columns: 3, heads: 1, msPerIteration: 0.4, setupMs: 2, worstCaseMs: 90_000, maxIterations: 10_000,
  bytes: 3 * 1024 * 1024, machineBytes: 8 * 1024 ** 3, calibrated: true, probeRows: 300, linearSystemPath: 'woodbury',
  warnings: ['Could take up to 2 min if it runs to the iteration limit (10000).'],
};

enableAutoUnmount(afterEach);

async function mountWithDataset(extra: FakeHandlers = {}) {
  let next = 5;
  const fake = createFakeTransport({
    'datasets.loadBuiltIn': () => okEnvelope(twoMoonsSummary),
    'training.defaults': () => okEnvelope(binaryDefaults),
    'training.advice': () => okEnvelope(advice),
    'training.estimate': () => okEnvelope(estimate),
    'jobs.start': () => okEnvelope({ jobId: `job-${next++}` }),
    'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-5', state: 'queued' })]),
    ...extra,
  });
  const app = createTestApp(fake.transport);
  await useDatasetsStore().loadBuiltIn({ id: 'two-moons' });
  const wrapper = mount(TrainScreen, { global: app.global });
  await settle();
  const button = (text: string) => wrapper.findAll('button').find((b) => b.text() === text)!;
  const trainButton = () => button('Train');
  return { fake, wrapper, button, trainButton };
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

  it('names queued runs apart: what changed since the last run of the same name, or a number', async () => {
    // Before: runs that differed only in beta or seed were all "Two moons · ADMM" in the Jobs
    // panel, the "Run queued" message and the history.
    const { fake, wrapper, button } = await mountWithDataset();
    await button('Add to queue').trigger('click');
    await settle();
    await wrapper.get('#train-beta').setValue('0.01');
    await button('Add to queue').trigger('click');
    await settle();
    await button('Add to queue').trigger('click');
    await settle();
    const labels = (fake.callsOf('jobs.start') as StartJobRequest[]).map((r) => r.label);
    expect(labels).toEqual(['Two moons · ADMM', 'Two moons · ADMM · beta 0.01', 'Two moons · ADMM (3)']);
  });

  it('says why the data cannot be trained when the back end refuses it, in place of the estimate', async () => {
    // Before: the presets stayed disabled and the estimate read "No estimate yet." with no reason.
    const problem = 'Column "b" holds the non-finite number "NaN" at line 5; only finite numbers are allowed (leave the cell empty for a missing value).';
    const { wrapper } = await mountWithDataset({
      'training.advice': () => errorEnvelope('data/non-finite', problem),
      'training.estimate': () => errorEnvelope('data/non-finite', problem),
    });
    expect(wrapper.get('[data-testid="estimate-data-problem"]').text()).toBe(`This data cannot be trained as set up: ${problem} Change it on the Data screen.`);
    expect(wrapper.get('[data-testid="estimate"]').text()).not.toContain('No estimate yet.');
  });

  it('keeps the estimate line quiet about settings errors, which the form explains', async () => {
    const { wrapper } = await mountWithDataset({ 'training.estimate': () => errorEnvelope('settings/invalid', 'beta must be positive') });
    expect(wrapper.find('[data-testid="estimate-data-problem"]').exists()).toBe(false);
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

  it('holds only the sweep or the cross-validation for a bad number of values or folds, not Train', async () => {
    const { wrapper, button, trainButton } = await mountWithDataset();
    await wrapper.get('#sweep-count').setValue('abc');
    await wrapper.get('#cv-folds').setValue('1');
    await settle();
    expect(wrapper.get('#sweep-count-error').text()).toBe('Enter a whole number at least 2 and at most 50.');
    expect(wrapper.get('#cv-folds-error').text()).toBe('Enter a whole number at least 2 and at most 20.');
    // Each held its own button (with the last valid value kept, it would otherwise start with it)...
    expect(button('Run beta sweep').attributes('disabled')).toBeDefined();
    expect(button('Cross-validate').attributes('disabled')).toBeDefined();
    // ... and not the settings form's: before, Train said "Correct the highlighted fields first."
    expect(trainButton().attributes('disabled')).toBeUndefined();
    expect(button('Add to queue').attributes('disabled')).toBeUndefined();
    expect(wrapper.text()).not.toContain('Correct the highlighted fields first.');
    await wrapper.get('#sweep-count').setValue('6');
    await wrapper.get('#cv-folds').setValue('4');
    await settle();
    expect(button('Run beta sweep').attributes('disabled')).toBeUndefined();
    expect(button('Cross-validate').attributes('disabled')).toBeUndefined();
  });

  it('rejects each out-of-range value with its explanation, for the form and every declared ADMM setting', async () => {
    const { wrapper, trainButton, button } = await mountWithDataset();
    const cases: [string, string, RegExp][] = [
      ['#train-patterns', '0', /whole number at least 1 and at most 100,000 \(patterns\)/],
      ['#train-patterns', '2.5', /whole number/],
      ['#train-beta', '0', /greater than 0/],
      ['#train-seed', '4294967296', /at most 4,294,967,295/],
      ['#train-test-percent', '95', /at most 90/],
    ];
    for (const spec of advancedSolverSettings('admm')) {
      if (spec.kind !== 'number' && spec.kind !== 'integer') continue;
      cases.push([`#solver-setting-${spec.key}`, String(spec.max * 10 + 1), new RegExp(`at most ${boundText(spec.max)}`)]);
      cases.push([`#solver-setting-${spec.key}`, String(spec.min - 1), new RegExp(spec.minExclusive ? `greater than ${spec.min}` : `at least ${spec.min}`)]);
    }
    for (const [selector, text, explanation] of cases) {
      const input = wrapper.get(selector);
      const before = (input.element as HTMLInputElement).value;
      await input.setValue(text);
      expect(input.attributes('aria-invalid'), `${selector} = ${text}`).toBe('true');
      const errorId = `${selector.slice(1)}-error`;
      expect(wrapper.get(`#${errorId}`).text(), `${selector} = ${text}`).toMatch(explanation);
      expect(trainButton().attributes('disabled')).toBeDefined();
      expect(button('Compare with back-propagation').attributes('disabled')).toBeDefined();
      await input.setValue(before);
      expect(input.attributes('aria-invalid')).toBe('false');
    }
    expect(trainButton().attributes('disabled')).toBeUndefined();
  });

  it('asks for the exact formulation\'s pattern limit only with it, explains a bad value, keeps it across solvers and sends it', async () => {
    const { fake, wrapper, trainButton } = await mountWithDataset();
    expect(wrapper.find('#train-exact-pattern-limit').exists()).toBe(false);
    await wrapper.get('#train-formulation').setValue('exact');
    const limit = wrapper.get('#train-exact-pattern-limit');
    expect((limit.element as HTMLInputElement).value).toBe(String(exactPatternLimitSpec.default));
    expect(wrapper.text()).toContain('Exact pattern limit');

    for (const [text, explanation] of [['0', /at least 1/], ['1.5', /whole number/], [String(exactPatternLimitSpec.max + 1), new RegExp(`at most ${boundText(exactPatternLimitSpec.max)}`)]] as const) {
      await limit.setValue(text);
      expect(limit.attributes('aria-invalid'), text).toBe('true');
      expect(wrapper.get('#train-exact-pattern-limit-error').text()).toMatch(explanation);
      expect(trainButton().attributes('disabled')).toBeDefined();
    }
    await limit.setValue('20000');
    expect(trainButton().attributes('disabled')).toBeUndefined();
    // The limit is the formulation's: changing the solver keeps it.
    await wrapper.get('#train-solver').setValue('ipm');
    expect((wrapper.get('#train-exact-pattern-limit').element as HTMLInputElement).value).toBe('20000');

    await trainButton().trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.options.formulation).toBe('exact');
    expect(request!.options.solverSettings?.['exactPatternLimit']).toBe(20000);
  });

  it('offers the pattern source for a convex solver\'s sampled program only, keeps it across convex solvers and sends it', async () => {
    const { fake, wrapper, trainButton } = await mountWithDataset();
    const source = wrapper.get('#train-pattern-source');
    expect((source.element as HTMLSelectElement).value).toBe('random');
    expect(wrapper.text()).toContain('Pattern source');
    await source.setValue('backprop');
    await wrapper.get('#train-solver').setValue('ipm');
    expect((wrapper.get('#train-pattern-source').element as HTMLSelectElement).value).toBe('backprop');
    await trainButton().trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.options.solverSettings?.['patternSource']).toBe('backprop');
    // The exact program takes every pattern: no source, and the choice is dropped with it.
    await wrapper.get('#train-formulation').setValue('exact');
    expect(wrapper.find('#train-pattern-source').exists()).toBe(false);
    await wrapper.get('#train-formulation').setValue('sampled');
    expect((wrapper.get('#train-pattern-source').element as HTMLSelectElement).value).toBe('random');
    // Back-propagation and SCP have no patterns to take.
    await wrapper.get('#train-pattern-source').setValue('backprop');
    await wrapper.get('#train-solver').setValue('scp');
    expect(wrapper.find('#train-pattern-source').exists()).toBe(false);
    await trainButton().trigger('click');
    await settle();
    const second = (fake.callsOf('jobs.start') as StartJobRequest[])[1]!;
    expect(second.options.solver).toBe('scp');
    expect(second.options.solverSettings?.['patternSource']).toBeUndefined();
  });

  it('shows the automatic choices with their reasons and the pattern count', async () => {
    const { wrapper } = await mountWithDataset();
    expect(wrapper.get('[data-testid="reason-formulation"]').text()).toContain('activation patterns');
    expect(wrapper.get('[data-testid="reason-formulation"]').text()).toMatch(/^Automatic: Sampled patterns\. /);
    expect(wrapper.get('[data-testid="reason-formulation"]').text()).toMatch(/\d{1,3}(,\d{3})+/);
    expect(wrapper.get('[data-testid="reason-beta"]').text()).toContain('per training row');
    // A small problem with the logistic loss (the defaults'): the interior-point solver's conic form, with its size in the reason.
    expect(wrapper.get('[data-testid="reason-solver"]').text()).toMatch(/^Recommended: Interior-point\. Logistic loss on a small problem \([\d,]+ unknowns/);
  });

  it('fills the form with a preset the user can then change', async () => {
    const { fake, wrapper, trainButton } = await mountWithDataset();
    const quick = wrapper.findAll('[role="radio"]').find((b) => b.text().startsWith('Quick look'))!;
    await quick.trigger('click');
    expect(quick.attributes('aria-checked')).toBe('true');
    expect((wrapper.get('#train-patterns').element as HTMLInputElement).value).toBe(String(advice.presets.quick.patterns));
    expect((wrapper.get('#solver-setting-tolerance').element as HTMLInputElement).value).toBe('0.01');
    await wrapper.get('#train-patterns').setValue('20');
    await trainButton().trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.options).toEqual({ ...advice.presets.quick, patterns: 20 });
  });

  it('shows the estimate before Start, with its warnings', async () => {
    const { wrapper, fake } = await mountWithDataset();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await settle();
    const calls = fake.callsOf('training.estimate') as { probe: boolean }[];
    expect(calls.map((c) => c.probe)).toEqual([false, true]);
    expect(wrapper.get('[data-testid="estimate-memory"]').text()).toContain('3.0 MB');
    expect(wrapper.get('[data-testid="estimate-iteration"]').text()).toBe('1 ms');
    expect(wrapper.get('[data-testid="estimate"]').text()).toContain('Could take up to 2 min');
  });

  it('"Compare with back-propagation" queues the convex run and five baselines on one split, in one group', async () => {
    const { fake, button } = await mountWithDataset();
    await button('Compare with back-propagation').trigger('click');
    await settle();
    const requests = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(requests).toHaveLength(6);
    expect(new Set(requests.map((r) => r.group)).size).toBe(1);
    expect(requests.every((r) => r.splitSeed === binaryDefaults.seed && r.testFraction === DEFAULT_TEST_FRACTION)).toBe(true);
    expect(requests[0]!.options).toEqual(binaryDefaults);
    const baselines = requests.slice(1);
    expect(baselines.every((r) => r.options.solver === 'backprop')).toBe(true);
    expect(new Set(baselines.map((r) => r.options.seed)).size).toBe(5);
    expect(useNavigationStore().screen).not.toBe('results');
    // The Train screen stays; Results, when opened, shows the convex run (the first started).
    expect(useJobsStore().selectedJobId).toBe('job-5');
  });

  it('offers patterns from back-propagation in one click when the baselines beat the convex run\'s random patterns', async () => {
    const results = new Map<string, RunResult>();
    const { fake, wrapper, button } = await mountWithDataset({ 'jobs.result': (request) => okEnvelope(results.get(request.jobId)!) });
    await button('Compare with back-propagation').trigger('click');
    await settle();
    const requests = fake.callsOf('jobs.start') as StartJobRequest[];
    const base = runResult();
    requests.forEach((request, k) => {
      const jobId = `job-${5 + k}`;
      // The convex run (first) ends at 5, every baseline below it.
      results.set(jobId, { ...base, jobId, options: request.options, heads: [{ ...base.heads[0]!, objective: k === 0 ? 5 : 2.5 + k / 10, lowerBound: k === 0 ? 4.99 : null }] });
      fake.emit('job.updated', jobSummary({ jobId, state: 'finished', status: 'solved', endedAt: 2_000 }));
    });
    await settle();
    expect(wrapper.get('[data-testid="comparison-objective-note"]').text()).toContain('Patterns from a back-propagation network (Pattern source under Advanced)');
    await button('Use patterns from back-propagation').trigger('click');
    expect((wrapper.get('#train-pattern-source').element as HTMLSelectElement).value).toBe('backprop');
    // Taken: the button goes (the form's program already takes them).
    expect(wrapper.findAll('button').some((b) => b.text() === 'Use patterns from back-propagation')).toBe(false);
  });

  it('runs a beta sweep on a log grid and trains any point with "Use this model"', async () => {
    const sweep: SweepSummary = {
      scoreName: 'accuracy',
      points: [1e-4, 1e-3, 1e-2].map((beta, i) => ({ beta, status: 'solved', objective: 3 + i, relativeGap: 1e-4, neuronCount: 10 - i, iterations: 100, solveMs: 5, trainScore: 0.9, testScore: 0.85 + i / 100, cvScore: null, cvSpread: null })),
      selectedIndex: 2,
      selectionReason: 'beta = 0.0100 has the best test score.',
      warmStart: true,
      cvFolds: null,
    };
    const result: RunResult = { ...runResult(), jobId: 'job-5', sweep };
    const { fake, wrapper, button } = await mountWithDataset({
      'jobs.result': () => okEnvelope(result),
      'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-5', state: 'finished', kind: 'sweep' })]),
    });
    await button('Run beta sweep').trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.sweep!.betas).toHaveLength(8);
    const betas = request!.sweep!.betas!;
    expect(betas[0]).toBeCloseTo(binaryDefaults.beta / 100, 12);
    expect(betas[7]).toBeCloseTo(binaryDefaults.beta * 100, 12);
    // The screen stays on Train; Results, when opened, shows the sweep's job.
    expect(useNavigationStore().screen).not.toBe('results');
    expect(useJobsStore().selectedJobId).toBe('job-5');
    await settle();
    expect(wrapper.get('[data-testid="sweep-selection"]').text()).toContain('best test score');
    const rows = wrapper.get('table[aria-label="Sweep points"]').findAll('tbody tr');
    expect(rows).toHaveLength(3);
    await rows[0]!.findAll('button').find((b) => b.text() === 'Use this model')!.trigger('click');
    await settle();
    const used = (fake.callsOf('jobs.start') as StartJobRequest[])[1]!;
    expect(used.options.beta).toBe(1e-4);
    expect(used.sweep).toBeUndefined();
    expect(useNavigationStore().screen).toBe('results');
  });

  it('offers the interior-point solver for every loss and blocks Train with the message for a size it cannot take', async () => {
    const { fake, wrapper, trainButton } = await mountWithDataset();
    const option = wrapper.get('#train-solver').findAll('option').find((o) => o.attributes('value') === 'ipm');
    expect(option?.text()).toBe('Interior-point');

    // The defaults use BCE, which ipm solves in its conic form: nothing to block.
    await wrapper.get('#train-solver').setValue('ipm');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(trainButton().attributes('disabled')).toBeUndefined();

    await wrapper.get('#train-loss').setValue('squared');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(trainButton().attributes('disabled')).toBeUndefined();
    // 3 x 3000 unknowns are above the pattern system's limit, but this dataset's few rows are not:
    // the squared loss takes the Woodbury system over the rows; the conic form (BCE) has no such
    // route and is blocked with its size.
    await wrapper.get('#train-patterns').setValue('3000');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    await wrapper.get('#train-loss').setValue('bce');
    expect(wrapper.get('[role="alert"]').text()).toContain('conic form (for the logistic and hinge losses and class weights) would factor a 18000 x 18000 system every Newton step');
    expect(trainButton().attributes('disabled')).toBeDefined();
    await wrapper.get('#train-loss').setValue('squared');
    await wrapper.get('#train-patterns').setValue(String(binaryDefaults.patterns));
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    // Its settings are its own (Newton steps, not ADMM's rho).
    expect(wrapper.find('#solver-setting-rho').exists()).toBe(false);
    expect(wrapper.text()).toContain('Newton steps');
    await trainButton().trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.options).toMatchObject({ solver: 'ipm', loss: 'squared', formulation: binaryDefaults.formulation });
    expect(request!.label).toBe('Two moons · Interior-point');
  });

  it('lets the interior-point solver take class weights, and blocks it with an adversarial epsilon > 0 (inline message)', async () => {
    const weighted = { ...binaryDefaults, loss: 'squared' as const, classWeights: 'balanced' as const };
    const { wrapper, trainButton } = await mountWithDataset({ 'training.defaults': () => okEnvelope(weighted) });
    await wrapper.get('#train-solver').setValue('ipm');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(trainButton().attributes('disabled')).toBeUndefined();

    const { wrapper: robust, trainButton: robustTrain } = await mountWithDataset({
      'training.defaults': () => okEnvelope({ ...binaryDefaults, loss: 'squared' as const, solver: 'ipm' as const, adversarial: { epsilon: 0.1, norm: 'linf', units: 'raw' } }),
      'datasets.inspect': () => Promise.reject(new Error('no column profiles in this test')),
    });
    expect(robust.get('[data-testid="adversarial-settings"]').text()).toContain('does not do adversarial training (epsilon > 0): use ADMM or ADMM-RBCD');
    expect(robustTrain().attributes('disabled')).toBeDefined();
    // The recommendation under Solver is the adversarial one, not the presets' interior-point.
    expect(robust.get('[data-testid="reason-solver"]').text()).toMatch(/^Recommended: ADMM\. Adversarial training goes to ADMM, the solver that takes the robust program\./);
    // At epsilon 0 there is no adversary: the interior-point solver trains the standard model.
    await robust.get('#adv-epsilon').setValue('0');
    await settle();
    expect(robust.get('[data-testid="adversarial-settings"]').text()).not.toContain('does not do adversarial training');
    expect(robustTrain().attributes('disabled')).toBeUndefined();
    expect(robust.get('[data-testid="reason-solver"]').text()).not.toContain('Adversarial training');
  });

  it('"Most accurate" picks the interior-point solver for a small squared-loss problem and says why', async () => {
    const { wrapper } = await mountWithDataset();
    expect(advice.presets.accurate.solver).toBe('ipm');
    const accurate = wrapper.findAll('[role="radio"]').find((b) => b.text().startsWith('Most accurate'))!;
    await accurate.trigger('click');
    expect((wrapper.get('#train-solver').element as HTMLSelectElement).value).toBe('ipm');
    expect((wrapper.get('#train-loss').element as HTMLSelectElement).value).toBe('squared');
    expect(wrapper.get('[data-testid="reason-solver"]').text()).toMatch(/Recommended: Interior-point\. Squared loss \(\d+ unknowns\)/);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it('recommends the solver for the loss as set, and the solver follows it unless the user picked another', async () => {
    // 100,000 rows of 10 features: the squared loss's structured Newton steps, the hinge loss's
    // conic ones too slow (ADMM).
    const wide = { task: 'binary' as const, rows: 100_000, features: 10, bias: true };
    const wideAdvice: TrainingAdvice = { shape: wide, automatic: automaticChoices(wide), ...presetAdvice(wide) };
    const { wrapper } = await mountWithDataset({ 'training.defaults': () => okEnvelope(wideAdvice.presets.balanced), 'training.advice': () => okEnvelope(wideAdvice) });
    const solver = () => (wrapper.get('#train-solver').element as HTMLSelectElement).value;
    const reason = () => wrapper.get('[data-testid="reason-solver"]').text();
    expect(solver()).toBe('ipm');
    expect(reason()).toMatch(/^Recommended: Interior-point\. Squared loss \(704 unknowns\)/);
    await wrapper.get('#train-loss').setValue('hinge');
    await settle();
    expect(solver()).toBe('admm');
    expect(reason()).toMatch(/^Recommended: ADMM\. .*hinge loss.*The interior-point solver is not used: /);
    await wrapper.get('#train-loss').setValue('squared');
    await settle();
    expect(solver()).toBe('ipm');
    // A solver the user picked stays; the reason still says what is recommended.
    await wrapper.get('#train-solver').setValue('scp');
    await wrapper.get('#train-loss').setValue('hinge');
    await settle();
    expect(solver()).toBe('scp');
    expect(reason()).toMatch(/^Recommended: ADMM\./);
  });

  it('"Duplicate and change" puts a finished run\'s settings back in the form', async () => {
    const previous: RunResult = { ...runResult(), jobId: 'job-2', options: { ...binaryDefaults, patterns: 99, solver: 'scp' }, trainCount: 80, testCount: 20 };
    const { wrapper } = await mountWithDataset({
      'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-2', state: 'finished', label: 'Earlier run' })]),
      'jobs.result': () => okEnvelope(previous),
    });
    await useJobsStore().refresh();
    await settle();
    await wrapper.get('#duplicate-run').setValue('job-2');
    await wrapper.findAll('button').find((b) => b.text() === 'Duplicate and change')!.trigger('click');
    await settle();
    expect((wrapper.get('#train-patterns').element as HTMLInputElement).value).toBe('99');
    expect((wrapper.get('#train-solver').element as HTMLSelectElement).value).toBe('scp');
    expect((wrapper.get('#train-test-percent').element as HTMLInputElement).value).toBe('20');
  });
});
