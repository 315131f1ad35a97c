import type { Dataset } from '../data/dataset';
import { patternNetworkEpochs } from './backprop-patterns';
import { estimateTraining } from './cost-estimate';
import { costInputsFor } from './cost-probe';
import { patternSourceOf } from './pattern-source';
import type { TrainOptions } from './train-types';
import { isConvexSolver } from './solver-support';

/**
 * Modelled time (ms, at most: every epoch run) of the back-propagation networks that give a run's
 * patterns when its pattern source is back-propagation (backprop-patterns.ts: one network of
 * ceil(P / heads) neurons per head for patternNetworkEpochs epochs), at the machine rate
 * `flopsPerMs` that the run's own probe measured; 0 for any other run. The estimate before Start
 * adds it to the run's setup.
 */
export function patternNetworkMs(options: TrainOptions, train: Dataset, flopsPerMs: number): number {
  const convex = isConvexSolver(options.solver);
  if (!convex || options.formulation !== 'sampled' || patternSourceOf(options.solverSettings) !== 'backprop') return 0;
  const heads = train.task === 'multiclass' ? train.classNames.length : 1;
  const network: TrainOptions = { ...options, solver: 'backprop', patterns: Math.ceil(options.patterns / heads), solverSettings: {} };
  const { adversarial: _adversarial, ...standard } = network;
  void _adversarial;
  return estimateTraining(costInputsFor(standard, train), patternNetworkEpochs(train.X.rows), flopsPerMs, 0).worstCaseMs;
}
