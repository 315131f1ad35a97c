/**
 * One runner of the time-to-accuracy race: trainModel with the given solver on the binary
 * synthetic data (the app's path: bias column, patterns / directions / hidden units from
 * options.patterns, beta = defaultBeta(n)). Every progress event is stamped with the wall time
 * since trainModel was called, so the traces of all solvers share one time axis (their own
 * history times start at different points: after setup for ADMM, before it for SCP and
 * back-propagation). The cross-solver comparison (time to within 1% / 0.1% of the best
 * objective, time to the best accuracy) is computed by the runner from these traces.
 */
import { appendOnesColumn } from '../../src-core/linalg/matrix';
import { networkScores } from '../../src-core/network/forward';
import { trainModel } from '../../src-core/training/train-model';
import { defaultBeta } from '../../src-core/training/train-defaults';
import type { TrainOptions } from '../../src-core/training/train-types';
import { binaryDataset, makeSyntheticData } from '../data';
import { IterationClock, cpuMsNow, downsample, sig } from '../stats';
import type { Metrics, RaceParams } from '../types';

export function runRaceCase(params: RaceParams): Metrics {
  const data = makeSyntheticData(params.n, params.features, params.seed);
  const dataset = binaryDataset(data);
  const options: TrainOptions = {
    task: 'binary',
    loss: params.loss,
    solver: params.solver,
    formulation: 'sampled',
    patterns: params.patterns,
    beta: defaultBeta(params.n),
    bias: true,
    seed: params.seed,
    solverSettings: { ...params.solverSettings, timeLimitMs: params.timeLimitMs },
  };
  const clock = new IterationClock();
  const cpu0 = cpuMsNow();
  const t0 = performance.now();
  clock.start();
  const outcome = trainModel(dataset, options, clock.context());
  const wallMs = performance.now() - t0;
  const head = outcome.heads[0]!;
  const trace = clock.progress.map((p) => ({
    timeMs: sig(p.atMs),
    iteration: p.iteration,
    objective: sig(p.objective, 8),
    trainAccuracy: p.trainAccuracy ?? null,
    relativeGap: p.relativeGap === undefined ? null : sig(p.relativeGap),
  }));
  // Final training accuracy of the delivered network, class = 1[score > 0] (the squared loss
  // reports no accuracy in its history, its labels being real numbers to the solver).
  const scores = networkScores(head.network, head.network.hasBias ? appendOnesColumn(data.X) : data.X);
  let correct = 0;
  for (let k = 0; k < params.n; k++) if ((scores[k]! > 0) === (data.yBinary[k] === 1)) correct++;
  return {
    solver: params.solver,
    loss: params.loss,
    n: params.n,
    features: params.features,
    patterns: params.patterns,
    beta: options.beta,
    status: outcome.status,
    iterations: head.info.iterations,
    objective: head.info.objective,
    relativeGap: head.info.relativeGap,
    finalTrainAccuracy: correct / params.n,
    neurons: head.network.output.length,
    setupMs: outcome.setupMs,
    solveMs: outcome.solveMs,
    wallMs,
    cpuMs: cpuMsNow() - cpu0,
    // The full trace for the cross-solver metrics, thinned for the report.
    trace: downsample(trace, 400),
    notes: head.info.notes,
    details: head.info.details ?? [],
  };
}
