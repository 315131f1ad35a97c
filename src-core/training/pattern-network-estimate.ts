import type { Dataset, DatasetSize } from '../data/dataset';
import { patternNetworkEpochs } from './backprop-patterns';
import { estimateTraining, iterationLimit } from './cost-estimate';
import { costInputsFor, solverSettingSpecsOf } from './cost-probe';
import { trainsPatternNetworks } from './pattern-source';
import type { TrainOptions } from './train-types';

/**
 * Modelled time (ms, at most: every epoch run) of the back-propagation networks that give a run's
 * patterns when its pattern source is back-propagation (backprop-patterns.ts: one network of
 * ceil(P / heads) neurons per head for patternNetworkEpochs epochs), at the machine rate
 * `flopsPerMs` that the run's own probe measured; 0 for any other run. The estimate before Start
 * adds it to the run's setup.
 */
export function patternNetworkMs(options: TrainOptions, train: DatasetSize, flopsPerMs: number): number {
  if (!trainsPatternNetworks(options)) return 0;
  const heads = train.task === 'multiclass' ? train.classNames.length : 1;
  // costInputsFor reads no adversary: the networks train without one.
  const network: TrainOptions = { ...options, solver: 'backprop', patterns: Math.ceil(options.patterns / heads), solverSettings: {} };
  return estimateTraining(costInputsFor(network, train), patternNetworkEpochs(train.X.rows), flopsPerMs, 0).worstCaseMs;
}

/**
 * The share of a run's modelled worst-case time that its pattern networks take: patternNetworkMs
 * against the convex solves at their iteration limit, both at one rate (which cancels). trainModel
 * gives the networks this share of the progress bar, so that it neither goes back nor claims half
 * of a long solve for them (ADMM with ten million iterations: about none). 0 without networks.
 */
export function patternPhaseShare(options: TrainOptions, train: Dataset): number {
  const networks = patternNetworkMs(options, train, 1);
  if (networks === 0) return 0;
  const limit = iterationLimit(options.solver, solverSettingSpecsOf[options.solver], options.solverSettings);
  const solves = estimateTraining(costInputsFor(options, train), limit, 1, 0).worstCaseMs;
  return networks / (networks + solves);
}
