import type { AdversarialTraining } from '../../src-core/robust/adversarial-options';
import { ADVERSARIAL_OPTIONS, adversarialFromOptions } from './adversarial-args';
import type { Task } from '../../src-core/data/dataset';
import type { LossName } from '../../src-core/losses/loss';
import type { SettingValue } from '../../src-core/settings/setting-spec';
import { ipmOptionProblems } from '../../src-core/training/solver-support';
import { DEFAULT_LOSS, DEFAULT_SOLVER, defaultBeta, TRAIN_DEFAULTS } from '../../src-core/training/train-defaults';
import type { Formulation, SolverName, TrainOptions } from '../../src-core/training/train-types';
import type { OptionSpecs } from './parse-options';
import { choiceOption, expectPositionals, numberOption, parseOptions, stringOption } from './parse-options';
import { UsageError } from './usage-error';
import type { DataFileOptions } from '../datasets/read-data-file';
import type { PreparationArgs } from './data-file-args';
import { DATA_FILE_OPTIONS, dataFileOptionsFrom, PREPARATION_OPTIONS, preparationFrom } from './data-file-args';

// The defaults live in src-core, shared with the app: loss, patterns, beta per row, seed. The app's
// form starts from the Balanced preset instead (training-advice.ts), which also picks the solver by
// problem size (ipm for small squared-loss problems) and holds out APP_TEST_FRACTION; the CLI keeps
// the fixed DEFAULT_SOLVER and TRAIN_DEFAULTS.testFraction, so a script's results do not change
// with the data's size.
export { DEFAULT_LOSS, DEFAULT_SOLVER, TRAIN_DEFAULTS } from '../../src-core/training/train-defaults';

export const TASK_CHOICES: readonly Task[] = ['binary', 'multiclass', 'regression'];
export const LOSS_CHOICES: readonly LossName[] = ['squared', 'bce', 'hinge'];
export const SOLVER_CHOICES: readonly SolverName[] = ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'];
export const FORMULATION_CHOICES: readonly Formulation[] = ['sampled', 'exact'];

export interface TrainArgs {
  readonly dataPath: string;
  /** --format / --sheet; absent: detected from the file. */
  readonly dataFile?: DataFileOptions;
  /** --impute / --scaling / --max-categories; absent: mean, standardize (or --no-standardize), 50. */
  readonly preparation?: PreparationArgs;
  readonly target: string;
  /** Absent: inferred from the target column. */
  readonly task?: Task;
  /** Absent: DEFAULT_LOSS of the task. */
  readonly loss?: LossName;
  /** Absent: DEFAULT_SOLVER of the loss. */
  readonly solver?: SolverName;
  readonly formulation: Formulation;
  readonly patterns: number;
  /** Absent: scaled to the training rows (defaultBeta). */
  readonly beta?: number;
  readonly seed: number;
  readonly testFraction: number;
  readonly standardize: boolean;
  /** Only the solver settings given on the command line (rho, maxIterations, tolerance, timeLimitMs). */
  readonly solverSettings: Record<string, SettingValue>;
  readonly outPath: string;
  readonly reportPath?: string;
  /** --epsilon E [--norm linf|l2] [--epsilon-units raw|standardized] [--immutable A,B]: adversarial training. */
  readonly adversarial?: AdversarialTraining;
}

export const TRAIN_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  target: { type: 'string' },
  task: { type: 'string' },
  loss: { type: 'string' },
  solver: { type: 'string' },
  formulation: { type: 'string' },
  patterns: { type: 'string' },
  beta: { type: 'string' },
  rho: { type: 'string' },
  'max-iter': { type: 'string' },
  tol: { type: 'string' },
  'time-limit-ms': { type: 'string' },
  seed: { type: 'string' },
  'test-fraction': { type: 'string' },
  standardize: { type: 'boolean' },
  'no-standardize': { type: 'boolean' },
  out: { type: 'string' },
  report: { type: 'string' },
  ...ADVERSARIAL_OPTIONS,
};

