// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult, StartJobRequest } from '../../../../src-core/contract/operations';
import type { SweepSummary, TrainingAdvice, TrainingEstimateResponse } from '../../../../src-core/contract/training-jobs';
import { automaticChoices } from '../../../../src-core/training/auto-choices';
import { presetAdvice } from '../../../../src-core/training/presets';
import TrainScreen from '../../../../src-renderer/components/TrainScreen.vue';
import { useDatasetsStore } from '../../../../src-renderer/stores/datasets';
import { useNavigationStore } from '../../../../src-renderer/stores/navigation';
import { useTrainingStore } from '../../../../src-renderer/stores/training';
import { createFakeTransport, okEnvelope, type FakeHandlers } from '../../support/fake-transport';
import { binaryDefaults, jobSummary, runResult, twoMoonsSummary } from '../../support/fixtures';
import { createTestApp, settle } from '../../support/test-app';

/** The sweep panel's "Sweep over: beta | epsilon" choice: the epsilon request, its table and chart, "Use this model". */
const shape = { task: 'binary' as const, rows: 300, features: 2, bias: true };
const advice: TrainingAdvice = { shape, automatic: automaticChoices(shape), ...presetAdvice(shape) };
const estimate: TrainingEstimateResponse = {
  task: 'binary', rows: 300, columns: 3, heads: 1, msPerIteration: 0.4, setupMs: 2, worstCaseMs: 9000, maxIterations: 10_000,
  bytes: 1024, machineBytes: 8 * 1024 ** 3, calibrated: false, probeRows: null, linearSystemPath: null, warnings: [],
};
const epsilonSweep: SweepSummary = {
  parameter: 'epsilon',
  epsilonSweep: { norm: 'l2', units: 'raw', attackedOn: 'test', attackedRows: 60, pgdSteps: 20, pgdRestarts: 2 },
  scoreName: 'accuracy',
  points: [0, 0.1, 0.3].map((epsilon, i) => ({
    beta: binaryDefaults.beta, epsilon, status: 'solved', objective: 3 + i, relativeGap: i === 1 ? 4.1e-5 : 1e-3, neuronCount: 10 - i, iterations: 100, solveMs: 5,
    trainScore: 0.95 - i / 20, testScore: 0.9 - i / 20, cvScore: null, cvSpread: null, pgdScore: 0.9 - i / 5 + i / 10, certifiedScore: 0.6 - i / 10, standardPgdScore: 0.9 - i / 5, pgdAtLargestScore: 0.5 + i / 10,
  })),
  selectedIndex: 2,
  selectionReason: 'epsilon = 0.3 has the best score under PGD at the largest radius (0.3).',
  warmStart: false,
  cvFolds: null,
};

enableAutoUnmount(afterEach);

async function mountPanel(extra: FakeHandlers = {}) {
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
  const panel = wrapper.get('[data-testid="sweep"]');
  const button = (text: string) => panel.findAll('button').find((b) => b.text() === text);
  return { fake, wrapper, panel, button };
}

/** The panel after an epsilon sweep whose finished job answers with `result`. */
async function finishedEpsilonSweep(result: RunResult) {
  const { panel, button } = await mountPanel({
    'jobs.result': () => okEnvelope(result),
    'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-5', state: 'finished', kind: 'sweep' })]),
  });
  await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
  await button('Run epsilon sweep')!.trigger('click');
  await settle();
  await settle();
  return panel;
}

