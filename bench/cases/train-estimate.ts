/**
 * Accuracy of the estimate shown before Start: the app's own procedure (cost model calibrated
 * by the probe: the run's settings for a few iterations on as many evenly spaced training rows
 * as the probe budget affords, see cost-probe.ts) against
 * the measured time per iteration of the full run on the same data (through trainModel, the
 * app's path). Ratio = estimated / measured; the target is within a factor 2.
 */
import { defaultContext } from '../../src-core/solvers/solver-types';
import { calibrateFlopRate, estimateTraining, flopRateFromSteadyTime, iterationLimit, modelCost, steadyMsPerIteration } from '../../src-core/training/cost-estimate';
import { costInputsFor, probeOptions, probeRows, probeSample, solverSettingSpecsOf } from '../../src-core/training/cost-probe';
import { trainModel } from '../../src-core/training/train-model';
import { defaultBeta } from '../../src-core/training/train-defaults';
import type { TrainOptions } from '../../src-core/training/train-types';
import { binaryDataset, makeSyntheticData } from '../data';
import type { EstimateParams, Metrics } from '../types';

export function runEstimateCase(params: EstimateParams): Metrics {
  const data = binaryDataset(makeSyntheticData(params.n, params.features, params.seed));
  const options: TrainOptions = {
    task: 'binary',
    loss: params.loss,
    solver: params.solver,
    formulation: 'sampled',
    patterns: params.patterns,
    beta: defaultBeta(params.n),
    bias: true,
    seed: params.seed,
    // The solver's defaults, as a user who starts from the Balanced preset has them.
    solverSettings: {},
  };
  // The probe, exactly as the app runs it (a short warm-up first, as a worker that ran jobs before).
  const sample = probeSample(data, probeRows(options, data));
  const probe = probeOptions(options);
  trainModel(sample, probe, defaultContext());
  const probeOutcome = trainModel(sample, probe, defaultContext());
  const probeIterations = probeOutcome.heads.reduce((s, h) => s + h.info.iterations, 0);
  const steady = steadyMsPerIteration(probeOutcome.heads[0]!.history);
  const rate = steady !== null ? flopRateFromSteadyTime(costInputsFor(probe, sample), steady) : calibrateFlopRate(costInputsFor(probe, sample), probeIterations, probeOutcome.solveMs);
  const full = costInputsFor(options, data);
  const estimate = estimateTraining(full, iterationLimit(options.solver, solverSettingSpecsOf[options.solver], options.solverSettings), rate, 0);

  // The measured run: the same settings for `iterations` iterations on every row.
  const measuredOptions: TrainOptions = {
    ...options,
    solverSettings: { ...probe.solverSettings, ...(options.solver === 'backprop' ? { epochs: params.iterations } : { maxIterations: params.iterations }), timeLimitMs: 0 },
  };
  const outcome = trainModel(data, measuredOptions, defaultContext());
  const iterations = outcome.heads.reduce((s, h) => s + h.info.iterations, 0);
  // Steady time per iteration between the first and last check (as the estimate means it);
  // the whole solve time per iteration, start-up included, is recorded beside it.
  const measuredMsPerIteration = steadyMsPerIteration(outcome.heads[0]!.history) ?? outcome.solveMs / iterations;
  return {
    solver: params.solver,
    loss: params.loss,
    n: params.n,
    features: params.features,
    patterns: params.patterns,
    probeRows: sample.X.rows,
    probeIterations,
    probeSolveMs: probeOutcome.solveMs,
    flopsPerMs: rate,
    modelFlopsPerIteration: modelCost(full).flopsPerIteration,
    linearSystemPath: estimate.linearSystemPath,
    estimatedMsPerIteration: estimate.msPerIteration,
    measuredIterations: iterations,
    measuredMsPerIteration,
    measuredMsPerIterationWithStartup: outcome.solveMs / iterations,
    ratio: estimate.msPerIteration / measuredMsPerIteration,
    estimatedSetupMs: estimate.setupMs,
    measuredSetupMs: outcome.setupMs,
    estimatedBytes: estimate.bytes,
  };
}
