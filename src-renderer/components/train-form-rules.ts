import type { Task } from '../../src-core/data/dataset';
import type { LossName } from '../../src-core/losses/loss';
import type { SettingSpec } from '../../src-core/settings/setting-spec';
import { admmRbcdSettingSpecs } from '../../src-core/solvers/admm-rbcd/admm-rbcd-settings';
import { admmSettingSpecs } from '../../src-core/solvers/admm/admm-settings';
import { backpropSettingSpecs } from '../../src-core/solvers/backprop/backprop-settings';
import { scpSettingSpecs } from '../../src-core/solvers/scp/scp-settings';
import type { SolverName, TrainOptions } from '../../src-core/training/train-types';
import { lossChoices, type Choice } from '../format/option-labels';

/** Each solver's own settings, declared once in the core. */
export const solverSettingSpecs: Readonly<Record<SolverName, readonly SettingSpec[]>> = {
  admm: admmSettingSpecs,
  'admm-rbcd': admmRbcdSettingSpecs,
  scp: scpSettingSpecs,
  backprop: backpropSettingSpecs,
};

export function lossChoicesFor(task: Task): readonly Choice<LossName>[] {
  return task === 'regression' ? lossChoices.filter((c) => c.value === 'squared') : lossChoices;
}

/** What `patterns` means for the chosen solver, in the form's words. */
export function patternsField(solver: SolverName): { label: string; help: string } {
  switch (solver) {
    case 'scp':
      return { label: 'Sampled neurons', help: 'How many random neuron directions the model may choose from; more is closer to the optimum but slower.' };
    case 'backprop':
      return { label: 'Hidden units', help: 'How many neurons the back-propagation network has.' };
    default:
      return { label: 'Sampled patterns', help: 'How many activation patterns the convex program uses; more can only lower the objective, but take longer.' };
  }
}

/** Combinations the back end would reject, explained before the user presses Train. */
export function trainOptionProblems(options: TrainOptions): string[] {
  const problems: string[] = [];
  if (options.task === 'regression' && options.loss !== 'squared') problems.push('Regression uses the squared-error loss.');
  if (options.solver === 'admm-rbcd' && options.loss === 'hinge') {
    problems.push('ADMM with block solver needs a smooth loss: choose logistic or squared error, or use ADMM for the hinge loss.');
  }
  if (options.formulation === 'exact' && options.solver !== 'admm' && options.solver !== 'admm-rbcd') {
    problems.push('The exact formulation is solved by ADMM or ADMM with block solver; choose one of them or the sampled formulation.');
  }
  return problems;
}
