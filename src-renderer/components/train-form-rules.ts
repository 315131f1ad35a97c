import type { Task } from '../../src-core/data/dataset';
import type { LossName } from '../../src-core/losses/loss';
import type { SettingSpec } from '../../src-core/settings/setting-spec';
import { admmRbcdSettingSpecs } from '../../src-core/solvers/admm-rbcd/admm-rbcd-settings';
import { admmSettingSpecs } from '../../src-core/solvers/admm/admm-settings';
import { backpropSettingSpecs } from '../../src-core/solvers/backprop/backprop-settings';
import { ipmSizeProblem } from '../../src-core/solvers/ipm/ipm-newton-system';
import { ipmSettingSpecs } from '../../src-core/solvers/ipm/ipm-settings';
import type { DataShape } from '../../src-core/training/auto-choices';
import { scpMethodProblem } from '../../src-core/solvers/scp/scp-method';
import { scpSettingSpecs } from '../../src-core/solvers/scp/scp-settings';
import { getLoss } from '../../src-core/losses';
import { isConvexSolver, ipmOptionProblems, usesIpmConicForm } from '../../src-core/training/solver-support';
import type { SolverName, TrainOptions } from '../../src-core/training/train-types';
import { lossChoices, type Choice } from '../format/option-labels';
import type { NumberRule } from './number-input';

/** Each solver's own settings, declared once in the core. */
export const solverSettingSpecs: Readonly<Record<SolverName, readonly SettingSpec[]>> = {
  admm: admmSettingSpecs,
  'admm-rbcd': admmRbcdSettingSpecs,
  ipm: ipmSettingSpecs,
  scp: scpSettingSpecs,
  backprop: backpropSettingSpecs,
};

export function lossChoicesFor(task: Task): readonly Choice<LossName>[] {
  return task === 'regression' ? lossChoices.filter((c) => c.value === 'squared') : lossChoices;
}

/**
 * Combinations the back end would reject, explained before the user presses Train. With the
 * data's shape (training advice), also the interior-point solver's size limit for sampled
 * patterns (validate-train-options.ts checks the same).
 */
export function trainOptionProblems(options: TrainOptions, shape: DataShape | null = null): string[] {
  const problems: string[] = [];
  if (options.task === 'regression' && options.loss !== 'squared') problems.push('Regression uses the squared-error loss.');
  if (options.solver === 'admm-rbcd' && options.loss === 'hinge') {
    problems.push('ADMM with block solver needs a smooth loss: choose logistic or squared error, or use ADMM for the hinge loss.');
  }
  // The interior-point solver's epsilon limit is shown inline by the Adversarial training
  // section (adversarial-form.ts), which blocks Start itself.
  for (const problem of ipmOptionProblems(options)) if (problem.field !== 'adversarial') problems.push(problem.message);
  if (shape && options.solver === 'ipm' && options.formulation === 'sampled') {
    const tooLarge = ipmSizeProblem(shape.rows, shape.features + (options.bias ? 1 : 0), options.patterns, options.solverSettings?.['linearSystem'], usesIpmConicForm(options));
    if (tooLarge) problems.push(tooLarge);
  }
  if (options.formulation === 'exact' && !isConvexSolver(options.solver)) {
    problems.push('The exact formulation is solved by ADMM, ADMM with block solver or the interior-point solver; choose one of them or the sampled formulation.');
  }
  const scpMethod = options.solver === 'scp' ? options.solverSettings?.['method'] : undefined;
  const scpProblem = typeof scpMethod === 'string' ? scpMethodProblem(scpMethod, getLoss(options.loss)) : null;
  if (scpProblem) problems.push(scpProblem);
  return problems;
}

/** Solver settings decided by the form's own fields (the pattern count), hidden from the solver's list. */
const SETTINGS_SET_BY_THE_FORM = new Set(['neurons', 'hiddenUnits']);

/** The solver's settings the Advanced group shows, in declaration order. */
export function advancedSolverSettings(solver: SolverName): readonly SettingSpec[] {
  return solverSettingSpecs[solver].filter((s) => !SETTINGS_SET_BY_THE_FORM.has(s.key));
}

/** A declared number setting as a field rule (bounds, whole numbers, unit); null for other kinds. */
export function numberRuleOf(spec: SettingSpec): NumberRule | null {
  if (spec.kind !== 'number' && spec.kind !== 'integer') return null;
  return { min: spec.min, max: spec.max, integer: spec.kind === 'integer', ...(spec.minExclusive ? { minExclusive: true } : {}), ...(spec.unit ? { unit: spec.unit } : {}) };
}

/** The help line of a declared setting, with its unit unless the label already names it ("Sampled patterns"). */
export function settingHelp(spec: SettingSpec): string {
  if ((spec.kind !== 'number' && spec.kind !== 'integer') || !spec.unit) return spec.help;
  return spec.label.toLowerCase().includes(spec.unit.toLowerCase()) ? spec.help : `${spec.help} (${spec.unit})`;
}

/**
 * The form's own settings, declared like the solvers' (default, bounds, unit, one-line help), so
 * every field of the form is drawn and checked the same way.
 */
export function patternsSpec(solver: SolverName): SettingSpec {
  // SCP's neurons and back-propagation's hidden units are the pattern field's number for those
  // solvers (SETTINGS_SET_BY_THE_FORM): the field shows their declarations, bounds included.
  const declared = solver === 'scp' || solver === 'backprop' ? solverSettingSpecs[solver].find((s) => SETTINGS_SET_BY_THE_FORM.has(s.key)) : undefined;
  if (declared) return { ...declared, key: 'patterns', group: 'basic' };
  return {
    key: 'patterns',
    label: 'Sampled patterns',
    help: 'How many activation patterns the convex program uses; more can only lower the objective, but take longer.',
    group: 'basic',
    kind: 'integer',
    default: 32,
    min: 1,
    max: 100_000,
    unit: 'patterns',
    scale: 'log',
  };
}

export const betaSpec: SettingSpec = {
  key: 'beta',
  label: 'Regularization (beta)',
  help: 'Larger values give smaller weights and fewer active neurons.',
  group: 'basic',
  kind: 'number',
  default: 1e-2,
  min: 0,
  minExclusive: true,
  max: 1e12,
  unit: '',
  scale: 'log',
};

export const seedSpec: SettingSpec = {
  key: 'seed',
  label: 'Seed',
  help: 'The same data, settings and seed give the same model, bit for bit.',
  group: 'advanced',
  kind: 'integer',
  default: 1,
  min: 0,
  max: 4294967295,
  unit: '',
};

export const testPercentSpec: SettingSpec = {
  key: 'testPercent',
  label: 'Test rows (%)',
  help: 'Share of rows held out to measure accuracy on data the model has not seen.',
  group: 'basic',
  kind: 'number',
  default: 25,
  min: 0,
  max: 90,
  unit: '',
};
