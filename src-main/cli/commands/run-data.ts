import { foldPreparationOf, type FoldPreparation } from '../../../src-core/training/fold-preparation';
import { basename } from 'node:path';
import type { Dataset } from '../../../src-core/data/dataset';
import type { PreprocessingPipeline } from '../../../src-core/data/preprocessing-types';
import { readTarget } from '../../../src-core/data/target-column';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { readDataFile } from '../../datasets/read-data-file';
import type { TrainArgs } from '../train-args';
import { preparedShape, trainOptionsFromArgs } from '../train-args';
import { chooseFeatureColumns, leftOutNote } from '../feature-columns';

/** The prepared data and options of a sweep or cross-validation run, read exactly as `convexnet train` reads them. */
export interface RunData {
  readonly source: string;
  readonly train: Dataset;
  readonly test: Dataset | null;
  readonly options: TrainOptions;
  /** Why the solver was chosen, when --solver did not choose it (for the progress heading). */
  readonly solverReason: string | null;
  /** Patterns from back-propagation taken without --pattern-source (trainOptionsFromArgs), for the heading. */
  readonly patternNote: string | null;
  readonly featureNames: readonly string[];
  /** The preprocessing's scaling and imputed values, refitted on each cross-validation fold. */
  readonly foldPreparation: FoldPreparation | null;
  /** The fitted preprocessing (epsilon sweeps resolve their radii through it). */
  readonly pipeline: PreprocessingPipeline;
  /** Lines for stderr before the run: the columns left out, and the preparation's warnings. */
  readonly notes: readonly string[];
}

/** `robust`: the run trains adversarially (an epsilon sweep), which the solver choice must allow. */
export async function readRunData(args: Omit<TrainArgs, 'outPath'>, robust: boolean = false): Promise<RunData> {
  const source = basename(args.dataPath);
  // Every supported format, as `convexnet train` reads it (--format/--sheet, else detected).
  const { table } = await readDataFile(args.dataPath, args.dataFile);
  const target = readTarget(table, args.target, args.task);
  const columns = chooseFeatureColumns(table, args.target, args.ignoreColumns, args.keepColumns);
  const { trainRows, fitted, test } = prepareTrainingData(table, target, {
    testFraction: args.testFraction,
    seed: args.seed,
    standardize: args.standardize,
    featureColumns: columns.featureColumns,
    ...args.preparation,
  });
  const { options, solverReason, patternNote } = trainOptionsFromArgs(args, preparedShape(target.task, trainRows.length, fitted.pipeline.featureNames.length, fitted.dataset.y), robust, fitted.dataset.classNames);
  return {
    source,
    train: fitted.dataset,
    test,
    options,
    solverReason,
    patternNote,
    featureNames: fitted.pipeline.featureNames,
    foldPreparation: foldPreparationOf(fitted.pipeline, fitted.imputedRows),
    pipeline: fitted.pipeline,
    notes: [leftOutNote(columns), ...(fitted.warnings ?? []).map((w) => `warning: ${w}`)].filter((n): n is string => n !== null),
  };
}

/** A score for the table: percent for accuracy, three decimals otherwise. */
export function formatScore(value: number | null, percent: boolean): string {
  if (value === null || !Number.isFinite(value)) return '-';
  return percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

/**
 * A mean and its spread over folds for the table: "0.850 ± 0.031", or the mean alone when the
 * spread is undefined (fewer than two folds had the score), where "0.850 ± -" read like a typo.
 */
export function formatMeanAndSpread(mean: number | null, spread: number | null, percent: boolean): string {
  const middle = formatScore(mean, percent);
  return spread === null || !Number.isFinite(spread) ? middle : `${middle} ± ${formatScore(spread, percent)}`;
}
