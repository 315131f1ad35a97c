import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import { ADVERSARIAL_OPTIONS, adversarialFromOptions } from './adversarial-args';
import type { Task } from '../../src-core/data/dataset';
import type { LossName } from '../../src-core/losses/loss';
import type { SettingValue } from '../../src-core/settings/setting-spec';
import { EXACT_PATTERN_LIMIT_KEY, exactPatternLimitSpec } from '../../src-core/training/exact-pattern-limit';
import { PATTERN_SOURCE_KEY, patternSourceSpec, trainsPatternNetworks, type PatternSource } from '../../src-core/training/pattern-source';
import { BALANCED_BACKPROP_PATTERN_ROWS, presetPatternSource } from '../../src-core/training/presets';
import { MAX_BACKPROP_PATTERNS_PER_HEAD, maxBackpropPatterns } from '../../src-core/training/backprop-patterns';
import { ipmOptionProblems, isClassWeighted } from '../../src-core/training/solver-support';
import { preparedDataShape, type DataShape } from '../../src-core/training/auto-choices';
import { recommendedSolver } from '../../src-core/training/recommended-solver';
import { dataScaledBeta, DEFAULT_LOSS, TRAIN_DEFAULTS } from '../../src-core/training/train-defaults';
import { ipmSettingSpecs, type IpmSettings } from '../../src-core/solvers/ipm/ipm-settings';
import { defaultSettings } from '../../src-core/settings/setting-spec';
import type { Formulation, SolverName, TrainOptions } from '../../src-core/training/train-types';
import type { OptionSpecs } from './parse-options';
import { choiceOption, expectPositionals, numberOption, parseOptions, stringOption } from './parse-options';
import { UsageError } from './usage-error';
import { checkSolverSettingFlags, solverSettingsFromFlags } from './solver-setting-flags';
import { MAX_TRAINING_WORKERS } from '../services/worker-count';
import type { DataFileOptions } from '../datasets/read-data-file';
import type { PreparationArgs } from './data-file-args';
import { columnArgsFrom, DATA_FILE_OPTIONS, dataFileOptionsFrom, PREPARATION_OPTIONS, preparationFrom } from './data-file-args';

// The defaults live in src-core, shared with the app: loss, patterns, beta per row, seed, and the
// solver recommendation (recommended-solver.ts: ipm for small squared-loss problems, else the
// loss's DEFAULT_SOLVER). The app's form starts from the Balanced preset (training-advice.ts) and
// holds out APP_TEST_FRACTION; the CLI uses the solvers' own default settings and
// TRAIN_DEFAULTS.testFraction.
export { DEFAULT_LOSS, DEFAULT_SOLVER, TRAIN_DEFAULTS } from '../../src-core/training/train-defaults';

export const TASK_CHOICES: readonly Task[] = ['binary', 'multiclass', 'regression'];
export const LOSS_CHOICES: readonly LossName[] = ['squared', 'bce', 'hinge'];
export const SOLVER_CHOICES: readonly SolverName[] = ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'];
export const FORMULATION_CHOICES: readonly Formulation[] = ['sampled', 'exact'];
export const PATTERN_SOURCE_CHOICES: readonly PatternSource[] = patternSourceSpec.options.map((o) => o.value as PatternSource);