describe('Sweep panel: sweep over beta or epsilon', () => {
  it('choosing the epsilon sweep while the preset chose the interior-point solver takes ADMM and says so', async () => {
    const { fake, panel, button } = await mountPanel({ 'training.defaults': () => okEnvelope({ ...binaryDefaults, loss: 'squared', solver: 'ipm', solverSettings: { tolerance: 1e-3, maxIterations: 100 } }) });
    expect(panel.find('[data-testid="sweep-solver-switch"]').exists()).toBe(false);
    await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
    await settle();
    expect(panel.get('[data-testid="sweep-solver-switch"]').text()).toMatch(/^The solver is now ADMM: an epsilon sweep trains adversarially/);
    expect(panel.text()).not.toContain('choose one of those solvers');
    await button('Run epsilon sweep')!.trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.options.solver).toBe('admm');
    expect(request!.sweep?.parameter).toBe('epsilon');
    // Back to beta: the note goes (the solver stays ADMM).
    await panel.get('input[type="radio"][value="beta"]').setValue(true);
    await settle();
    expect(panel.find('[data-testid="sweep-solver-switch"]').exists()).toBe(false);
  });

  it('switches to epsilon, sends a data-scaled epsilon sweep, then shows and uses its points', async () => {
    const result: RunResult = { ...runResult(), jobId: 'job-5', sweep: epsilonSweep };
    const { fake, panel, button } = await mountPanel({
      'jobs.result': () => okEnvelope(result),
      'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-5', state: 'finished', kind: 'sweep' })]),
    });
    expect(button('Run beta sweep')).toBeDefined();
    expect(panel.find('[data-testid="epsilon-grid"]').exists()).toBe(false);
    await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
    expect(panel.find('[data-testid="epsilon-grid"]').exists()).toBe(true);
    expect(button('Run beta sweep')).toBeUndefined();
    await panel.get('#sweep-eps-norm').setValue('l2');
    await button('Run epsilon sweep')!.trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.sweep).toEqual({ parameter: 'epsilon', epsilon: { norm: 'l2', units: 'raw' } });
    await settle();

    expect(panel.get('[data-testid="sweep-selection"]').text()).toContain('under PGD at the largest radius');
    expect(panel.find('table[aria-label="Sweep points"]').exists()).toBe(false);
    const rows = panel.get('table[aria-label="Epsilon sweep points"]').findAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[2]!.attributes('aria-current')).toBe('true');
    // Clean (test rows: the attack ran on them), PGD at its own epsilon, certified there, the standard model under that attack.
    expect(rows[1]!.findAll('td').slice(0, 4).map((c) => c.text())).toEqual(['85.0%', '80.0%', '50.0%', '70.0%']);
    // Certified gaps in two significant digits, as the certificates say them (not '0.00%').
    expect(rows.map((r) => r.findAll('td')[5]!.text())).toEqual(['0.10%', '0.0041%', '0.10%']);
    // Every number right-aligned (epsilon, scores, neurons, gap, and their headers); the actions are not.
    const table = panel.get('table[aria-label="Epsilon sweep points"]');
    expect(table.findAll('thead th').map((th) => th.classes().includes('numeric'))).toEqual([true, true, true, true, true, true, true, false]);
    expect([rows[0]!.get('th'), ...rows[0]!.findAll('td')].map((c) => c.classes().includes('numeric'))).toEqual([true, true, true, true, true, true, true, false]);

    await rows[1]!.get('button').trigger('click');
    await settle();
    const used = (fake.callsOf('jobs.start') as StartJobRequest[])[1]!;
    expect(used.sweep).toBeUndefined();
    expect(used.options.adversarial).toEqual({ epsilon: 0.1, norm: 'l2', units: 'raw' });
    expect(useNavigationStore().screen).toBe('results');
  });

  it('uses the standard settings for epsilon 0, and sends the grid the user gave', async () => {
    const result: RunResult = { ...runResult(), jobId: 'job-5', sweep: epsilonSweep };
    const { fake, panel, button } = await mountPanel({
      'jobs.result': () => okEnvelope(result),
      'jobs.list': () => okEnvelope([jobSummary({ jobId: 'job-5', state: 'finished', kind: 'sweep' })]),
    });
    await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
    await panel.get('#sweep-eps-min').setValue('0.01');
    expect(panel.get('[role="alert"]').text()).toMatch(/both ends/);
    expect(button('Run epsilon sweep')!.attributes('disabled')).toBeDefined();
    await panel.get('#sweep-eps-max').setValue('1');
    await panel.get('#sweep-eps-count').setValue('3');
    await button('Run epsilon sweep')!.trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    const epsilons = request!.sweep!.epsilon!.epsilons!;
    expect(epsilons[0]).toBe(0);
    expect(epsilons.slice(1).map((e) => Math.log10(e))).toEqual([expect.closeTo(-2, 12), expect.closeTo(-1, 12), expect.closeTo(0, 12)]);
    await settle();

    useTrainingStore().options = { ...useTrainingStore().options!, adversarial: { epsilon: 0.2, norm: 'linf', units: 'raw', immutable: ['x1'] } };
    const rows = panel.get('table[aria-label="Epsilon sweep points"]').findAll('tbody tr');
    await rows[0]!.get('button').trigger('click');
    await settle();
    const used = (fake.callsOf('jobs.start') as StartJobRequest[])[1]!;
    expect(used.options.adversarial).toBeUndefined();
    await rows[2]!.get('button').trigger('click');
    await settle();
    const robust = (fake.callsOf('jobs.start') as StartJobRequest[])[2]!;
    expect(robust.options.adversarial).toEqual({ epsilon: 0.3, norm: 'l2', units: 'raw', immutable: ['x1'] });
  });

  it('says why robust models score below the standard model under the same attack, and says nothing when none does', async () => {
    // The default sweep on two moons (150 training rows, Balanced, l_inf raw): clean / PGD / standard under PGD / neurons as measured.
    const measured: [number, number, number, number, number][] = [
      [0, 1, 1, 1, 29], [0.006, 1, 1, 1, 6], [0.0329, 0.9, 0.88, 1, 6], [0.18, 0.86, 0.72, 0.88, 2],
    ];
    const belowStandard: SweepSummary = {
      ...epsilonSweep,
      epsilonSweep: { ...epsilonSweep.epsilonSweep!, norm: 'linf' },
      points: measured.map(([epsilon, clean, pgd, standard, neurons]) => ({ ...epsilonSweep.points[0]!, epsilon, testScore: clean, pgdScore: pgd, certifiedScore: pgd, standardPgdScore: standard, neuronCount: neurons })),
      selectedIndex: 1,
    };
    const result: RunResult = { ...runResult(), jobId: 'job-5', sweep: belowStandard };
    const panel = await finishedEpsilonSweep(result);
    const note = panel.get('[data-testid="sweep-below-standard"]').text();
    expect(note).toContain('At 2 of 3 radii the adversarially trained model scores below the standard model under the same attack (epsilon 0.0329: 88.0% against 100.0%, with 6 neurons against 29).');
    expect(note).toContain('expected of the convex robust program');
    expect(note).toContain('every neuron stays on or off within epsilon of every training row');
    expect(note).toContain('More patterns (Advanced settings)');
  });

  it("words a point's stop in its solver's terms: back-propagation that ran all its epochs finished, it hit no iteration limit", async () => {
    const ranAllEpochs: SweepSummary = { ...epsilonSweep, points: epsilonSweep.points.map((p) => ({ ...p, status: 'max-iterations', relativeGap: null })) };
    const base = runResult();
    const result: RunResult = { ...base, jobId: 'job-5', options: { ...base.options, solver: 'backprop' }, sweep: ranAllEpochs };
    const panel = await finishedEpsilonSweep(result);
    const table = panel.get('table[aria-label="Epsilon sweep points"]').text();
    expect(table).toContain('(finished)');
    expect(table).not.toContain('iteration limit');
  });

  it('adds no note when every robust model scores at least the standard model under the same attack', async () => {
    const result: RunResult = { ...runResult(), jobId: 'job-5', sweep: epsilonSweep };
    const panel = await finishedEpsilonSweep(result);
    expect(panel.find('table[aria-label="Epsilon sweep points"]').exists()).toBe(true);
    expect(panel.find('[data-testid="sweep-below-standard"]').exists()).toBe(false);
  });

  it('says what a beta sweep costs from the estimate of one training, with its folds and the workers', async () => {
    const { panel } = await mountPanel({ 'training.estimate': () => okEnvelope({ ...estimate, workersAtOnce: 2 }) });
    expect(panel.find('[data-testid="sweep-time"]').exists()).toBe(false); // no estimate yet
    await useTrainingStore().refreshEstimate();
    await settle();
    expect(panel.get('[data-testid="sweep-time"]').text()).toBe('8 trainings (one per beta, each from the previous solution): up to 72 s if each runs to its iteration limit; fewer betas, a looser tolerance or fewer patterns shorten it.');
    expect(panel.get('[data-testid="sweep-time"]').classes()).toContain('form-notice');
    await panel.get('#sweep-count').setValue('4');
    await panel.get('input[type="checkbox"]').setValue(true);
    await panel.get('#sweep-folds').setValue('3');
    expect(panel.get('[data-testid="sweep-time"]').text()).toBe('16 trainings (a path over the 4 betas on each of 3 folds, 2 at a time, then on all training rows): up to 108 s if each runs to its iteration limit; fewer betas or folds, a looser tolerance or fewer patterns shorten it.');
    await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
    expect(panel.find('[data-testid="sweep-time"]').exists()).toBe(false);
  });

  it('sends the number of radii asked for with a grid scaled to the data (before, the default 7 were trained)', async () => {
    const { fake, panel, button } = await mountPanel();
    await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
    await panel.get('#sweep-eps-count').setValue('3');
    await button('Run epsilon sweep')!.trigger('click');
    await settle();
    const [request] = fake.callsOf('jobs.start') as StartJobRequest[];
    expect(request!.sweep).toEqual({ parameter: 'epsilon', epsilon: { norm: 'linf', units: 'raw', count: 3 } });
    expect(request!.label).toMatch(/epsilon sweep \(4 values\)$/);
  });

  it('explains that SCP cannot run an epsilon sweep', async () => {
    const { wrapper, panel, button } = await mountPanel();
    await wrapper.get('#train-solver').setValue('scp');
    await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
    expect(panel.get('[role="alert"]').text()).toMatch(/ADMM, ADMM-RBCD or back-propagation/);
    expect(button('Run epsilon sweep')!.attributes('disabled')).toBeDefined();
  });

  it('shows a running sweep of this dataset as "Running… NN%" with Cancel instead of a second start', async () => {
    const running = jobSummary({ jobId: 'job-5', state: 'queued', startedAt: null, kind: 'sweep', datasetId: twoMoonsSummary.datasetId });
    const { fake, panel, button } = await mountPanel({ 'jobs.list': () => okEnvelope([running]), 'jobs.cancel': () => okEnvelope({ accepted: true }) });
    await button('Run beta sweep')!.trigger('click');
    await settle();
    expect(button('Run beta sweep')).toBeUndefined();
    expect(panel.get('[data-testid="sweep-running"]').text()).toBe('Running… queued');
    fake.emit('job.updated', { ...running, state: 'running', startedAt: 1_000 });
    await settle();
    expect(panel.get('[data-testid="sweep-running"]').text()).toBe('Running…');
    fake.emit('job.progress', { jobId: 'job-5', progress: { iteration: 3, elapsedMs: 500, fraction: 0.25, objective: 1 } });
    await settle();
    expect(panel.get('[data-testid="sweep-running"]').text()).toBe('Running… 25%');
    expect(panel.get('[data-testid="sweep-running"]').attributes('disabled')).toBeDefined();
    // The epsilon sweep is a sweep job too: it waits for the same one.
    await panel.get('input[type="radio"][value="epsilon"]').setValue(true);
    expect(button('Run epsilon sweep')).toBeUndefined();
    await button('Cancel')!.trigger('click');
    await settle();
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-5' }]);
    fake.emit('job.updated', { ...running, state: 'cancelled', endedAt: 2_000 });
    await settle();
    expect(button('Run epsilon sweep')).toBeDefined();
  });
});
