import { defineStore } from 'pinia';
import { ref, shallowRef, toRaw, watch } from 'vue';
import type { StartJobRequest } from '../../src-core/contract/operations';
import type { EpsilonSweepSettings, TrainingAdvice, TrainingEstimateResponse } from '../../src-core/contract/training-jobs';
import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import type { ThreatNorm } from '../../src-core/robust/threat-model';
import type { SettingValue } from '../../src-core/settings/setting-spec';
import { presetSolverSettings, recommendedSolverFor, type PresetName } from '../../src-core/training/presets';
import type { Choice } from '../../src-core/training/auto-choices';
import type { LossName } from '../../src-core/losses/loss';
import { EXACT_PATTERN_LIMIT_KEY } from '../../src-core/training/exact-pattern-limit';
import { PATTERN_SOURCE_KEY, patternSourceOf, takesPatternSource, withoutPatternSource } from '../../src-core/training/pattern-source';
import { APP_TEST_FRACTION } from '../../src-core/training/train-defaults';
import type { TrainOptions } from '../../src-core/training/train-types';
import { useApiClient } from '../api/api-client-injection';
import { describeError } from '../api/api-error';
import { solverLabel } from '../format/option-labels';
import { runLabelDifference } from '../format/run-label-difference';
import { useDatasetsStore } from './datasets';
import { useJobsStore } from './jobs';
import { useToastsStore } from './toasts';
import { isConvexSolver } from '../../src-core/training/solver-support';

export type EditableTrainOptions = { -readonly [K in keyof TrainOptions]: TrainOptions[K] };

export const DEFAULT_TEST_FRACTION = APP_TEST_FRACTION;
/** Back-propagation runs queued by "Compare with back-propagation". */
export const DEFAULT_BASELINE_SEEDS = 5;
/** Back-propagation's largest hidden layer (its declared hiddenUnits bound). */
const MAX_HIDDEN_UNITS = 4096;

/** What the Train screen started last of each kind, so it can show their outcome. */
export interface StartedGroup {
  readonly group: string;
  readonly jobIds: readonly string[];
}

/**
 * The Train screen's form: the back end's defaults for the current dataset, as edited, the
 * automatic choices and presets (with reasons), the estimate before Start, and the actions
 * that queue runs: train, compare with back-propagation, beta sweep, cross-validation.
 */
