import type { Task } from '../../../src-core/data/dataset';
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

/** A real model of the given table, trained as trainedCase's (short ADMM solve, 12 sampled patterns, standardized inputs). */
export function trainOn(table: RawTable, target: string, task: Task): TrainedCase {
  const column = readTarget(table, target, task);
  const prepared = prepareTrainingData(table, column, { testFraction: 0.25, seed: 7, standardize: true });
  const options = { ...defaultTrainOptions(task, prepared.trainRows.length), patterns: 12, seed: 7, solverSettings: { maxIterations: 150 } };
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
