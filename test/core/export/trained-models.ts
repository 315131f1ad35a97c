import type { Task } from '../../../src-core/data/dataset';
import type { Imputation, Scaling } from '../../../src-core/data/preprocessing-types';
import type { AdversarialTraining } from '../../../src-core/robust/adversarial-options';
import { resolveAdversarial } from '../../../src-core/robust/adversarial-options';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import type { RawTable } from '../../../src-core/data/raw-table';
import { readTarget } from '../../../src-core/data/target-column';
import type { ModelFile } from '../../../src-core/model/model-file';
import { buildModelFile } from '../../../src-core/model/model-file';
import { Prng } from '../../../src-core/random/prng';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { defaultTrainOptions } from '../../../src-core/training/train-defaults';
import { trainModel } from '../../../src-core/training/train-model';
import type { RunResult } from '../../../src-core/contract/operations';
import type { RunDataInfo } from '../../../src-core/contract/run-history';
import { evaluatePredictions } from '../../../src-core/training/evaluate';
import { predictWithHeads } from '../../../src-core/training/predict';
import { buildRunResult } from '../../../src-main/services/run-result';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';
import { encodeTrainRows } from '../../../src-core/model/train-row-bitmap';

/** A noisy regression table: y = sin(x1) + x2^2 / 4 on raw (unstandardized, offset) columns. */
export function regressionTable(rows = 80, seed = 3): RawTable {
  const prng = new Prng(seed);
  const data: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const x1 = prng.nextGaussian() * 2 + 10;
    const x2 = prng.nextGaussian() * 3 - 4;
    data.push([String(x1), String(x2), String(Math.sin(x1) + (x2 * x2) / 4 + 0.05 * prng.nextGaussian())]);
  }
  return rowTable(['x1', 'x2', 'y'], data);
}

export interface TrainedCase {
  readonly task: Task;
  readonly table: RawTable;
  readonly target: string;
  readonly model: ModelFile;
  /** The run as the app reports it (metrics on the training and test rows, histories). */
  readonly result: RunResult;
  readonly data: RunDataInfo;
}

const trained = new Map<Task, TrainedCase>();

/** A real model (a short ADMM solve with a few sampled patterns) for each task, on raw numeric columns; trained once per test file. */
export function trainedCase(task: Task): TrainedCase {
  if (!trained.has(task)) trained.set(task, train(task));
  return trained.get(task)!;
}

function train(task: Task): TrainedCase {
  const { table, target } =
    task === 'binary'
      ? { table: twoMoonsTable({ rows: 120, seed: 5, noise: 0.15 }), target: 'moon' }
      : task === 'multiclass'
        ? { table: irisTable(), target: 'species' }
        : { table: regressionTable(), target: 'y' };
  return trainOn(table, target, task);
}

/** Changes to trainOn's defaults: the preparation's scaling and imputation, the bias, beta, adversarial training. */
export interface TrainChoices {
  readonly scaling?: Scaling;
  readonly imputation?: Imputation;
  readonly bias?: boolean;
  readonly beta?: number;
  readonly adversarial?: AdversarialTraining;
}