export const useTrainingStore = defineStore('training', () => {
  const api = useApiClient();
  const toasts = useToastsStore();
  const datasets = useDatasetsStore();
  const jobs = useJobsStore();

  const defaults = shallowRef<TrainOptions | null>(null);
  const options = ref<EditableTrainOptions | null>(null);
  const testFraction = ref(DEFAULT_TEST_FRACTION);
  const defaultsLoading = ref(false);
  const starting = ref(false);
  /**
   * The options of the last run started or queued under each label this session: a run whose
   * label is taken gets what sets it apart (runLabelDifference), or a number when nothing does.
   */
  const sentUnderLabel = new Map<string, { options: TrainOptions; count: number }>();
  const advice = shallowRef<TrainingAdvice | null>(null);
  /** The preset the values came from; null once the user started from something else (a previous run). */
  const preset = ref<PresetName | null>('balanced');
  /** The user chose the solver in the form (it then stays when the loss changes; see setLoss). */
  const solverPicked = ref(false);
  const estimate = shallowRef<TrainingEstimateResponse | null>(null);
  /**
   * Why the back end cannot estimate or advise on this data as set up (a data/* error, e.g. a
   * feature column holding NaN): shown in the estimate's place. Without it the presets stayed
   * disabled and the estimate read "No estimate yet." with no reason until Start failed.
   */
  const dataProblem = ref<string | null>(null);
  const estimating = ref(false);
  const lastComparison = shallowRef<StartedGroup | null>(null);
  const lastSweepJobId = ref<string | null>(null);
  const lastCrossValidationJobId = ref<string | null>(null);
  let estimateRequest = 0;
  /** One probe at a time: a probe waits for a free worker, so edits made meanwhile are measured once it returns. */
  let probeInFlight = false;
  let probeWanted = false;

  async function loadDefaults(datasetId: string): Promise<void> {
    defaultsLoading.value = true;
    try {
      const loaded = await api.trainingDefaults({ datasetId });
      defaults.value = loaded;
      options.value = { ...loaded };
      testFraction.value = DEFAULT_TEST_FRACTION;
      preset.value = 'balanced';
      solverPicked.value = false;
    } catch (error) {
      toasts.showError('Could not read the default settings', error);
    } finally {
      defaultsLoading.value = false;
    }
    void loadAdvice(datasetId);
  }

  async function loadAdvice(datasetId: string): Promise<void> {
    try {
      advice.value = await api.trainingAdvice({ datasetId, testFraction: testFraction.value });
    } catch (error) {
      // The form works without the reasons; a problem with the data is shown (dataProblem).
      advice.value = null;
      noteDataProblem(error);
    }
  }

  function resetToDefaults(): void {
    if (defaults.value) options.value = { ...defaults.value };
    testFraction.value = DEFAULT_TEST_FRACTION;
    preset.value = 'balanced';
    solverPicked.value = false;
  }

  /**
   * Fills the form with a preset's visible values (they stay editable). The dataset's class
   * weights (chosen on the Data screen, carried by the defaults) are kept: a preset is about
   * effort, not about the data, and the presets were chosen knowing the weights.
   */
  function applyPreset(name: PresetName): void {
    const values = advice.value?.presets[name];
    if (!values) return;
    const classWeights = defaults.value?.classWeights;
    options.value = structuredClone({ ...values, ...(classWeights ? { classWeights } : {}) }) as EditableTrainOptions;
    preset.value = name;
    solverPicked.value = false;
  }

  /** The solver recommended for these options (the current ones by default), or null before the advice has come. */
  function solverRecommendation(of: EditableTrainOptions | null = options.value): Choice<TrainOptions['solver']> | null {
    return advice.value && of ? recommendedSolverFor(advice.value.shape, of, preset.value) : null;
  }

  /**
   * A new loss; the solver follows the recommendation unless the user chose it (pickSolver) or it
   * was not the recommended one for the loss before (a previous run's): e.g. the hinge loss on
   * many rows goes to ADMM where the squared loss's structured Newton steps were recommended.
   */
  function setLoss(loss: LossName): void {
    if (!options.value || options.value.loss === loss) return;
    const before = solverRecommendation();
    options.value = { ...options.value, loss };
    const after = solverRecommendation();
    if (!solverPicked.value && before && after && options.value.solver === before.value && after.value !== before.value) setSolver(after.value);
  }

  /** The user's choice of solver in the form: it stays when the loss changes. */
  function pickSolver(solver: TrainOptions['solver']): void {
    solverPicked.value = true;
    setSolver(solver);
  }

  /** Each solver has its own settings: switching drops the previous solver's edits (the preset's values for the new one). */
  function setSolver(solver: TrainOptions['solver']): void {
    if (!options.value) return;
    const { solverSettings: dropped, ...rest } = options.value;
    const fromDefaults = solver === defaults.value?.solver && defaults.value.solverSettings ? defaults.value.solverSettings : null;
    const settings = preset.value && preset.value !== 'balanced' ? presetSolverSettings(preset.value, solver) : fromDefaults;
    const formulation = isConvexSolver(solver) ? rest.formulation : 'sampled';
    // The exact pattern limit is the formulation's, not the solver's: it stays with an exact
    // program; the pattern source likewise with a sampled program of a convex solver.
    const limit = formulation === 'exact' && dropped && EXACT_PATTERN_LIMIT_KEY in dropped ? { [EXACT_PATTERN_LIMIT_KEY]: dropped[EXACT_PATTERN_LIMIT_KEY]! } : null;
    const source = takesPatternSource({ solver, formulation }) && dropped && PATTERN_SOURCE_KEY in dropped ? { [PATTERN_SOURCE_KEY]: dropped[PATTERN_SOURCE_KEY]! } : null;
    const solverSettings = settings || limit || source ? { ...(settings ?? {}), ...(limit ?? {}), ...(source ?? {}) } : null;
    options.value = { ...rest, solver, formulation, ...(solverSettings ? { solverSettings } : {}) };
  }

  /**
   * Adversarial training (the switch, or an epsilon sweep) needs a solver with a robust program:
   * the presets' interior-point choice for small squared-loss problems becomes ADMM (same loss
   * and patterns). Returns whether the solver changed, so the caller can say so.
   */
  function switchToRobustSolver(): boolean {
    if (options.value?.solver !== 'ipm') return false;
    setSolver('admm');
    return true;
  }

  /** The formulation; an exact program takes every pattern, so a pattern source is dropped with it. */
  function setFormulation(formulation: TrainOptions['formulation']): void {
    if (!options.value) return;
    const { solverSettings, ...rest } = options.value;
    const kept = formulation === 'exact' && solverSettings && PATTERN_SOURCE_KEY in solverSettings ? withoutPatternSource(solverSettings) : solverSettings;
    options.value = { ...rest, formulation, ...(kept ? { solverSettings: kept } : {}) };
  }

  function setSolverSetting(key: string, value: SettingValue): void {
    if (!options.value) return;
    options.value = { ...options.value, solverSettings: { ...options.value.solverSettings, [key]: value } };
  }

  function currentRequest(): StartJobRequest | null {
    const dataset = datasets.current;
    if (!dataset || !options.value) return null;
    return {
      datasetId: dataset.datasetId,
      // Plain data: Electron's IPC cannot clone reactive proxies.
      options: plainCopy(options.value),
      testFraction: testFraction.value,
      label: runLabel(dataset.name, options.value),
    };
  }

  async function startRequests(requests: readonly StartJobRequest[], failure: string): Promise<string[] | null> {
    starting.value = true;
    try {
      const ids: string[] = [];
      for (const request of requests) ids.push((await api.startJob(request)).jobId);
      return ids;
    } catch (error) {
      toasts.showError(failure, error);
      return null;
    } finally {
      starting.value = false;
    }
  }

  /**
   * The request with a label no earlier run of this session has: "iris · ADMM · beta 0.01, seed 3"
   * beside "iris · ADMM", or "iris · ADMM (2)" for the same settings again. `started` records it
   * once the job has started (a refused start takes no number).
   */
  function withDistinctLabel(request: StartJobRequest): { request: StartJobRequest; started: () => void } {
    const label = request.label ?? '';
    const earlier = sentUnderLabel.get(label);
    const started = (): void => void sentUnderLabel.set(label, { options: request.options, count: (earlier?.count ?? 0) + 1 });
    if (!earlier) return { request, started };
    const difference = runLabelDifference(earlier.options, request.options);
    return { request: { ...request, label: difference ? `${label} · ${difference}` : `${label} (${earlier.count + 1})` }, started };
  }

  /** Starts a job on the current dataset and selects it; the job id, or null when it could not start. */
  async function start(): Promise<string | null> {
    const current = currentRequest();
    if (!current) return null;
    const { request, started } = withDistinctLabel(current);
    const ids = await startRequests([request], 'Could not start training');
    if (!ids) return null;
    started();
    await jobs.track(ids[0]!);
    return ids[0]!;
  }

  /** Queues a run and stays on the form (the jobs panel shows it), so several runs can be queued. */
  async function queue(): Promise<string | null> {
    const current = currentRequest();
    if (!current) return null;
    const { request, started } = withDistinctLabel(current);
    const ids = await startRequests([request], 'Could not queue the run');
    if (!ids) return null;
    started();
    toasts.show('info', 'Run queued', `${request.label} waits for a free worker; keep editing to queue more.`);
    return ids[0]!;
  }

  /**
   * The convex run and back-propagation on the same split (the split seed is the form's seed)
   * with `seeds` different initializations, all tagged with one group id.
   */
  async function compareWithBackprop(seeds: number = DEFAULT_BASELINE_SEEDS): Promise<StartedGroup | null> {
    const base = currentRequest();
    if (!base || !options.value) return null;
    const group = `compare-${Date.now().toString(36)}`;
    const seed = base.options.seed;
    const hidden = Math.min(MAX_HIDDEN_UNITS, base.options.patterns);
    const backprop: TrainOptions = {
      ...base.options,
      solver: 'backprop',
      formulation: 'sampled',
      patterns: hidden,
      solverSettings: presetSolverSettings(preset.value ?? 'balanced', 'backprop'),
    };
    const dataset = datasets.current!;
    const requests: StartJobRequest[] = [
      { ...base, group, splitSeed: seed, label: `${runLabel(dataset.name, base.options)} (convex)` },
      ...Array.from({ length: seeds }, (_, k): StartJobRequest => ({
        ...base,
        options: { ...backprop, seed: (seed + k + 1) % 0x100000000 },
        group,
        splitSeed: seed,
        label: `${dataset.name} · back-propagation, seed ${(seed + k + 1) % 0x100000000}`,
      })),
    ];
    const ids = await startRequests(requests, 'Could not start the comparison');
    if (!ids) return null;
    lastComparison.value = { group, jobIds: ids };
    // The Train screen lists the group; Results then opens on the convex run, not on nothing.
    jobs.select(ids[0]!);
    await jobs.refresh();
    return lastComparison.value;
  }

  /** A beta sweep over a log grid in one job (warm starts); optionally picking beta by k-fold cross-validation. */
  async function startSweep(betas: readonly number[], cvFolds: number | null): Promise<string | null> {
    const base = currentRequest();
    if (!base) return null;
    const request: StartJobRequest = { ...base, label: `${base.label} · beta sweep (${betas.length} values)`, sweep: { betas: [...betas], ...(cvFolds ? { cvFolds } : {}) } };
    const ids = await startRequests([request], 'Could not start the sweep');
    if (!ids) return null;
    lastSweepJobId.value = ids[0]!;
    // The Train screen shows it as it goes; Results, when opened, shows this job.
    jobs.select(ids[0]!);
    await jobs.refresh();
    return ids[0]!;
  }

  /** An epsilon sweep: the form's settings trained at every radius (0 = standard) in one job; absent radii: scaled to the data. */
  async function startEpsilonSweep(epsilon: EpsilonSweepSettings): Promise<string | null> {
    const base = currentRequest();
    if (!base) return null;
    const count = epsilon.epsilons ? `${new Set([0, ...epsilon.epsilons]).size} values` : epsilon.count ? `${epsilon.count + 1} values` : 'default grid';
    const request: StartJobRequest = { ...base, label: `${datasets.current!.name} · ${solverLabel(base.options.solver)} · epsilon sweep (${count})`, sweep: { parameter: 'epsilon', epsilon } };
    const ids = await startRequests([request], 'Could not start the sweep');
    if (!ids) return null;
    lastSweepJobId.value = ids[0]!;
    // The Train screen shows it as it goes; Results, when opened, shows this job.
    jobs.select(ids[0]!);
    await jobs.refresh();
    return ids[0]!;
  }

  async function startCrossValidation(folds: number): Promise<string | null> {
    const base = currentRequest();
    if (!base) return null;
    const request: StartJobRequest = { ...base, label: `${base.label} · ${folds}-fold cross-validation`, crossValidation: { folds } };
    const ids = await startRequests([request], 'Could not start the cross-validation');
    if (!ids) return null;
    lastCrossValidationJobId.value = ids[0]!;
    // The Train screen shows it as it goes; Results, when opened, shows this job.
    jobs.select(ids[0]!);
    await jobs.refresh();
    return ids[0]!;
  }

  /** "Use this model": trains the sweep point's beta on the same split and seed, and selects that run. */
  async function trainWithBeta(beta: number): Promise<string | null> {
    const base = currentRequest();
    if (!base) return null;
    const ids = await startRequests([{ ...base, options: { ...base.options, beta }, label: `${base.label} · beta ${beta.toPrecision(3)}` }], 'Could not start training');
    if (!ids) return null;
    await jobs.track(ids[0]!);
    return ids[0]!;
  }

  /**
   * "Use this model" of an epsilon sweep: trains the point's radius (no adversary at 0) with the
   * sweep's threat on the same split and seed; the form's immutable columns are kept, per-column
   * radii dropped, as in the sweep.
   */
  async function trainWithEpsilon(epsilon: number, threat: { norm: ThreatNorm; units: 'raw' | 'standardized' }): Promise<string | null> {
    const base = currentRequest();
    if (!base) return null;
    const { adversarial: previous, ...plain } = base.options;
    const adversarial: AdversarialTraining = {
      epsilon,
      norm: threat.norm,
      units: threat.units,
      ...(previous?.immutable?.length ? { immutable: previous.immutable } : {}),
      ...(previous?.baselineAttack ? { baselineAttack: previous.baselineAttack } : {}),
    };
    const ids = await startRequests([{ ...base, options: epsilon > 0 ? { ...plain, adversarial } : plain, label: `${base.label} · epsilon ${epsilon.toPrecision(3)}` }], 'Could not start training');
    if (!ids) return null;
    await jobs.track(ids[0]!);
    return ids[0]!;
  }

  /** "Duplicate and change": the settings of a finished run, back in the form. */
  async function duplicate(jobId: string): Promise<boolean> {
    try {
      const result = jobs.results.get(jobId) ?? (await api.jobResult({ jobId }));
      options.value = plainCopy(result.options) as EditableTrainOptions;
      const total = result.trainCount + result.testCount;
      if (total > 0) testFraction.value = Math.round((result.testCount / total) * 100) / 100;
      preset.value = null;
      // The run's solver was chosen for it: it stays if the loss is changed.
      solverPicked.value = true;
      return true;
    } catch (error) {
      toasts.showError('Could not read the settings of that run', error);
      return false;
    }
  }

  /** The estimate for the current values: the cost model at once, then calibrated by a probe in a worker. */
  async function refreshEstimate(): Promise<void> {
    const dataset = datasets.current;
    if (!dataset || !options.value) return;
    const id = ++estimateRequest;
    const request = { datasetId: dataset.datasetId, options: plainCopy(options.value), testFraction: testFraction.value };
    estimating.value = true;
    try {
      const quick = await api.trainingEstimate({ ...request, probe: false });
      if (id === estimateRequest) {
        estimate.value = quick;
        dataProblem.value = null;
      }
      if (probeInFlight) {
        probeWanted = true;
        return;
      }
      probeInFlight = true;
      try {
        const probed = await api.trainingEstimate({ ...request, probe: true });
        if (id === estimateRequest) estimate.value = probed;
      } finally {
        probeInFlight = false;
      }
      if (probeWanted) {
        probeWanted = false;
        void refreshEstimate();
      }
    } catch (error) {
      // Settings the back end rejects are explained by the form; keep the last estimate. A problem
      // with the data is not: it takes the estimate's place.
      if (id === estimateRequest && noteDataProblem(error)) estimate.value = null;
    } finally {
      if (id === estimateRequest) estimating.value = false;
    }
  }

  /** Keeps a data/* error's message for the Train screen; true when it was one. */
  function noteDataProblem(error: unknown): boolean {
    const { code, message } = describeError(error);
    if (!code.startsWith('data/')) return false;
    dataProblem.value = message;
    return true;
  }

  watch(
    () => datasets.current?.datasetId,
    (datasetId) => {
      estimate.value = null;
      advice.value = null;
      dataProblem.value = null;
      if (datasetId) void loadDefaults(datasetId);
      else options.value = null;
    },
    { immediate: true },
  );

  return {
    defaults,
    options,
    testFraction,
    defaultsLoading,
    starting,
    advice,
    preset,
    estimate,
    estimating,
    dataProblem,
    lastComparison,
    lastSweepJobId,
    lastCrossValidationJobId,
    startEpsilonSweep,
    trainWithEpsilon,
    loadDefaults,
    resetToDefaults,
    applyPreset,
    setSolver,
    setLoss,
    pickSolver,
    setFormulation,
    solverRecommendation,
    switchToRobustSolver,
    setSolverSetting,
    start,
    queue,
    compareWithBackprop,
    startSweep,
    startCrossValidation,
    trainWithBeta,
    duplicate,
    refreshEstimate,
  };
});