export interface TrainArgs {
  readonly dataPath: string;
  /** --format / --sheet; absent: detected from the file. */
  readonly dataFile?: DataFileOptions;
  /** --impute / --scaling / --max-categories; absent: mean, standardize (or --no-standardize), 50. */
  readonly preparation?: PreparationArgs;
  /** --ignore: input columns left out; --keep: columns the inspection flags, used anyway (feature-columns.ts). */
  readonly ignoreColumns?: readonly string[];
  readonly keepColumns?: readonly string[];
  readonly target: string;
  /** Absent: inferred from the target column. */
  readonly task?: Task;
  /** Absent: DEFAULT_LOSS of the task. */
  readonly loss?: LossName;
  /** Absent: recommended for the loss and the data's size (solverFromArgs). */
  readonly solver?: SolverName;
  readonly formulation: Formulation;
  readonly patterns: number;
  /** Absent: scaled to the training rows, and for regression to the target's spread (dataScaledBeta). */
  readonly beta?: number;
  readonly seed: number;
  /** --workers: worker threads for folds and one-vs-rest heads (cli-workers.ts); absent: the environment's. */
  readonly workers?: number;
  readonly testFraction: number;
  readonly standardize: boolean;
  /** Only the settings given on the command line (rho, maxIterations, tolerance, timeLimitMs; exactPatternLimit, the pipeline's). */
  readonly solverSettings: Record<string, SettingValue>;
  readonly outPath: string;
  readonly reportPath?: string;
  /** --epsilon E [--norm linf|l2] [--epsilon-units raw|standardized] [--immutable A,B]: adversarial training. */
  readonly adversarial?: AdversarialTraining;
  /** --epsilon auto: runTrain sets adversarial.epsilon from the prepared training rows. */
  readonly autoEpsilon?: true;
  /** --class-weights: 'balanced', 'none', or weights by class name (resolved once the classes are read). */
  readonly classWeights?: ClassWeightsArg;
}

/** --class-weights as given: a rule, or NAME=WEIGHT pairs (the names are the target's values). */
export type ClassWeightsArg = 'balanced' | 'none' | readonly { readonly name: string; readonly weight: number }[];

export const TRAIN_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  target: { type: 'string' },
  task: { type: 'string' },
  loss: { type: 'string' },
  solver: { type: 'string' },
  formulation: { type: 'string' },
  'exact-pattern-limit': { type: 'string' },
  'pattern-source': { type: 'string' },
  patterns: { type: 'string' },
  beta: { type: 'string' },
  rho: { type: 'string' },
  'max-iter': { type: 'string' },
  tol: { type: 'string' },
  'time-limit-ms': { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  'test-fraction': { type: 'string' },
  standardize: { type: 'boolean' },
  'no-standardize': { type: 'boolean' },
  out: { type: 'string' },
  report: { type: 'string' },
  'class-weights': { type: 'string' },
  ...ADVERSARIAL_OPTIONS,
};

/** Parses `convexnet train` arguments (after the command word). Returns null when help is asked. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs | null {
  // sweep and cv add the same data-file and preparation options in sweep-args.ts.
  const parsed = parseRunArgs('train', argv, { ...DATA_FILE_OPTIONS, ...PREPARATION_OPTIONS });
  if (!parsed) return null;
  return { ...parsed.args, ...dataFileOptionsFrom(parsed.values), ...preparationFrom(parsed.values), ...columnArgsFrom(parsed.values) } as TrainArgs;
}

/**
 * The training options shared by `train`, `sweep` and `cv` (same names, same checks), plus the
 * command's own options (`extraOptions`, returned raw in `values`). --out is required for train
 * only. Returns null when help is asked.
 */
