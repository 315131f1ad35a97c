import type { SettingValue } from '../settings/setting-spec';
import { automaticChoices, type DataShape } from './auto-choices';
import { TRAIN_DEFAULTS } from './train-defaults';
import type { SolverName, TrainOptions } from './train-types';

export type PresetName = 'quick' | 'balanced' | 'accurate';

export interface PresetInfo {
  readonly name: PresetName;
  readonly label: string;
  readonly description: string;
}

export const DEFAULT_PRESET: PresetName = 'balanced';

export const presetInfos: readonly PresetInfo[] = [
  { name: 'quick', label: 'Quick look', description: 'Few patterns and a loose tolerance: a first answer in seconds.' },
  { name: 'balanced', label: 'Balanced', description: 'The defaults: a certified gap of 0.1% with a moderate number of patterns.' },
  { name: 'accurate', label: 'Most accurate', description: 'More patterns (exact when small enough) and a tight tolerance; slower.' },
];

/** Patterns (convex), neurons (SCP) or hidden units (back-propagation) per preset. */
const SIZE: Readonly<Record<PresetName, Readonly<Record<SolverName, number>>>> = {
  quick: { admm: 16, 'admm-rbcd': 16, scp: 64, backprop: 16 },
  balanced: { admm: TRAIN_DEFAULTS.patterns, 'admm-rbcd': TRAIN_DEFAULTS.patterns, scp: 256, backprop: TRAIN_DEFAULTS.patterns },
  accurate: { admm: 128, 'admm-rbcd': 128, scp: 1024, backprop: 64 },
};

/**
 * The solver's own settings per preset, only keys the solver declares. Tolerances are relative
 * certified gaps (ADMM, SCP) or the relative objective change of back-propagation's early stop.
 */
const SOLVER_SETTINGS: Readonly<Record<PresetName, Readonly<Record<SolverName, Readonly<Record<string, SettingValue>>>>>> = {
  quick: {
    admm: { tolerance: 1e-2, maxIterations: 1000 },
    'admm-rbcd': { tolerance: 1e-2, maxIterations: 1000 },
    scp: { tolerance: 1e-3, maxIterations: 1000 },
    backprop: { epochs: 100, tolerance: 1e-5 },
  },
  balanced: {
    admm: { tolerance: 1e-3, maxIterations: 10_000 },
    'admm-rbcd': { tolerance: 1e-3, maxIterations: 10_000 },
    scp: { tolerance: 1e-6, maxIterations: 5000 },
    backprop: { epochs: 300, tolerance: 1e-6 },
  },
  accurate: {
    admm: { tolerance: 1e-5, maxIterations: 50_000 },
    'admm-rbcd': { tolerance: 1e-5, maxIterations: 50_000 },
    scp: { tolerance: 1e-8, maxIterations: 20_000 },
    backprop: { epochs: 2000, tolerance: 1e-8, restarts: 3 },
  },
};

/**
 * The full options of a preset for data of this shape: loss, solver and beta from the automatic
 * choices; the formulation sampled for Quick look, the automatic choice otherwise (exact only
 * when the pattern count is small). Every value is visible in the form and can be changed.
 */
export function presetOptions(preset: PresetName, shape: DataShape, seed: number = TRAIN_DEFAULTS.seed): TrainOptions {
  const auto = automaticChoices(shape);
  const solver = auto.solver.value;
  const convex = solver === 'admm' || solver === 'admm-rbcd';
  return {
    task: shape.task,
    loss: auto.loss.value,
    solver,
    formulation: preset !== 'quick' && convex ? auto.formulation.value : 'sampled',
    patterns: SIZE[preset][solver],
    beta: auto.beta.value,
    bias: shape.bias,
    seed,
    solverSettings: { ...SOLVER_SETTINGS[preset][solver] },
  };
}

/** The preset's solver settings for another solver (the form calls this when the solver changes). */
export function presetSolverSettings(preset: PresetName, solver: SolverName): Record<string, SettingValue> {
  return { ...SOLVER_SETTINGS[preset][solver] };
}

/** The preset's size (patterns, neurons or hidden units) for a solver. */
export function presetSize(preset: PresetName, solver: SolverName): number {
  return SIZE[preset][solver];
}
