import type { SettingValue } from '../../src-core/settings/setting-spec';
import { solverSettingSpecsOf } from '../../src-core/training/cost-probe';
import type { SolverName } from '../../src-core/training/train-types';
import type { ParsedOptions } from './parse-options';
import { numberOption } from './parse-options';
import { UsageError } from './usage-error';
import { listWithAnd } from '../../src-core/text/word-list';

/**
 * The flags that set a solver setting: the flag, the settings key it sets, its rule, and the
 * solver keys that take it (back-propagation reads the iteration limit as its epochs, train-model.ts).
 */
export const SOLVER_SETTING_FLAGS = [
  { flag: 'rho', key: 'rho', rule: { min: 0, minExclusive: true }, solverKeys: ['rho'] },
  { flag: 'max-iter', key: 'maxIterations', rule: { integer: true, min: 1 }, solverKeys: ['maxIterations', 'epochs'] },
  { flag: 'tol', key: 'tolerance', rule: { min: 0, minExclusive: true }, solverKeys: ['tolerance'] },
  { flag: 'time-limit-ms', key: 'timeLimitMs', rule: { min: 0, minExclusive: true }, solverKeys: ['timeLimitMs'] },
] as const;

type SettingFlag = (typeof SOLVER_SETTING_FLAGS)[number];

/** The solver settings the command line gives, by settings key (only those given). */
export function solverSettingsFromFlags(values: ParsedOptions['values']): Record<string, SettingValue> {
  const settings: Record<string, SettingValue> = {};
  for (const { flag, key, rule } of SOLVER_SETTING_FLAGS) {
    const value = numberOption(values, flag, rule);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

/**
 * Refuses a setting flag the solver does not take, naming the solvers that do and the flags this
 * one takes: the solver's own check would name internal settings keys ("maxIterations"), which
 * are not what the user typed.
 */
export function checkSolverSettingFlags(solver: SolverName, given: Readonly<Record<string, SettingValue>>): void {
  const takes = (name: SolverName, flag: SettingFlag): boolean => solverSettingSpecsOf[name].some((spec) => (flag.solverKeys as readonly string[]).includes(spec.key));
  const refused = SOLVER_SETTING_FLAGS.find((flag) => flag.key in given && !takes(solver, flag));
  if (refused === undefined) return;
  const owners = (Object.keys(solverSettingSpecsOf) as SolverName[]).filter((name) => takes(name, refused));
  const accepted = SOLVER_SETTING_FLAGS.filter((flag) => takes(solver, flag)).map(({ flag }) => `--${flag}`);
  throw new UsageError(
    `--${refused.flag} is a setting of the ${listWithAnd(owners)} solver${owners.length === 1 ? '' : 's'}, not of ${solver}; ` +
      `the ${solver} solver takes ${accepted.length === 0 ? 'none of the solver setting flags' : listWithAnd(accepted)}. Leave out --${refused.flag}, or choose another --solver.`,
  );
}