export function parseRunArgs(
  command: 'train' | 'sweep' | 'cv',
  argv: readonly string[],
  extraOptions: OptionSpecs = {},
): { args: Omit<TrainArgs, 'outPath'> & { outPath?: string }; values: Record<string, string | boolean | undefined> } | null {
  const { values, positionals } = parseOptions(command, argv, { ...TRAIN_OPTIONS, ...extraOptions });
  if (values['help']) return null;
  const [dataPath] = expectPositionals(command, positionals, ['DATA.csv']);
  const target = stringOption(values, 'target');
  if (target === undefined) throw new UsageError(`"convexnet ${command}" needs --target COLUMN, the column to predict (see convexnet ${command} --help)`);
  const outPath = stringOption(values, 'out');
  if (outPath === undefined && command === 'train') throw new UsageError('"convexnet train" needs --out MODEL.json, where to write the model (see convexnet train --help)');
  if (values['standardize'] && values['no-standardize']) throw new UsageError('give either --standardize or --no-standardize, not both');

  const task = choiceOption(values, 'task', TASK_CHOICES);
  const loss = choiceOption(values, 'loss', LOSS_CHOICES);
  if (task === 'regression' && loss !== undefined && loss !== 'squared') {
    throw new UsageError(`--loss ${loss} is for classification; regression uses --loss squared`);
  }
  const solverSettings = solverSettingsFromFlags(values);

  const formulation = choiceOption(values, 'formulation', FORMULATION_CHOICES) ?? TRAIN_DEFAULTS.formulation;
  const { min, max } = exactPatternLimitSpec;
  const exactLimit = numberOption(values, 'exact-pattern-limit', { integer: true, min, max });
  if (exactLimit !== undefined) {
    if (formulation !== 'exact') throw new UsageError('--exact-pattern-limit applies to the exact formulation: add --formulation exact, or leave it out');
    solverSettings[EXACT_PATTERN_LIMIT_KEY] = exactLimit;
  }

  const patternSource = choiceOption(values, 'pattern-source', PATTERN_SOURCE_CHOICES);
  if (patternSource !== undefined) {
    if (formulation !== 'sampled') throw new UsageError('--pattern-source applies to the sampled formulation (the exact one uses every pattern): leave out --formulation exact, or --pattern-source');
    solverSettings[PATTERN_SOURCE_KEY] = patternSource;
  }

  const reportPath = stringOption(values, 'report');
  const betaGiven = numberOption(values, 'beta', { min: 0, minExclusive: true });
  const solver = choiceOption(values, 'solver', SOLVER_CHOICES);
  // `sweep --epsilon-grid` reads --norm/--epsilon-units/--immutable as its own threat (sweep-args.ts).
  const adversarial = command === 'sweep' && values['epsilon-grid'] !== undefined ? {} : adversarialFromOptions(values, command === 'train');
  if (solver === 'ipm') {
    // Refused before the data is read (trainModel checks again). Every task's default loss is
    // squared, and class weights go to the IPM's conic form, so only --loss and --epsilon can conflict.
    const problem = ipmOptionProblems({ task: task ?? 'binary', solver, loss: loss ?? 'squared', ...adversarial })[0];
    if (problem) throw new UsageError(problem.message);
  }
  const classWeights = classWeightsOption(values);
  const workers = numberOption(values, 'workers', { integer: true, min: 1, max: MAX_TRAINING_WORKERS });
  // With --task regression, refused before the data is read (by the rule the run applies later).
  if (task === 'regression') resolveClassWeights(classWeights, task, []);
  const args = {
    dataPath: dataPath!,
    target,
    ...(task !== undefined ? { task } : {}),
    ...(loss !== undefined ? { loss } : {}),
    ...(solver !== undefined ? { solver } : {}),
    formulation,
    patterns: numberOption(values, 'patterns', { integer: true, min: 1 }) ?? TRAIN_DEFAULTS.patterns,
    ...(betaGiven !== undefined ? { beta: betaGiven } : {}),
    seed: numberOption(values, 'seed', { integer: true, min: 0, max: 0xffffffff }) ?? TRAIN_DEFAULTS.seed,
    ...(workers !== undefined ? { workers } : {}),
    testFraction: numberOption(values, 'test-fraction', { min: 0, max: 1, maxExclusive: true }) ?? TRAIN_DEFAULTS.testFraction,
    standardize: values['no-standardize'] ? false : TRAIN_DEFAULTS.standardize,
    solverSettings,
    ...(outPath !== undefined ? { outPath } : {}),
    ...(reportPath !== undefined ? { reportPath } : {}),
    ...(classWeights !== undefined ? { classWeights } : {}),
    ...adversarial,
  };
  return { args, values };
}

