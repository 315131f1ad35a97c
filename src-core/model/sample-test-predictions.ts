import type { TestPredictions, TestRowPrediction } from '../contract/test-predictions';
import { MAX_CELL_CHARS, MAX_FEATURES_PER_ROW, MAX_LISTED_CELLS, MAX_TEST_PREDICTION_ROWS } from '../contract/test-predictions';
import { prepareLabeledRows } from '../data/preprocessing';
import type { RawTable } from '../data/raw-table';
import { columnIndex, isMissingCell, selectTableRows } from '../data/raw-table';
import { readTargetCells } from '../data/target-column';
import { evenlySpacedIndices } from '../linalg/matrix';
import { predictWithHeads } from '../training/predict';
import type { ModelFile } from './model-file-types';
import { modelNetworks } from './predict-raw';
import { isTrainRow, trainRowMask } from './train-row-bitmap';

/**
 * The held-out test rows of a model's training table: the rows with a target that are not
 * training rows (prepareTrainingData splits exactly the rows with a target into the two sets),
 * less, when the preparation drops rows with a missing feature, those rows (the test metrics
 * leave them out too).
 */
export function heldOutRows(model: ModelFile, table: RawTable): number[] {
  const trainingData = model.trainingData;
  if (!trainingData) return [];
  const training = trainRowMask(trainingData);
  const kept = readTargetCells(table, model.preprocessing.targetColumn).keptRows;
  const featureCells = model.preprocessing.imputation === 'drop-rows' ? model.preprocessing.steps.map((step) => columnIndex(table, step.column)) : [];
  const complete = (row: number) => featureCells.every((c) => c < 0 || !isMissingCell(table.cell(row, c)));
  return Array.from(kept).filter((row) => !isTrainRow(training, row) && complete(row));
}

/** At most `limit` evenly spaced entries (all of them when there are few), in order. */
export function evenlySpaced<T>(items: readonly T[], limit: number): T[] {
  return evenlySpacedIndices(items.length, limit).map((k) => items[k]!);
}

function shortCell(text: string): string {
  return text.length <= MAX_CELL_CHARS ? text : `${text.slice(0, MAX_CELL_CHARS - 1)}…`;
}

/**
 * The model's predictions on (an evenly spaced sample of at most `limit`) held-out test rows of
 * the table it was trained on, with each row's true target, raw cells and, for small models, the
 * prepared inputs. Null when the run held nothing out or the model does not record its split.
 */
export function sampleTestPredictions(model: ModelFile, table: RawTable, limit = MAX_TEST_PREDICTION_ROWS): TestPredictions | null {
  const testRows = heldOutRows(model, table);
  if (testRows.length === 0) return null;
  const picked = evenlySpaced(testRows, limit);
  const labelled = prepareLabeledRows(model.preprocessing, selectTableRows(table, picked));
  const prepared = labelled.dataset;
  // keptRows maps prepared rows back to `picked` (all of them are kept: heldOutRows filtered).
  const tableRows = Array.from(labelled.keptRows, (k) => picked[k]!);
  const predictions = predictWithHeads(model.task, model.loss, modelNetworks(model), prepared.X);
  const K = predictions.classCount;
  const scoreWidth = model.task === 'multiclass' ? K : 1;
  const d = prepared.X.cols;
  const keepFeatures = d <= MAX_FEATURES_PER_ROW;
  const cellColumns = model.preprocessing.steps.map((step) => step.column).slice(0, MAX_LISTED_CELLS);
  const cellIndices = cellColumns.map((name) => columnIndex(table, name));

  const rows = tableRows.map((row, k): TestRowPrediction => ({
    row,
    actual: prepared.y[k]!,
    predicted: predictions.labels ? predictions.labels[k]! : predictions.values![k]!,
    scores: Array.from(predictions.scores.subarray(k * scoreWidth, (k + 1) * scoreWidth)),
    probabilities: predictions.probabilities ? Array.from(predictions.probabilities.subarray(k * K, (k + 1) * K)) : [],
    features: keepFeatures ? Array.from(prepared.X.data.subarray(k * d, (k + 1) * d)) : null,
    cells: cellIndices.map((c) => shortCell(c < 0 ? '' : table.cell(row, c))),
  }));
  return { totalCount: testRows.length, rows, featureNames: model.featureNames, cellColumns, classNames: model.classNames };
}
