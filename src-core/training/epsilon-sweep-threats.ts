import type { Dataset } from '../data/dataset';
import type { PreprocessingPipeline } from '../data/preprocessing-types';
import { ConvexNetError } from '../errors';
import { resolveAdversarial, type AdversarialTraining } from '../robust/adversarial-options';
import type { ThreatNorm } from '../robust/threat-model';
import { MAX_PATH_POINTS } from './beta-path';
import { defaultEpsilonGrid } from './epsilon-path';

export interface EpsilonSweepThreat {
  /** Absent: 0 plus a grid scaled to the data (defaultEpsilonGrid). 0 is added when missing. */
  readonly epsilons?: readonly number[];
  /** Without `epsilons`: the number of positive radii of the grid scaled to the data (default DEFAULT_EPSILON_POINTS). */
  readonly count?: number;
  readonly norm: ThreatNorm;
  /** Default 'raw'. */
  readonly units?: 'raw' | 'standardized';
}

/** The run's pattern sampling (its bias, pattern count and seed), for the default grid's reach. */
export interface SweepStructure {
  readonly bias: boolean;
  readonly patterns: number;
  readonly seed: number;
}

/**
 * The adversarial settings of every point of an epsilon sweep, resolved against the fitted
 * preprocessing (as a training job resolves its own). The form's adversarial settings, when
 * present, lend their immutable columns and back-propagation attack; per-column radii are dropped, because a sweep moves
 * every perturbable column by the same epsilon. Radii come back sorted, without duplicates,
 * always starting with 0 (the standard model). `structure` lets the default grid reach down to the
 * radius suggested for the training rows (defaultEpsilonGrid).
 */
export function resolveEpsilonSweep(sweep: EpsilonSweepThreat, base: AdversarialTraining | undefined, pipeline: PreprocessingPipeline, train: Dataset, structure?: SweepStructure): AdversarialTraining[] {
  const threat = (epsilon: number): AdversarialTraining => ({
    epsilon,
    norm: sweep.norm,
    units: sweep.units ?? 'raw',
    ...(base?.immutable?.length ? { immutable: base.immutable } : {}),
    ...(base?.baselineAttack ? { baselineAttack: base.baselineAttack } : {}),
  });
  const reach = structure ? { norm: sweep.norm, hasBias: structure.bias, patternCount: structure.patterns, seed: structure.seed } : undefined;
  const grid = sweep.epsilons ?? defaultEpsilonGrid(train, resolveAdversarial(threat(1), pipeline).featureRadii!, reach, sweep.count);
  const radii = [...new Set([0, ...grid])].sort((a, b) => a - b);
  if (radii.length < 2 || radii.length > MAX_PATH_POINTS) {
    throw new ConvexNetError('settings/invalid', `An epsilon sweep needs from 1 to ${MAX_PATH_POINTS - 1} positive radii besides epsilon 0, got ${radii.length - 1}.`);
  }
  return radii.map((epsilon) => resolveAdversarial(threat(epsilon), pipeline));
}
