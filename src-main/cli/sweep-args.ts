import { columnArgsFrom, DATA_FILE_OPTIONS, dataFileOptionsFrom, PREPARATION_OPTIONS, preparationFrom } from './data-file-args';
import { DEFAULT_FOLDS, MAX_FOLDS } from '../../src-core/training/cross-validation';
import type { CvArgs } from './commands/cv';
import type { SweepArgs } from './commands/sweep';
import { choiceOption, numberOption, stringOption } from './parse-options';
import { columnList, EPSILON_UNIT_CHOICES, NORM_CHOICES } from './adversarial-args';
import { parseRunArgs } from './train-args';
import { UsageError } from './usage-error';

/**
 * `convexnet sweep DATA.csv --target COLUMN [--beta-grid MIN:MAX:COUNT] [--cv K] [train options]`,
 * or over the adversarial radius: `--epsilon-grid MIN:MAX:COUNT|auto [--norm linf|l2]
 * [--epsilon-units raw|standardized] [--immutable A,B]`; null for help.
 */
export function parseSweepArgs(argv: readonly string[]): SweepArgs | null {
  const parsed = parseRunArgs('sweep', argv, { 'beta-grid': { type: 'string' }, 'epsilon-grid': { type: 'string' }, cv: { type: 'string' }, ...DATA_FILE_OPTIONS, ...PREPARATION_OPTIONS });
  if (!parsed) return null;
  refuseOut('sweep', parsed.args.outPath);
  const betaGrid = stringOption(parsed.values, 'beta-grid');
  const cvFolds = numberOption(parsed.values, 'cv', { integer: true, min: 2, max: MAX_FOLDS });
  const epsilonGrid = stringOption(parsed.values, 'epsilon-grid');
  if (epsilonGrid !== undefined) {
    if (betaGrid !== undefined || cvFolds !== undefined) throw new UsageError('--epsilon-grid sweeps the adversarial radius at the train beta: give no --beta-grid or --cv with it');
    const unsupported = ['epsilon', 'compare-standard'].find((k) => parsed.values[k] !== undefined);
    if (unsupported) throw new UsageError(`--${unsupported} does not apply to an epsilon sweep (--epsilon-grid gives the radii; epsilon 0 is the standard model)`);
    const immutable = columnList(stringOption(parsed.values, 'immutable'));
    const baseline = choiceOption(parsed.values, 'baseline-attack', ['pgd', 'fgsm'] as const);
    return {
      run: withDataOptions(parsed),
      epsilonSweep: {
        grid: epsilonGrid,
        norm: choiceOption(parsed.values, 'norm', NORM_CHOICES) ?? 'linf',
        units: choiceOption(parsed.values, 'epsilon-units', EPSILON_UNIT_CHOICES) ?? 'raw',
        ...(immutable.length > 0 ? { immutable } : {}),
        ...(baseline ? { baselineAttack: baseline } : {}),
      },
    };
  }
  return { run: withDataOptions(parsed), ...(betaGrid !== undefined ? { betaGrid } : {}), ...(cvFolds !== undefined ? { cvFolds } : {}) };
}

/** `convexnet cv DATA.csv --target COLUMN [--folds K] [train options]`; null for help. */
export function parseCvArgs(argv: readonly string[]): CvArgs | null {
  const parsed = parseRunArgs('cv', argv, { folds: { type: 'string' }, ...DATA_FILE_OPTIONS, ...PREPARATION_OPTIONS });
  if (!parsed) return null;
  refuseOut('cv', parsed.args.outPath);
  return { run: withDataOptions(parsed), folds: numberOption(parsed.values, 'folds', { integer: true, min: 2, max: MAX_FOLDS }) ?? DEFAULT_FOLDS };
}

/** The run arguments with --format/--sheet and the preparation options, read as `train` reads them. */
function withDataOptions(parsed: NonNullable<ReturnType<typeof parseRunArgs>>): SweepArgs['run'] {
  return { ...parsed.args, ...dataFileOptionsFrom(parsed.values), ...preparationFrom(parsed.values), ...columnArgsFrom(parsed.values) };
}

function refuseOut(command: string, outPath: string | undefined): void {
  if (outPath !== undefined) {
    throw new UsageError(`"convexnet ${command}" writes no model (use --report OUT.json for its results; train the chosen settings with convexnet train)`);
  }
}
