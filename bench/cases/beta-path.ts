/**
 * The regularization-path target: a warm-started path over `points` values of beta (log grid
 * from fromFactor to toFactor times defaultBeta(n)) against ONE cold solve at the middle beta,
 * through trainModel / solveBetaPath (the app's path: regression data, bias column, sampled
 * patterns). Ratio = path wall time / cold middle solve wall time; the target is <= 3. The cold
 * path (every point from zero) is timed too, so the saving of the warm starts is visible.
 */
import { defaultContext } from '../../src-core/solvers/solver-types';
import { logGrid, solveBetaPath } from '../../src-core/training/beta-path';
import { trainModel } from '../../src-core/training/train-model';
import { defaultBeta } from '../../src-core/training/train-defaults';
import type { TrainOptions } from '../../src-core/training/train-types';
import { makeSyntheticData } from '../data';
import { cpuMsNow, sig } from '../stats';
import type { Metrics, PathParams } from '../types';

export function runPathCase(params: PathParams): Metrics {
  const synthetic = makeSyntheticData(params.n, params.features, params.seed);
  const data = { X: synthetic.X, y: synthetic.yRegression, task: 'regression' as const, featureNames: Array.from({ length: params.features }, (_, j) => `x${j}`), classNames: [] };
  const base = defaultBeta(params.n);
  const betas = logGrid(base * params.fromFactor, base * params.toFactor, params.points);
  const middle = betas[Math.floor((betas.length - 1) / 2)]!;
  const options: TrainOptions = {
    task: 'regression', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: params.patterns, beta: middle, bias: true, seed: params.seed,
    solverSettings: { tolerance: params.tolerance },
  };

  const c0 = cpuMsNow();
  const t0 = performance.now();
  const cold = trainModel(data, options, defaultContext());
  const coldMs = performance.now() - t0;
  const coldCpuMs = cpuMsNow() - c0;

  const t1 = performance.now();
  const warm = solveBetaPath(data, null, options, betas, defaultContext(), { warmStart: true });
  const warmMs = performance.now() - t1;

  const t2 = performance.now();
  const coldPath = solveBetaPath(data, null, options, betas, defaultContext(), { warmStart: false });
  const coldPathMs = performance.now() - t2;

  return {
    n: params.n,
    features: params.features,
    patterns: params.patterns,
    tolerance: params.tolerance,
    betas: betas.map((b) => sig(b)),
    middleBeta: middle,
    coldMiddleMs: coldMs,
    coldMiddleCpuMs: coldCpuMs,
    coldMiddleIterations: cold.heads[0]!.info.iterations,
    coldMiddleStatus: cold.status,
    warmPathMs: warmMs,
    coldPathMs,
    ratio: warmMs / coldMs,
    coldPathRatio: coldPathMs / coldMs,
    warmIterations: warm.points.map((p) => p.iterations),
    coldIterations: coldPath.points.map((p) => p.iterations),
    warmStatuses: warm.points.map((p) => p.status),
    // Same optimum along the path: the largest relative difference of the objectives, warm vs cold.
    maxObjectiveDifference: Math.max(...warm.points.map((p, i) => Math.abs(p.objective - coldPath.points[i]!.objective) / Math.abs(coldPath.points[i]!.objective))),
  };
}
