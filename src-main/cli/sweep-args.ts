import { DATA_FILE_OPTIONS, dataFileOptionsFrom, PREPARATION_OPTIONS, preparationFrom } from './data-file-args';
import { DEFAULT_FOLDS, MAX_FOLDS } from '../../src-core/training/cross-validation';
import type { CvArgs } from './commands/cv';
import type { SweepArgs } from './commands/sweep';
import { numberOption, stringOption } from './parse-options';
import { parseRunArgs } from './train-args';
import { UsageError } from './usage-error';

/** `convexnet sweep DATA.csv --target COLUMN [--beta-grid MIN:MAX:COUNT] [--cv K] [train options]`; null for help. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs | null {
  const parsed = parseRunArgs('sweep', argv, { 'beta-grid': { type: 'string' }, cv: { type: 'string' }, ...DATA_FILE_OPTIONS, ...PREPARATION_OPTIONS });
  if (!parsed) return null;
  refuseOut('sweep', parsed.args.outPath);
  const betaGrid = stringOption(parsed.values, 'beta-grid');
  const cvFolds = numberOption(parsed.values, 'cv', { integer: true, min: 2, max: MAX_FOLDS });
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
  return { ...parsed.args, ...dataFileOptionsFrom(parsed.values), ...preparationFrom(parsed.values) };
}

function refuseOut(command: string, outPath: string | undefined): void {
  if (outPath !== undefined) {
    throw new UsageError(`"convexnet ${command}" writes no model (use --report OUT.json for its results; train the chosen settings with convexnet train)`);
  }
}
