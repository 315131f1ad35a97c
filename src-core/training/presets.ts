import type { SettingValue } from '../settings/setting-spec';
import { automaticChoices, type Choice, type DataShape } from './auto-choices';
import { recommendedSolver } from './recommended-solver';
import { PATTERN_SOURCE_KEY, takesPatternSource, type PatternSource } from './pattern-source';
import { isConvexSolver, isClassWeighted } from './solver-support';
import { TRAIN_DEFAULTS } from './train-defaults';
import type { Formulation, SolverName, TrainOptions } from './train-types';

export type PresetName = 'quick' | 'balanced' | 'accurate';

export interface PresetInfo {
  readonly name: PresetName;
  readonly label: string;
  readonly description: string;
}

export const DEFAULT_PRESET: PresetName = 'balanced';

/**
 * From this many training rows on, Balanced also takes a sampled program's patterns from a
 * back-propagation network (Most accurate always does). Measured with its 32 patterns against 32
 * random ones, on the seven built-in generators at 800, 2,400 and 16,000 training rows: the
 * certified objective fell in all 21 (two moons at 16,000: 388 -> 121, spirals 1,961 -> 334) and
 * test accuracy or R^2 rose or stayed in all 21 (spirals 94.0% -> 99.9%, curve-2d R^2 0.962 ->
 * 0.991), at 0.1-0.9 s more; on the bench's mixed data (16,000 rows) 87.0% -> 91.9% at 2.5 s
 * more. Below 500 rows (the threshold until 2026-11-30), 5-fold cross-validation at the default
 * beta on 120-455 training rows, random -> back-propagation patterns: real data sets R^2
 * diabetes 0.347 -> 0.424, Boston housing 0.776 -> 0.809, penguins' body mass 0.854 -> 0.869,
 * accuracy breast cancer 94.7% -> 96.0%, wine 97.9% -> 98.6%; the built-ins iris 90.8% -> 94.2%,
 * curve-1d R^2 0.939 -> 0.953, curve-2d 0.945 -> 0.985, penguins, two moons, circles and blobs
 * unchanged, spirals 96.7% -> 96.3% and xor 93.8% -> 92.5% (within a fold's spread), at ~0.4 s
 * more a fold. Under 100 rows nothing was measured, so such data keeps random patterns.
 */
export const BALANCED_BACKPROP_PATTERN_ROWS = 100;