/** --class-weights balanced | none | NAME=WEIGHT,NAME=WEIGHT (weights positive; names checked against the classes later). */
function classWeightsOption(values: Record<string, string | boolean | undefined>): ClassWeightsArg | undefined {
  const text = stringOption(values, 'class-weights');
  if (text === undefined) return undefined;
  if (text === 'balanced' || text === 'none') return text;
  const pairs = text.split(',').map((part) => {
    const at = part.lastIndexOf('=');
    const name = part.slice(0, at).trim();
    const weightText = part.slice(at + 1).trim();
    const weight = Number(weightText);
    if (at <= 0 || name === '' || weightText === '' || !(weight > 0) || !Number.isFinite(weight)) {
      throw new UsageError(`--class-weights expects balanced, none, or CLASS=WEIGHT pairs with positive weights (e.g. yes=3,no=1); got "${part}"`);
    }
    return { name, weight };
  });
  const names = new Set(pairs.map((p) => p.name));
  if (names.size < pairs.length) throw new UsageError(`--class-weights names a class twice: "${text}"`);
  return pairs;
}

/** ", class weights 0: 1, 1: 2" / ", balanced class weights" for a run's heading; "" without weights. */
export function describeClassWeights(weights: TrainOptions['classWeights'], classNames: readonly string[]): string {
  if (weights === undefined || weights === 'none') return '';
  if (weights === 'balanced') return ', balanced class weights';
  return `, class weights ${weights.map((w, i) => `${classNames[i] ?? i}: ${w}`).join(', ')}`;
}

/**
 * The run's class weights once the classes are known: 'balanced' / 'none' as given, or the
 * weights by class index (a class left out weighs 1). A name that is not a class is a usage
 * error that lists the classes.
 */
export function resolveClassWeights(arg: ClassWeightsArg | undefined, task: Task, classNames: readonly string[]): TrainOptions['classWeights'] | undefined {
  if (arg === undefined) return undefined;
  if (task === 'regression') throw new UsageError('--class-weights is for classification, but this run is a regression (the target read as one, or --task regression); pass --task binary or --task multiclass, or leave --class-weights out');
  if (arg === 'balanced' || arg === 'none') return arg;
  const weights = classNames.map(() => 1);
  for (const { name, weight } of arg) {
    const index = classNames.indexOf(name);
    if (index < 0) throw new UsageError(`--class-weights names "${name}", which is not a class of the target; the classes are ${classNames.map((c) => `"${c}"`).join(', ')}`);
    weights[index] = weight;
  }
  return weights;
}

/** The loss a run uses once the task is known. */
export function resolveLoss(args: Pick<TrainArgs, 'loss'>, task: Task): LossName {
  const loss = args.loss ?? DEFAULT_LOSS[task];
  if (task === 'regression' && loss !== 'squared') {
    throw new UsageError(`--loss ${loss} is for classification, but the target was read as a regression target; pass --task binary or --task multiclass, or use --loss squared`);
  }
  return loss;
}

/**
 * The solver a run uses: --solver, else the recommendation for the loss, the prepared data's
 * shape, the pattern count and the settings given (recommended-solver.ts: the interior-point
 * solver for small squared-loss problems, as the app's presets choose). `reason` is null when
 * --solver chose.
 */
export function solverFromArgs(args: Omit<TrainArgs, 'outPath'>, shape: DataShape, loss: LossName, robust: boolean, classWeighted = false): { solver: SolverName; reason: string | null } {
  if (args.solver !== undefined) return { solver: args.solver, reason: null };
  const tolerance = args.solverSettings['tolerance'];
  const choice = recommendedSolver(shape, {
    loss,
    formulation: args.formulation,
    patterns: args.patterns,
    tolerance: typeof tolerance === 'number' ? tolerance : defaultSettings<IpmSettings>(ipmSettingSpecs).tolerance,
    robust,
    givenSettings: args.solverSettings,
    ...(classWeighted ? { classWeighted: true } : {}),
  });
  return { solver: choice.value, reason: choice.reason };
}

/**
 * The TrainOptions a run's arguments give (train, sweep and cv alike) once the task and the
 * prepared data's shape are known: beta defaults to dataScaledBeta (the app's automatic choice), the solver to the
 * recommendation (solverFromArgs), whose reason comes back for the progress heading. `robust`:
 * the run trains adversarially (--epsilon above 0, or an epsilon sweep).
 */