/** Parses `convexnet train` arguments (after the command word). Returns null when help is asked. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs | null {
  // sweep and cv add the same data-file and preparation options in sweep-args.ts.
  const parsed = parseRunArgs('train', argv, { ...DATA_FILE_OPTIONS, ...PREPARATION_OPTIONS });
  if (!parsed) return null;
  return { ...parsed.args, ...dataFileOptionsFrom(parsed.values), ...preparationFrom(parsed.values) } as TrainArgs;
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
  const solverSettings: Record<string, SettingValue> = {};
  const rho = numberOption(values, 'rho', { min: 0, minExclusive: true });
  const maxIterations = numberOption(values, 'max-iter', { integer: true, min: 1 });
  const tolerance = numberOption(values, 'tol', { min: 0, minExclusive: true });
  const timeLimitMs = numberOption(values, 'time-limit-ms', { min: 0, minExclusive: true });
  if (rho !== undefined) solverSettings['rho'] = rho;
  if (maxIterations !== undefined) solverSettings['maxIterations'] = maxIterations;
  if (tolerance !== undefined) solverSettings['tolerance'] = tolerance;
  if (timeLimitMs !== undefined) solverSettings['timeLimitMs'] = timeLimitMs;

  const reportPath = stringOption(values, 'report');
  const betaGiven = numberOption(values, 'beta', { min: 0, minExclusive: true });
  const solver = choiceOption(values, 'solver', SOLVER_CHOICES);
  // `sweep --epsilon-grid` reads --norm/--epsilon-units/--immutable as its own threat (sweep-args.ts).
  const adversarial = command === 'sweep' && values['epsilon-grid'] !== undefined ? {} : adversarialFromOptions(values, command === 'train');
  if (solver === 'ipm') {
    // Refused before the data is read (trainModel checks again). Every task's default loss is
    // squared and the CLI sets no class weights, so only --loss and --epsilon can conflict.
    const problem = ipmOptionProblems({ task: task ?? 'binary', solver, loss: loss ?? 'squared', ...adversarial })[0];
    if (problem) throw new UsageError(problem.message);
  }
  const args = {
    dataPath: dataPath!,
    target,
    ...(task !== undefined ? { task } : {}),
    ...(loss !== undefined ? { loss } : {}),
    ...(solver !== undefined ? { solver } : {}),
    formulation: choiceOption(values, 'formulation', FORMULATION_CHOICES) ?? TRAIN_DEFAULTS.formulation,
    patterns: numberOption(values, 'patterns', { integer: true, min: 1 }) ?? TRAIN_DEFAULTS.patterns,
    ...(betaGiven !== undefined ? { beta: betaGiven } : {}),
    seed: numberOption(values, 'seed', { integer: true, min: 0, max: 0xffffffff }) ?? TRAIN_DEFAULTS.seed,
    testFraction: numberOption(values, 'test-fraction', { min: 0, max: 1, maxExclusive: true }) ?? TRAIN_DEFAULTS.testFraction,
    standardize: values['no-standardize'] ? false : TRAIN_DEFAULTS.standardize,
    solverSettings,
    ...(outPath !== undefined ? { outPath } : {}),
    ...(reportPath !== undefined ? { reportPath } : {}),
    ...adversarial,
  };
  return { args, values };
}

/** The loss and solver a run uses once the task is known. */
export function resolveLossAndSolver(args: Pick<TrainArgs, 'loss' | 'solver'>, task: Task): { loss: LossName; solver: SolverName } {
  const loss = args.loss ?? DEFAULT_LOSS[task];
  if (task === 'regression' && loss !== 'squared') {
    throw new UsageError(`--loss ${loss} is for classification, but the target was read as a regression target; pass --task binary or --task multiclass, or use --loss squared`);
  }
  return { loss, solver: args.solver ?? DEFAULT_SOLVER[loss] };
}

/**
 * The TrainOptions a run's arguments give (train, sweep and cv alike) once the task and the
 * number of training rows are known: beta defaults to 1e-4 per training row.
 */
export function trainOptionsFromArgs(args: Omit<TrainArgs, 'outPath'>, task: Task, trainRowCount: number): TrainOptions {
  const { loss, solver } = resolveLossAndSolver(args, task);
  return {
    task,
    loss,
    solver,
    formulation: args.formulation,
    patterns: args.patterns,
    beta: args.beta ?? defaultBeta(trainRowCount),
    bias: TRAIN_DEFAULTS.bias,
    seed: args.seed,
    solverSettings: args.solverSettings,
  };
}
