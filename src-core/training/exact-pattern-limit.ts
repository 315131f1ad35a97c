import { DEFAULT_EXACT_PATTERN_LIMIT } from '../patterns/exact-patterns';
import { givenSetting, type NumberSetting, type SettingValue } from '../settings/setting-spec';

/**
 * The exact formulation's pattern limit: enumeration is refused when the data could have more
 * activation patterns than this (exact-patterns.ts). It belongs to the training pipeline, not to
 * a solver, but travels in TrainOptions.solverSettings under this key (so the app's form, the CLI
 * and saved run settings carry it like the other settings); trainModel takes it out before the
 * solver reads its own settings (pipeline-settings.ts).
 */
export const EXACT_PATTERN_LIMIT_KEY = 'exactPatternLimit';

/**
 * Declared like the solvers' settings (the form and the CLI draw on it). The bound is the form's
 * largest sampled pattern count: a program with more patterns than that is not one anyone waits for.
 */
export const exactPatternLimitSpec: NumberSetting = {
  key: EXACT_PATTERN_LIMIT_KEY,
  label: 'Exact pattern limit',
  help: 'The exact formulation is refused when the data could have more activation patterns than this; raise it to allow a larger exact program (each pattern adds two neuron blocks to solve).',
  group: 'advanced',
  kind: 'integer',
  default: DEFAULT_EXACT_PATTERN_LIMIT,
  min: 1,
  max: 100_000,
  unit: 'patterns',
};

/** The limit given in `settings`, checked against its declaration; undefined when not given. */
export function exactPatternLimitOf(settings: Readonly<Record<string, SettingValue>> | undefined): number | undefined {
  return givenSetting(exactPatternLimitSpec, settings) as number | undefined;
}