export function trainOptionsFromArgs(args: Omit<TrainArgs, 'outPath'>, shape: DataShape, robust: boolean, classNames: readonly string[] = []): { options: TrainOptions; solverReason: string | null; patternNote: string | null } {
  const loss = resolveLoss(args, shape.task);
  const classWeights = resolveClassWeights(args.classWeights, shape.task, classNames);
  const { solver, reason } = solverFromArgs(args, shape, loss, robust, isClassWeighted({ task: shape.task, ...(classWeights !== undefined ? { classWeights } : {}) }));
  // Adversarial training solves with its own method and settings (robust-settings.ts).
  if (!robust) checkSolverSettingFlags(solver, args.solverSettings);
  // Without --pattern-source, the patterns the app's Balanced preset takes for this many rows.
  const patternsFromBackprop = !(PATTERN_SOURCE_KEY in args.solverSettings) && presetPatternSource('balanced', shape.rows, solver, args.formulation) === 'backprop';
  const options: TrainOptions = {
    task: shape.task,
    loss,
    solver,
    formulation: args.formulation,
    patterns: args.patterns,
    beta: args.beta ?? dataScaledBeta(shape.task, shape.rows, shape.targetSpread),
    bias: shape.bias,
    seed: args.seed,
    solverSettings: patternsFromBackprop ? { ...args.solverSettings, [PATTERN_SOURCE_KEY]: 'backprop' } : args.solverSettings,
    ...(classWeights !== undefined ? { classWeights } : {}),
  };
  if (trainsPatternNetworks(options)) checkBackpropPatternCount(args.patterns, shape.task === 'multiclass' ? classNames.length : 1, patternsFromBackprop);
  const patternNote = patternsFromBackprop
    ? `from a back-propagation network, as the app's Balanced preset takes them on ${BALANCED_BACKPROP_PATTERN_ROWS} training rows or more (--pattern-source random for random ones)`
    : null;
  return { options, solverReason: reason, patternNote };
}

/** The shape of the prepared training data the solver recommendation depends on. */
export function preparedShape(task: Task, trainRows: number, featureCount: number, trainTarget?: Float64Array): DataShape {
  return preparedDataShape(task, trainRows, featureCount, TRAIN_DEFAULTS.bias, trainTarget);
}

/**
 * The heading's notes on what was chosen for the data: the recommended solver's reason and how to
 * choose another ('' when --solver chose), and patterns from back-propagation when they were
 * taken without --pattern-source.
 */
export function describeSolverChoice(reason: string | null, patternNote: string | null = null): string {
  const solver = reason === null ? '' : `\nSolver chosen for this data (--solver chooses another): ${reason}`;
  return solver + (patternNote === null ? '' : `\nPatterns ${patternNote}.`);
}

/**
 * Refuses more patterns than back-propagation networks can give, before the data is trained on:
 * the limit is back-propagation's (one neuron per pattern, at most MAX_BACKPROP_PATTERNS_PER_HEAD
 * a network), not --patterns' own, so the message says where it comes from and the way around it.
 */
function checkBackpropPatternCount(patterns: number, heads: number, byDefault: boolean): void {
  const max = maxBackpropPatterns(heads);
  if (patterns <= max) return;
  const source = byDefault ? `by default on ${BALANCED_BACKPROP_PATTERN_ROWS} training rows or more, as the app's Balanced preset` : 'with --pattern-source backprop';
  throw new UsageError(
    `--patterns ${patterns} is more than back-propagation can give: patterns come from back-propagation networks (${source}), one neuron per pattern${heads > 1 ? ` and one network per class (${heads})` : ''}, and a network has at most ${MAX_BACKPROP_PATTERNS_PER_HEAD} neurons. Give --patterns ${max} or fewer, or --pattern-source random for random patterns.`,
  );
}
