import type { SettingValue } from '../settings/setting-spec';
import { EXACT_PATTERN_LIMIT_KEY } from './exact-pattern-limit';
import { PATTERN_SOURCE_KEY } from './pattern-source';
import type { TrainOptions } from './train-types';

/**
 * The settings in TrainOptions.solverSettings that belong to the training pipeline, not to a
 * solver: the exact formulation's pattern limit (exact-pattern-limit.ts) and the sampled
 * formulation's pattern source (pattern-source.ts). They go with the program whichever solver
 * solves it; a solver's own settings are the rest.
 */
export const PIPELINE_SETTING_KEYS: readonly string[] = [EXACT_PATTERN_LIMIT_KEY, PATTERN_SOURCE_KEY];

/** The pipeline's settings among `settings`. */
export function pipelineSettings(settings: Readonly<Record<string, SettingValue>>): Record<string, SettingValue> {
  const kept: Record<string, SettingValue> = {};
  for (const key of PIPELINE_SETTING_KEYS) if (key in settings) kept[key] = settings[key]!;
  return kept;
}

/** `settings` without the pipeline's: the solver's own. */
export function solverOwnSettings(settings: Readonly<Record<string, SettingValue>>): Record<string, SettingValue> {
  const own: Record<string, SettingValue> = { ...settings };
  for (const key of PIPELINE_SETTING_KEYS) delete own[key];
  return own;
}

/**
 * The settings a run hands its solver: the solver's own (solverOwnSettings), where
 * back-propagation, which counts epochs, takes the generic iteration limit as its epochs.
 */
export function runSolverSettings(options: Pick<TrainOptions, 'solver' | 'solverSettings'>): Record<string, SettingValue> {
  const own = solverOwnSettings(options.solverSettings ?? {});
  if (options.solver === 'backprop' && 'maxIterations' in own) {
    own.epochs = own.maxIterations!;
    delete own.maxIterations;
  }
  return own;
}