export const presetInfos: readonly PresetInfo[] = [
  { name: 'quick', label: 'Quick look', description: 'Few patterns and a loose tolerance: a first answer in seconds.' },
  { name: 'balanced', label: 'Balanced', description: `The defaults: a certified gap of 0.1% with a moderate number of patterns (from a back-propagation network on ${BALANCED_BACKPROP_PATTERN_ROWS} training rows or more).` },
  { name: 'accurate', label: 'Most accurate', description: 'More patterns (exact when small enough, else from a back-propagation network) and a tight tolerance; slower.' },
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
    // 100 like Balanced: the hinge loss's conic form on many rows needs 50-70 steps whatever the
    // tolerance (two moons, 8,000 training rows, 16 patterns: 54 steps, 1.9 s, to 1e-2; at 50 it
    // stopped with a gap of 4.3%), where the squared loss takes 10-20.
    ipm: { tolerance: 1e-2, maxIterations: 100 },
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

/**
 * The solver of a preset, with its reason: the automatic choice, through recommendedSolver with
 * the preset's pattern count and tolerance, so an unweighted squared loss whose Newton step is
 * cheap goes to the interior-point solver in every preset.
 */
export function presetSolverChoice(preset: PresetName, shape: DataShape, data: PresetData = {}): Choice<SolverName> {
  const auto = automaticChoices(shape);
  if (auto.loss.value !== 'squared') return auto.solver;
  return recommendedSolver(shape, {
    loss: 'squared',
    formulation: preset === 'quick' ? 'sampled' : auto.formulation.value,
    patterns: SIZE[preset].ipm,
    tolerance: SOLVER_SETTINGS[preset].ipm.tolerance as number,
    ...(data.classWeighted ? { classWeighted: true } : {}),
  });
}

/**
 * The solver recommended for the form's current options: recommendedSolver with their loss,
 * formulation, pattern count (the preset's interior-point size for a non-convex solver's) and
 * class weights, and the preset's interior-point tolerance (Balanced's when the values came from
 * elsewhere). The Train screen shows it under the solver and follows it when the loss changes.
 */
export function recommendedSolverFor(shape: DataShape, options: Pick<TrainOptions, 'task' | 'loss' | 'solver' | 'formulation' | 'patterns' | 'classWeights'>, preset: PresetName | null): Choice<SolverName> {
  const effort = preset ?? DEFAULT_PRESET;
  const convex = isConvexSolver(options.solver);
  return recommendedSolver(shape, {
    loss: options.loss,
    formulation: convex ? options.formulation : 'sampled',
    patterns: convex ? options.patterns : SIZE[effort].ipm,
    tolerance: SOLVER_SETTINGS[effort].ipm.tolerance as number,
    ...(isClassWeighted(options) ? { classWeighted: true } : {}),
  });
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
  const convex = isConvexSolver(solver);
  const formulation = preset !== 'quick' && convex ? auto.formulation.value : 'sampled';
  // Most accurate samples its patterns from a back-propagation network (pattern-source.ts): its
  // certified objective is then never above that network's. Measured with this preset's 128
  // patterns against 128 random ones, the objective fell on all nine built-in datasets (penguins
  // 1.84 -> 0.72, spirals 4.29 -> 3.52, iris 1.92 -> 1.44, the others 0.5-25%) at 0.0-0.3 s more;
  // on 20,000 rows of mixed data 128 random patterns reached 81% test accuracy against 89%.
  // Balanced does so on enough rows (BALANCED_BACKPROP_PATTERN_ROWS).
  const patternSource: Record<string, SettingValue> = presetPatternSource(preset, shape.rows, solver, formulation) === 'backprop' ? { [PATTERN_SOURCE_KEY]: 'backprop' } : {};
  return {
    task: shape.task,
    loss: auto.loss.value,
    solver,
    formulation,
    patterns: SIZE[preset][solver],
    beta: auto.beta.value,
    bias: shape.bias,
    seed,
    solverSettings: { ...SOLVER_SETTINGS[preset][solver], ...patternSource },
  };
}

/**
 * The pattern source a preset takes for `rows` training rows: back-propagation's for a sampled
 * program of a convex solver with Most accurate, and with Balanced from
 * BALANCED_BACKPROP_PATTERN_ROWS rows on (the command line's default follows Balanced); random
 * otherwise.
 */
export function presetPatternSource(preset: PresetName, rows: number, solver: SolverName, formulation: Formulation): PatternSource {
  const fromBackprop = preset === 'accurate' || (preset === 'balanced' && rows >= BALANCED_BACKPROP_PATTERN_ROWS);
  return fromBackprop && takesPatternSource({ solver, formulation }) ? 'backprop' : 'random';
}

/** Every preset's options, as the Train screen's advice carries them (recommendedSolverFor gives each one's solver reason). */
export function presetAdvice(shape: DataShape, data: PresetData = {}): { presets: Record<PresetName, TrainOptions> } {
  const presets = {} as Record<PresetName, TrainOptions>;
  for (const { name } of presetInfos) presets[name] = presetOptions(name, shape, TRAIN_DEFAULTS.seed, data);
  return { presets };
}

/** The preset's solver settings for another solver (the form calls this when the solver changes). */
export function presetSolverSettings(preset: PresetName, solver: SolverName): Record<string, SettingValue> {
  return { ...SOLVER_SETTINGS[preset][solver] };
}

/** The preset's size (patterns, neurons or hidden units) for a solver. */
export function presetSize(preset: PresetName, solver: SolverName): number {
  return SIZE[preset][solver];
}
