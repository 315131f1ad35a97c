import { robustSettingSpecs } from '../robust/robust-settings';
import { resolveSettings, type SettingSpec, type SettingValue } from '../settings/setting-spec';
import { solverSettingSpecsOf } from './cost-probe';
import { exactPatternLimitOf } from './exact-pattern-limit';
import { patternSourceOf } from './pattern-source';
import { runSolverSettings } from './pipeline-settings';
import type { TrainOptions } from './train-types';

/**
 * Refuses, before any data are prepared, the solver settings a run would refuse once it started:
 * each setting is checked against the declaration of whatever reads it (the pipeline's exact
 * pattern limit and pattern source, the solver's own settings with its pattern count as SCP's
 * neurons or back-propagation's hidden units), by the check the solvers themselves run
 * (resolveSettings). A ConvexNetError 'settings/invalid' says what is allowed in the Train
 * form's words ("Iteration limit (maxIterations) must be a whole number at least 1 and at most
 * 10000000 (iterations), got 1000000000000."); 'settings/unknown' names a setting the solver
 * does not have.
 *
 * `robust`: the run trains adversarially (an epsilon sweep does at its positive radii). ADMM and
 * ADMM-RBCD then hand the robust program the settings it declares and ignore the others
 * (train-robust-head.ts); their own declared settings are still checked, as the form checks them.
 */
export function checkSolverSettings(options: TrainOptions, robust: boolean = options.adversarial !== undefined): void {
  exactPatternLimitOf(options.solverSettings);
  patternSourceOf(options.solverSettings);
  const settings = runSolverSettings(options);
  const specs = solverSettingSpecsOf[options.solver];
  switch (options.solver) {
    case 'scp':
      resolveSettings(specs, { ...settings, neurons: options.patterns });
      return;
    case 'backprop':
      resolveSettings(specs, { ...settings, hiddenUnits: options.patterns });
      return;
    case 'ipm':
      resolveSettings(specs, settings);
      return;
    case 'admm':
    case 'admm-rbcd':
      if (!robust) {
        resolveSettings(specs, settings);
        return;
      }
      resolveSettings(robustSettingSpecs, declaredIn(robustSettingSpecs, settings));
      resolveSettings(specs, declaredIn(specs, settings));
  }
}

/** The settings among `settings` that `specs` declare. */
function declaredIn(specs: readonly SettingSpec[], settings: Readonly<Record<string, SettingValue>>): Record<string, SettingValue> {
  const kept: Record<string, SettingValue> = {};
  for (const spec of specs) if (spec.key in settings) kept[spec.key] = settings[spec.key]!;
  return kept;
}
