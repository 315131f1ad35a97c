import { totalmem } from 'node:os';
import type { TrainingAdvice, TrainingEstimateRequest, TrainingEstimateResponse } from '../../src-core/contract/training-jobs';
import { isConvexNetError } from '../../src-core/errors';
import { automaticChoices, type Choice, type DataShape } from '../../src-core/training/auto-choices';
import { patternNetworkMs } from '../../src-core/training/pattern-network-estimate';
import { calibrateFlopRate, estimateTraining, flopRateFromSteadyTime, headRounds, iterationLimit, sizeWarnings, steadyMsPerIteration, UNCALIBRATED_FLOPS_PER_MS } from '../../src-core/training/cost-estimate';
import { withResolvedAdversarial } from '../../src-core/robust/adversarial-options';
import { describeRadiusSuggestion } from '../../src-core/robust/suggested-radius';
import { calibratedRobustEstimate, probeMsPerStep, robustEstimate, robustProbeOptions, robustProbeRows } from '../../src-core/robust/robust-estimate';
import { checkTrainOptions } from '../../src-core/training/check-train-options';
import { costInputsFor, probeOptions, probeRows, solverSettingSpecsOf } from '../../src-core/training/cost-probe';
import { exactSizeWarnings } from '../../src-core/training/exact-size-warnings';
import { fewRowsWarning } from '../../src-core/training/few-rows-warning';
import { DEFAULT_PRESET, presetAdvice, presetOptions, type PresetData } from '../../src-core/training/presets';
import { APP_TEST_FRACTION, defaultTrainOptions, TRAIN_DEFAULTS } from '../../src-core/training/train-defaults';
import type { TrainOptions } from '../../src-core/training/train-types';
import type { DatasetRegistry, LoadedDataset } from './dataset-registry';
import type { DataWorker } from './data-worker-client';
import type { JobManager } from './job-manager';
import type { PrepareRequest } from './prepare-job';

/** The automatic choices and presets for a dataset, on its prepared training rows (prepared in the data worker). */
export async function trainingAdvice(datasets: DatasetRegistry, data: DataWorker, datasetId: string, testFraction: number): Promise<TrainingAdvice> {
  const dataset = datasets.get(datasetId);
  const shape = await shapeOf(data, dataset, testFraction);
  const { presets } = presetAdvice(shape, presetDataOf(dataset));
  const radii = await robustRadiusAdvice(data, dataset, presets[DEFAULT_PRESET], testFraction);
  return { shape, automatic: automaticChoices(shape), presets, ...radii };
}

/**
 * The adversarial section's first radius (l_inf), in raw units and in standardized ones:
 * suggestRobustRadius on the prepared training rows with the default preset's patterns and seed.
 * Each is absent when no sampled pattern splits the rows (the form then falls back to a tenth of
 * the smallest column spread). Both, because with column spreads far apart (breast cancer's:
 * 230,000-fold) the raw radius is one the wide columns never feel, and the reason says to try
 * standardized units: the form then shows that units' own radius.
 */
async function robustRadiusAdvice(data: DataWorker, dataset: LoadedDataset, preset: TrainOptions, testFraction: number): Promise<Pick<TrainingAdvice, 'robustRadius' | 'robustRadiusStandardized'>> {
  const summary = await data.summary(dataset, prepareRequest(defaultTrainOptions(dataset.task), testFraction), { radii: { bias: preset.bias, patterns: preset.patterns, seed: preset.seed } });
  const [raw, standardized] = summary.radii!.map((suggestion): Choice<number> | null => (suggestion ? { value: suggestion.value, reason: describeRadiusSuggestion(suggestion) } : null));
  return { ...(raw ? { robustRadius: raw } : {}), ...(standardized ? { robustRadiusStandardized: standardized } : {}) };
}

/**
 * The Train form's first values for a dataset: the default preset (Balanced) on its prepared
 * training rows with the app's default split (APP_TEST_FRACTION), so the form, its "Recommended" line and the preset
 * marked as chosen agree (Balanced takes the interior-point solver for small squared-loss
 * problems). The class weights chosen on the Data screen travel with them.
 */
