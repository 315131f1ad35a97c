import { givenSetting, type ChoiceSetting, type SettingValue } from '../settings/setting-spec';
import { isConvexSolver } from './solver-support';
import type { TrainOptions } from './train-types';

/**
 * Where the sampled formulation's activation patterns come from. Like the exact pattern limit
 * (exact-pattern-limit.ts) it belongs to the training pipeline, not to a solver, and travels in
 * TrainOptions.solverSettings under this key, so the form, the CLI, saved runs and model files
 * carry it like the other settings; trainModel takes it out before the solver reads its own.
 */
export const PATTERN_SOURCE_KEY = 'patternSource';

export type PatternSource = 'random' | 'backprop';

export const patternSourceSpec: ChoiceSetting = {
  key: PATTERN_SOURCE_KEY,
  label: 'Pattern source',
  help: 'Random: the activation patterns of random neurons. Back-propagation: those of a network trained by back-propagation first (which takes its time); the convex solve then finds the best network with its patterns, never worse than that network on the training objective.',
  group: 'advanced',
  kind: 'choice',
  default: 'random',
  options: [
    { value: 'random', label: 'Random directions' },
    { value: 'backprop', label: 'From a back-propagation network' },
  ],
};

/** The source given in `settings`, checked against its declaration; 'random' when not given. */
export function patternSourceOf(settings: Readonly<Record<string, SettingValue>> | undefined): PatternSource {
  return (givenSetting(patternSourceSpec, settings) ?? 'random') as PatternSource;
}

/** Whether a run's program takes a pattern source: the sampled program of a convex solver. */
export function takesPatternSource(options: Pick<TrainOptions, 'solver' | 'formulation'>): boolean {
  return options.formulation === 'sampled' && isConvexSolver(options.solver);
}

/** Whether a run trains back-propagation networks for its patterns before its solve. */
export function trainsPatternNetworks(options: Pick<TrainOptions, 'solver' | 'formulation' | 'solverSettings'>): boolean {
  return takesPatternSource(options) && patternSourceOf(options.solverSettings) === 'backprop';
}

/** The settings without the source: the solver's own. */
export function withoutPatternSource(settings: Readonly<Record<string, SettingValue>>): Record<string, SettingValue> {
  const { [PATTERN_SOURCE_KEY]: _source, ...rest } = settings;
  void _source;
  return rest;
}