/** A real model of the given table, trained as trainedCase's (short ADMM solve, 12 sampled patterns, standardized inputs unless `choices` say otherwise). */
export function trainOn(table: RawTable, target: string, task: Task, choices: TrainChoices = {}): TrainedCase {
  const column = readTarget(table, target, task);
  const prepared = prepareTrainingData(table, column, {
    testFraction: 0.25,
    seed: 7,
    standardize: true,
    ...(choices.scaling !== undefined ? { scaling: choices.scaling } : {}),
    ...(choices.imputation !== undefined ? { imputation: choices.imputation } : {}),
  });
  const options = {
    ...defaultTrainOptions(task, prepared.trainRows.length),
    patterns: 12,
    seed: 7,
    solverSettings: { maxIterations: 150 },
    ...(choices.bias !== undefined ? { bias: choices.bias } : {}),
    ...(choices.beta !== undefined ? { beta: choices.beta } : {}),
    ...(choices.adversarial ? { adversarial: resolveAdversarial(choices.adversarial, prepared.fitted.pipeline) } : {}),
  };
  const outcome = trainModel(prepared.fitted.dataset, options, defaultContext());
  const model = buildModelFile(outcome, prepared.fitted.pipeline, {
    producer: 'ConvexNet Studio test',
    trainingData: { source: `${task}.csv`, rows: tableRows(table).length, droppedRows: 0, trainRows: encodeTrainRows(prepared.trainRows, tableRows(table).length), testFraction: 0.25, splitSeed: 7 },
  });
  const metrics = (dataset: typeof prepared.fitted.dataset) => evaluatePredictions(task, predictWithHeads(task, options.loss, outcome.heads, dataset.X), dataset.y);
  const result = buildRunResult({
    jobId: 'job-1',
    datasetId: 'dataset-1',
    outcome,
    train: metrics(prepared.fitted.dataset),
    test: prepared.test ? metrics(prepared.test) : null,
    trainCount: prepared.trainRows.length,
    testCount: prepared.testRows.length,
  });
  const data: RunDataInfo = {
    name: `${task} <test> data`,
    source: `${task}.csv`,
    targetName: target,
    task,
    rowCount: tableRows(table).length,
    featureNames: table.columns.filter((c) => c !== target),
    classNames: [...column.classNames],
    classCounts: column.classNames.map((_, c) => Array.from(column.y).filter((y) => y === c).length),
    fingerprint: 'f'.repeat(64),
  };
  return { task, table, target, model, result, data };
}

/** Class names an analyst's data may hold: numbers, a comma, quotes, non-Latin letters, a formula start. */
export const AWKWARD_CLASSES: Readonly<Record<'binary' | 'multiclass', readonly string[]>> = {
  binary: ['-1', '10'],
  multiclass: ['Ünïcode, "q"', '2', '=SUM(1)', '－1'],
};

/**
 * 160 rows of data as an analyst exports them: column names with spaces and non-Latin letters, a
 * numeric column with empty cells, a text column whose categories hold a comma, quotes, Chinese
 * and a formula start (and empty cells), a column of size 1e-30 and one of 1e6 ± 3. Targets:
 * `klass` (AWKWARD_CLASSES.multiclass), `bin` (AWKWARD_CLASSES.binary) and `reg` (a number);
 * pass the task's target and the table keeps only that one.
 */
export function analystTable(task: Task, rows = 160, seed = 11): { table: RawTable; target: string } {
  const prng = new Prng(seed);
  const colours = ['红色', 'blue, dark', '"quoted"', '=cmd'];
  const data: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const a = prng.nextGaussian();
    const b = prng.nextGaussian() * 2 + 5;
    const colour = colours[i % colours.length]!;
    const tiny = prng.nextGaussian() * 1e-30;
    const big = 1e6 + prng.nextGaussian() * 3;
    const s = a + 0.5 * (b - 5) + (colour === '红色' ? 1 : 0) + tiny * 1e30 + (big - 1e6) / 3 + 0.2 * prng.nextGaussian();
    const cells = [i % 9 === 4 ? '' : String(a), String(b), i % 13 === 6 ? '' : colour, String(tiny), String(big)];
    if (task === 'multiclass') cells.push(AWKWARD_CLASSES.multiclass[s > 1.5 ? 0 : s > 0 ? 1 : s > -1.5 ? 2 : 3]!);
    else if (task === 'binary') cells.push(AWKWARD_CLASSES.binary[s > 0.3 ? 1 : 0]!);
    else cells.push(String(10 * s + 3));
    data.push(cells);
  }
  const target = { multiclass: 'klass', binary: 'bin', regression: 'reg' }[task];
  return { table: rowTable(['feature a', 'größe β', 'colour name', 'tiny', 'big one', target], data), target };
}
