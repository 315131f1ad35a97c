/**
 * Adversarial training's epsilon sweep as the app runs it: a built-in dataset split 75/25 and
 * standardized, the Balanced preset with ADMM and the given loss, the default l_inf epsilon grid
 * in raw units, solveEpsilonPath. Reports per radius the robust method (interior point when the
 * solve counted Newton steps, else PDHG), its iterations (Newton steps or PDHG iterations), status and gap,
 * and the estimate before Start as the app makes it (training-advice.ts: the model calibrated by
 * a probe of the same method on a sample of the rows) against the measured time per step.
 */
import { loadBuiltInDataset } from '../../src-core/data/builtin/registry';
import { readTarget } from '../../src-core/data/target-column';
import { resolveAdversarial } from '../../src-core/robust/adversarial-options';
import { defaultContext } from '../../src-core/solvers/solver-types';
import { defaultEpsilonGrid, solveEpsilonPath } from '../../src-core/training/epsilon-path';
import { prepareTrainingData } from '../../src-core/training/prepare-training-data';
import { presetOptions } from '../../src-core/training/presets';
import type { TrainOptions } from '../../src-core/training/train-types';
import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import { measured } from '../stats';
import { calibratedRobustEstimate, probeMsPerStep, robustEstimate, robustProbeOptions, robustProbeRows, type RobustEstimate } from '../../src-core/robust/robust-estimate';
import { costInputsFor, probeSample } from '../../src-core/training/cost-probe';
import { trainModel } from '../../src-core/training/train-model';
import type { Dataset } from '../../src-core/data/dataset';
import type { Metrics, RobustSweepParams } from '../types';

export function runRobustSweepCase(params: RobustSweepParams): Metrics {
  const dataset = loadBuiltInDataset({ id: params.dataset, ...(params.rows !== undefined ? { rows: params.rows } : {}) });
  const prep = prepareTrainingData(dataset.table, readTarget(dataset.table, dataset.target), { testFraction: 0.25, seed: 1, standardize: true });
  const train = prep.fitted.dataset;
  const shape = { task: train.task, rows: train.X.rows, features: train.X.cols, bias: true };
  // BCE: ADMM-RBCD (ADMM's standard solve, at radius 0, is for the squared loss).
  const solver = params.loss === 'bce' ? 'admm-rbcd' : 'admm';
  const solverSettings = { tolerance: params.tolerance, ...(params.maxIterations !== undefined ? { maxIterations: params.maxIterations } : {}), ...(params.method ? { method: params.method } : {}) };
  const options: TrainOptions = { ...presetOptions('balanced', shape, params.seed), solver, loss: params.loss, solverSettings };
  const perUnit = resolveAdversarial({ epsilon: 1, norm: 'linf', units: 'raw' }, prep.fitted.pipeline).featureRadii ?? [];
  // Radius 0 is the standard solve, whose solver knows no robust 'method': a case that names one
  // sweeps the positive radii only.
  const standard = params.method ? [] : [0];
  const radii = [...standard, ...defaultEpsilonGrid(train, perUnit).filter((e) => e > 0)];
  const threats = radii.map((epsilon): AdversarialTraining => resolveAdversarial({ epsilon, norm: 'linf', units: 'raw' }, prep.fitted.pipeline));
  // The estimate before Start, at the largest radius, made before the sweep as the app makes it.
  const estimateOptions: TrainOptions = { ...options, adversarial: threats.at(-1)! };
  const modelled = robustEstimate(estimateOptions, train.X.rows, train.X.cols);
  const estimate = modelled ? probeCalibrated(modelled, estimateOptions, train) : null;
  const { value: path, ms, cpuMs } = measured(() => solveEpsilonPath(train, prep.test, options, threats, defaultContext()));
  const robust = path.outcomes.slice(standard.length).flatMap((outcome, i) =>
    outcome.heads.map((head) => ({
      epsilon: radii[i + standard.length],
      method: head.info.newtonSteps ? 'ipm' : 'pdhg',
      status: head.status,
      iterations: head.info.iterations,
      gap: head.info.relativeGap,
      ms: head.info.setupMs + head.info.solveMs,
    })),
  );
  // The estimate against the measured time per step (Newton step or PDHG iteration) of the runs of its method.
  const runs = robust.filter((r) => r.method === estimate?.method && r.iterations > 0);
  const measuredMsPerStep = runs.length > 0 ? runs.reduce((s, r) => s + r.ms, 0) / runs.reduce((s, r) => s + r.iterations, 0) : null;
  return {
    estimatedMethod: estimate?.method ?? null,
    estimatedMsPerStep: estimate?.msPerStep ?? null,
    modelMsPerStep: modelled?.msPerStep ?? null,
    probeRows: estimate?.probeRows ?? null,
    measuredMsPerStep,
    estimateRatio: estimate && measuredMsPerStep ? estimate.msPerStep / measuredMsPerStep : null,
    dataset: params.dataset,
    rows: train.X.rows,
    features: train.X.cols,
    classes: train.task === 'multiclass' ? train.classNames.length : 2,
    loss: params.loss,
    method: params.method ?? 'auto',
    radii: radii.length - standard.length,
    sweepMs: ms,
    sweepCpuMs: cpuMs,
    robustSolves: robust.length,
    solved: robust.filter((r) => r.status === 'solved').length,
    methods: [...new Set(robust.map((r) => r.method))],
    largestGap: Math.max(...robust.map((r) => r.gap ?? Infinity)),
    perRadius: robust,
  };
}

/**
 * The model calibrated by the app's probe (training-advice.ts): the run's options for a few steps
 * of the same method on a sample of the training rows, its steady time per step against the
 * model's at the sample's size. Run twice, the first as a warm-up, as in a worker that ran jobs
 * before (train-estimate.ts does the same).
 */
function probeCalibrated(modelled: RobustEstimate, options: TrainOptions, train: Dataset): RobustEstimate & { probeRows: number } {
  const heads = costInputsFor(options, train).heads;
  const sample = probeSample(train, robustProbeRows(options, modelled.method, train.X.rows, train.X.cols, heads));
  const probe = robustProbeOptions(options, modelled.method);
  trainModel(sample, probe, defaultContext());
  const outcome = trainModel(sample, probe, defaultContext());
  const calibrated = calibratedRobustEstimate(modelled, options, sample.X.rows, sample.X.cols, probeMsPerStep(outcome.heads[0]!.history));
  return { ...calibrated, probeRows: sample.X.rows };
}