export async function trainingDefaults(datasets: DatasetRegistry, data: DataWorker, datasetId: string): Promise<TrainOptions> {
  const dataset = datasets.get(datasetId);
  let options: TrainOptions;
  try {
    options = presetOptions(DEFAULT_PRESET, await shapeOf(data, dataset, APP_TEST_FRACTION), TRAIN_DEFAULTS.seed, presetDataOf(dataset));
  } catch (error) {
    // Data the preparation refuses (e.g. only empty feature columns) still gets a form with the
    // plain defaults; the estimate and Start then name the problem, as the advice's absence does.
    if (!isConvexNetError(error)) throw error;
    options = defaultTrainOptions(dataset.task, Math.round(dataset.summary.rowCount * (1 - APP_TEST_FRACTION)));
  }
  const classWeights = dataset.configuration.classWeights;
  return classWeights === 'none' ? options : { ...options, classWeights: classWeights === 'balanced' ? classWeights : [...classWeights] };
}

/** Class weights travel with the dataset; a weighted dataset keeps the presets off 'ipm'. */
function presetDataOf(dataset: LoadedDataset): PresetData {
  return { classWeighted: dataset.task !== 'regression' && dataset.configuration.classWeights !== 'none' };
}

/**
 * Memory and time per iteration of a run before it starts: the core's cost model on the
 * prepared data's size; with `probe`, a few iterations of the same settings on a sample of the
 * training rows in a worker measure this machine's speed (flops per ms), which then scales the
 * model to the full size.
 */
