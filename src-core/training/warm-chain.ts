import type { Dataset } from '../data/dataset';
import { CouplingCache } from '../solvers/ipm/coupling-cache';
import type { SolveContext } from '../solvers/solver-types';
import { StructureCache } from './structure-cache';
import { trainModel } from './train-model';
import type { HeadWarmStart, TrainOptions, TrainOutcome } from './train-types';

/**
 * Trains the points of a sweep one after another (same data, patterns and seed; another beta or
 * radius), each started from the previous point's final iterates when `warm` (trainModel's
 * WarmStartLink). The first point, and every point when `warm` is false, starts cold. Either way
 * the points share their patterns (StructureCache) and the interior-point method's Q
 * (CouplingCache): those are setup, not a start.
 */
export function warmChain(warm: boolean): (train: Dataset, options: TrainOptions, context: SolveContext) => TrainOutcome {
  let previous: HeadWarmStart[] | null = null;
  const coupling = new CouplingCache();
  const structures = new StructureCache();
  return (train, options, context) => {
    let kept: HeadWarmStart[] | null = null;
    const outcome = trainModel(train, options, context, {
      coupling,
      structures,
      ...(warm && previous ? { from: previous } : {}),
      keep: (heads) => {
        kept = heads;
      },
    });
    previous = kept;
    return outcome;
  };
}