/** A deep copy without Vue proxies at any depth (spreading a reactive object leaves nested proxies). */
function plainCopy<T>(value: T): T {
  const raw = toRaw(value);
  if (Array.isArray(raw)) return raw.map((item: unknown) => plainCopy(item)) as T;
  if (raw !== null && typeof raw === 'object') {
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, plainCopy(v)])) as T;
  }
  return raw;
}

/**
 * A run's name in the Jobs panel and the history: the dataset and the solver, and for adversarial
 * training its radius and norm, so robust and standard runs of the same data tell apart.
 */
export function runLabel(datasetName: string, options: TrainOptions): string {
  const adversarial = options.adversarial;
  const robust = adversarial && adversarial.epsilon > 0 ? ` · adversarial, epsilon ${Number(adversarial.epsilon.toPrecision(6))} (${adversarial.norm === 'l2' ? 'l2' : 'l-inf'}${adversarial.units === 'standardized' ? ', standardized' : ''})` : '';
  // Patterns from back-propagation set a run apart from the same solver's with random ones (Compare runs lists both).
  const patterns = options.formulation === 'sampled' && patternSourceOf(options.solverSettings) === 'backprop' ? ' · patterns from back-propagation' : '';
  return `${datasetName} · ${solverLabel(options.solver)}${patterns}${robust}`;
}