export async function trainingEstimate(datasets: DatasetRegistry, data: DataWorker, jobs: JobManager, request: TrainingEstimateRequest): Promise<TrainingEstimateResponse> {
  // Options jobs.start would refuse get no estimate: the same explanation, before any data are prepared.
  checkTrainOptions(request.options);
  const dataset = datasets.get(request.datasetId);
  const split = prepareRequest(request.options, request.testFraction);
  const prepared = await data.summary(dataset, split);
  // The prepared training set's size: the cost model reads no more (the probe's sample comes from the worker).
  const train = prepared.size;
  const inputs = costInputsFor(request.options, train);
  const settings = request.options.solverSettings ?? {};
  const maxIterations = iterationLimit(request.options.solver, solverSettingSpecsOf[request.options.solver], settings);
  const machineBytes = totalmem();
  // A job's folds or one-vs-rest heads on several workers at once (job-parts.ts): their times overlap.
  const workersAtOnce = jobs.workersAtOnce(request.options, train);
  const headsAtOnce = request.options.task === 'multiclass' ? Math.min(inputs.heads, workersAtOnce) : 1;
  const size = {
    task: dataset.task,
    rows: inputs.rows,
    columns: inputs.columns,
    heads: inputs.heads,
    ...(headsAtOnce > 1 ? { headsAtOnce } : {}),
    ...(workersAtOnce > 1 ? { workersAtOnce } : {}),
    machineBytes,
  };
  const fewRows = fewRowsWarning(train.X.rows, inputs.columns);
  const dataWarnings = [...prepared.warnings, ...(fewRows === null ? [] : [fewRows])];
  // The adversarial settings resolved as the job will resolve them (their radii per prepared feature).
  const options = withResolvedAdversarial(request.options, prepared.pipeline);
  const modelledRobust = robustEstimate(options, train.X.rows, train.X.cols);
  if (modelledRobust) {
    // Adversarial training on ADMM/ADMM-RBCD: the robust program's own model (interior-point
    // Newton steps or PDHG iterations), calibrated by a few steps of the same method on a sample
    // of the training rows.
    const { method } = modelledRobust;
    let robust = modelledRobust;
    let probedRows: number | null = null;
    if (request.probe) {
      const sample = (await data.summary(dataset, split, { sampleRows: robustProbeRows(options, method, train.X.rows, train.X.cols, inputs.heads) })).sample!;
      const reply = await jobs.probe((jobId, cancelFlag) => ({
        type: 'run',
        jobId,
        train: sample,
        test: null,
        options: robustProbeOptions(options, method),
        cancelFlag,
        progressIntervalMs: 1000,
        timingOnly: true,
      }));
      robust = calibratedRobustEstimate(modelledRobust, options, sample.X.rows, sample.X.cols, probeMsPerStep(reply.outcome.heads[0]!.history));
      probedRows = sample.X.rows;
    }
    // Patterns from back-propagation: its networks first (at the uncalibrated rate: this probe timed the robust method).
    const networksMs = patternNetworkMs(options, train, UNCALIBRATED_FLOPS_PER_MS);
    const worstCaseMs = headRounds(inputs.heads, headsAtOnce) * robust.maxSteps * robust.msPerStep + networksMs;
    return {
      ...size,
      msPerIteration: robust.msPerStep,
      setupMs: networksMs,
      ...(networksMs > 0 ? { patternNetworksMs: networksMs } : {}),
      worstCaseMs,
      maxIterations: robust.maxSteps,
      bytes: robust.bytes,
      calibrated: probedRows !== null,
      probeRows: probedRows,
      linearSystemPath: null,
      robustMethod: method,
      warnings: [...dataWarnings, ...sizeWarnings(robust.bytes, machineBytes, worstCaseMs, robust.maxSteps, inputs.heads, headsAtOnce)],
    };
  }
  let rate = UNCALIBRATED_FLOPS_PER_MS;
  let probedRows: number | null = null;
  if (request.probe) {
    // Its own buffers (the worker message transfers them); the training set stays in the data worker.
    const sample = (await data.summary(dataset, split, { sampleRows: probeRows(request.options, train) })).sample!;
    const probe = probeOptions(request.options);
    const reply = await jobs.probe((jobId, cancelFlag) => ({
      type: 'run',
      jobId,
      train: sample,
      test: null,
      options: probe,
      cancelFlag,
      progressIntervalMs: 1000,
    }));
    const iterations = reply.outcome.heads.reduce((s, h) => s + h.info.iterations, 0);
    // The steady per-iteration time between the probe's checks; the whole solve time when too short.
    const steady = steadyMsPerIteration(reply.outcome.heads[0]!.history);
    rate = steady !== null ? flopRateFromSteadyTime(costInputsFor(probe, sample), steady) : calibrateFlopRate(costInputsFor(probe, sample), iterations, reply.outcome.solveMs);
    probedRows = sample.X.rows;
  }
  const estimate = estimateTraining(inputs, maxIterations, rate, machineBytes, headsAtOnce);
  // Patterns from back-propagation: its networks run first, once for all heads.
  const networksMs = patternNetworkMs(request.options, train, rate);
  const worstCaseMs = estimate.worstCaseMs + networksMs;
  // The estimate's own warnings, over the run's whole time.
  const sizeWarningsOfRun = sizeWarnings(estimate.bytes, machineBytes, worstCaseMs, maxIterations, inputs.heads, headsAtOnce);
  return {
    ...size,
    msPerIteration: estimate.msPerIteration,
    setupMs: estimate.setupMs + networksMs,
    ...(networksMs > 0 ? { patternNetworksMs: networksMs } : {}),
    worstCaseMs,
    maxIterations,
    bytes: estimate.bytes,
    calibrated: probedRows !== null,
    probeRows: probedRows,
    linearSystemPath: estimate.linearSystemPath,
    warnings: [
      ...exactSizeWarnings(request.options, train.X.rows, inputs.columns),
      ...dataWarnings,
      ...sizeWarningsOfRun,
      // Robust convex solves of known size were estimated above; back-propagation's adversarial
      // training and the exact formulation's robust program are not modelled.
      ...(request.options.adversarial && request.options.adversarial.epsilon > 0
        ? ['The estimate is for standard training: adversarial training solves a larger program and usually takes several times longer per iteration.']
        : []),
    ],
  };
}

/**
 * The split and preparation of these options (the data worker keeps the last two prepared: the
 * form asks again after every edit, and they only change with the dataset, task, seed or test
 * share; opening the Train screen asks for the defaults, the advice and an estimate of one split).
 */
function prepareRequest(options: TrainOptions, testFraction: number): PrepareRequest {
  return { task: options.task, seed: options.seed, testFraction };
}

/** The prepared training set's shape for the automatic choices, with the dataset's default options. */
async function shapeOf(data: DataWorker, dataset: LoadedDataset, testFraction: number): Promise<DataShape> {
  const options = defaultTrainOptions(dataset.task);
  return (await data.summary(dataset, prepareRequest(options, testFraction), { shape: { task: dataset.task, bias: options.bias } })).shape!;
}
