import type { SettingValue } from '../settings/setting-spec';
import { automaticChoices, type Choice, type DataShape } from './auto-choices';
import { formatDuration, modelCost, UNCALIBRATED_FLOPS_PER_MS } from './cost-estimate';
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
  quick: { admm: 16, 'admm-rbcd': 16, ipm: 16, scp: 64, backprop: 16 },
  balanced: { admm: TRAIN_DEFAULTS.patterns, 'admm-rbcd': TRAIN_DEFAULTS.patterns, ipm: TRAIN_DEFAULTS.patterns, scp: 256, backprop: TRAIN_DEFAULTS.patterns },
  accurate: { admm: 128, 'admm-rbcd': 128, ipm: 128, scp: 1024, backprop: 64 },
};

/**
 * The solver's own settings per preset, only keys the solver declares. Tolerances are relative
 * certified gaps (ADMM, IPM, SCP) or the relative objective change of back-propagation's early
 * stop. IPM's limits count Newton steps (it certifies 1e-6..1e-8 in 10-30 of them).
 */
const SOLVER_SETTINGS: Readonly<Record<PresetName, Readonly<Record<SolverName, Readonly<Record<string, SettingValue>>>>>> = {
  quick: {
    admm: { tolerance: 1e-2, maxIterations: 1000 },
    'admm-rbcd': { tolerance: 1e-2, maxIterations: 1000 },
    ipm: { tolerance: 1e-2, maxIterations: 50 },
    scp: { tolerance: 1e-3, maxIterations: 1000 },
    backprop: { epochs: 100, tolerance: 1e-5 },
  },
  balanced: {
    admm: { tolerance: 1e-3, maxIterations: 10_000 },
    'admm-rbcd': { tolerance: 1e-3, maxIterations: 10_000 },
    ipm: { tolerance: 1e-3, maxIterations: 100 },
    scp: { tolerance: 1e-6, maxIterations: 5000 },
    backprop: { epochs: 300, tolerance: 1e-6 },
  },
  accurate: {
    admm: { tolerance: 1e-5, maxIterations: 50_000 },
    'admm-rbcd': { tolerance: 1e-5, maxIterations: 50_000 },
    // 1e-6, not tighter: on the built-in datasets x 5 betas, 1e-7 ended 'no further progress' in
    // 4 of 45 interior-point runs (gaps 1e-7..2e-5; the dual iterates lose their last digits),
    // 1e-6 in 1 (2e-5).
    ipm: { tolerance: 1e-6, maxIterations: 200 },
    scp: { tolerance: 1e-8, maxIterations: 20_000 },
    backprop: { epochs: 2000, tolerance: 1e-8, restarts: 3 },
  },
};

/** What the presets know about the data besides its shape. */
export interface PresetData {
  /** Class weights are set for the dataset (the interior-point solver takes none). */
  readonly classWeighted?: boolean;
}

/** Every preset picks the interior-point solver up to this many block unknowns 2dP ... */
export const IPM_PRESET_MAX_UNKNOWNS = 2000;
/**
 * ... and while a Newton step is modelled to take at most this long at the uncalibrated rate
 * (the choice is made before any probe; that rate is the plain-loop one, so the model is on the
 * safe side for the SIMD Cholesky). About 10-40 steps certify a gap of 1e-3 to 1e-6.
 */
export const IPM_PRESET_MAX_STEP_MS = 1000;

/**
 * The solver of a preset, with its reason: the automatic choice, except that an unweighted
 * squared loss whose Newton step is cheap (few unknowns 2dP and a modelled step of at most about
 * a second) goes to the interior-point solver in every preset. There it certifies the preset's
 * gap in a few dozen steps where ADMM needs thousands of iterations, and it does not slow down at
 * small beta. Measured on 5-point beta sweeps (1e-7 n to 1e-2 n, tolerance 1e-3): two moons with
 * 150 training rows 0.6 s with every point solved, against 2.3 s for ADMM with 3 points at the
 * iteration limit (gaps 92%, 64%, 0.13%); with 1500 rows 1.4 s against 30 s (4 ADMM points
 * unsolved); iris (one-vs-rest, 112 rows) 1.3 s against 9.4 s (3 unsolved).
 */
export function presetSolverChoice(preset: PresetName, shape: DataShape, data: PresetData = {}): Choice<SolverName> {
  const auto = automaticChoices(shape);
  if (auto.loss.value !== 'squared') return auto.solver;
  if (data.classWeighted) return { value: auto.solver.value, reason: `${auto.solver.reason} (The interior-point solver takes no class weights.)` };
  // The pattern count of the program the preset would solve: all of them when exact.
  const patterns = preset !== 'quick' && auto.formulation.value === 'exact' ? auto.formulation.exactPatternCount : SIZE[preset].ipm;
  const columns = shape.features + (shape.bias ? 1 : 0);
  const unknowns = 2 * columns * patterns;
  const stepMs = modelCost({ solver: 'ipm', loss: 'squared', rows: shape.rows, columns, size: patterns, heads: 1, checkEvery: 1 }).flopsPerIteration / UNCALIBRATED_FLOPS_PER_MS;
  const size = `${unknowns.toLocaleString('en-US')} unknowns, about ${formatDuration(stepMs)} per Newton step`;
  if (unknowns > IPM_PRESET_MAX_UNKNOWNS || stepMs > IPM_PRESET_MAX_STEP_MS) {
    return { value: auto.solver.value, reason: `${auto.solver.reason} (Too large for the interior-point solver: ${size}.)` };
  }
  return {
    value: 'ipm',
    reason: `Squared loss on a small problem (${size}): the interior-point method certifies a gap of ${(SOLVER_SETTINGS[preset].ipm.tolerance as number).toExponential(0)} in a few dozen Newton steps, where ADMM would need thousands of iterations.`,
  };
}

/**
 * The full options of a preset for data of this shape: loss and beta from the automatic choices,
 * the solver from presetSolverChoice; the formulation sampled for Quick look, the automatic
 * choice otherwise (exact only when the pattern count is small). Every value is visible in the
 * form and can be changed.
 */
export function presetOptions(preset: PresetName, shape: DataShape, seed: number = TRAIN_DEFAULTS.seed, data: PresetData = {}): TrainOptions {
  const auto = automaticChoices(shape);
  const solver = presetSolverChoice(preset, shape, data).value;
  const convex = solver === 'admm' || solver === 'admm-rbcd' || solver === 'ipm';
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

/** Every preset's options and its solver's reason, as the Train screen's advice carries them. */
export function presetAdvice(shape: DataShape, data: PresetData = {}): { presets: Record<PresetName, TrainOptions>; presetSolvers: Record<PresetName, Choice<SolverName>> } {
  const presets = {} as Record<PresetName, TrainOptions>;
  const presetSolvers = {} as Record<PresetName, Choice<SolverName>>;
  for (const { name } of presetInfos) {
    presets[name] = presetOptions(name, shape, TRAIN_DEFAULTS.seed, data);
    presetSolvers[name] = presetSolverChoice(name, shape, data);
  }
  return { presets, presetSolvers };
}

/** The preset's solver settings for another solver (the form calls this when the solver changes). */
export function presetSolverSettings(preset: PresetName, solver: SolverName): Record<string, SettingValue> {
  return { ...SOLVER_SETTINGS[preset][solver] };
}

/** The preset's size (patterns, neurons or hidden units) for a solver. */
export function presetSize(preset: PresetName, solver: SolverName): number {
  return SIZE[preset][solver];
}
