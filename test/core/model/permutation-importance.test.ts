import { describe, expect, it } from 'vitest';
import { rowTable, selectTableRows, tableRows, type RawTable } from '../../../src-core/data/raw-table';
import { readTarget } from '../../../src-core/data/target-column';
import { accuracy } from '../../../src-core/metrics/classification-metrics';
import { buildModelFile, type ModelFile } from '../../../src-core/model/model-file';
import { describeImportance, FEW_IMPORTANCE_ROWS, fewRowsCaution, permutationImportance, type PermutationImportance } from '../../../src-core/model/permutation-importance';
import { predictRaw } from '../../../src-core/model/predict-raw';
import { evenlySpaced, heldOutRows } from '../../../src-core/model/sample-test-predictions';
import { Prng } from '../../../src-core/random/prng';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { defaultTrainOptions } from '../../../src-core/training/train-defaults';
import { trainModel } from '../../../src-core/training/train-model';
import { trainedCase } from '../export/trained-models';
import { encodeTrainRows } from '../../../src-core/model/train-row-bitmap';

/** The label is the sign of x1 (with a little noise); x2 is noise and so is the colour. */
function signalTable(rows = 240): RawTable {
  const prng = new Prng(9);
  const data = Array.from({ length: rows }, () => {
    const x1 = prng.nextGaussian();
    const x2 = prng.nextGaussian();
    const colour = ['red', 'green', 'blue'][prng.nextInt(3)]!;
    return [x1.toFixed(4), x2.toFixed(4), colour, x1 + 0.1 * prng.nextGaussian() > 0 ? 'yes' : 'no'];
  });
  return rowTable(['x1', 'x2', 'colour', 'label'], data);
}

function trained(table: RawTable, target: string): ModelFile {
  const prepared = prepareTrainingData(table, readTarget(table, target, 'binary'), { testFraction: 0.5, seed: 3, standardize: true });
  const options = { ...defaultTrainOptions('binary', prepared.trainRows.length), patterns: 16, seed: 3 };
  const outcome = trainModel(prepared.fitted.dataset, options, defaultContext());
  return buildModelFile(outcome, prepared.fitted.pipeline, {
    producer: 'test',
    trainingData: { source: 't.csv', rows: tableRows(table).length, droppedRows: 0, trainRows: encodeTrainRows(prepared.trainRows, tableRows(table).length), testFraction: 0.5, splitSeed: 3 },
  });
}

describe('permutation importance of the input columns', () => {
  it('ranks the column the label depends on first; noise and a categorical noise column drop by little', () => {
    const table = signalTable();
    const model = trained(table, 'label');
    const importance = permutationImportance(model, table)!;
    expect(importance.metric).toBe('accuracy');
    expect(importance.heldOutRows).toBe(120);
    expect(importance.rows).toBe(120);
    expect(importance.repeats).toBe(5);
    expect(importance.columns.map((c) => c.column)[0]).toBe('x1');
    expect(importance.columns[0]!.drop).toBeGreaterThan(0.3);
    for (const noise of importance.columns.slice(1)) expect(Math.abs(noise.drop)).toBeLessThan(0.05);
    expect(importance.columns.map((c) => c.column).sort()).toEqual(['colour', 'x1', 'x2']);
    for (const c of importance.columns) expect(c.spread).toBeGreaterThanOrEqual(0);
    // Seeded: the same again; another seed shuffles differently.
    expect(permutationImportance(model, table)).toEqual(importance);
    expect(permutationImportance(model, table, { seed: 2 })!.columns).not.toEqual(importance.columns);
  });

  it('shuffling the prepared features of a column is shuffling its raw cells: one repeat checked against predictRaw', () => {
    const { model, table } = trainedCase('multiclass');
    const held = evenlySpaced(heldOutRows(model, table), 1000);
    const importance = permutationImportance(model, table, { repeats: 1, seed: 11 })!;
    // The first column in pipeline order is shuffled first, by the generator's first permutation.
    const firstColumn = model.preprocessing.steps[0]!.column;
    const order = new Prng(11).shuffle(Int32Array.from({ length: held.length }, (_, k) => k));
    const columns = table.columns;
    const c = columns.indexOf(firstColumn);
    const targetIndex = columns.indexOf(model.preprocessing.targetColumn);
    const rows = tableRows(selectTableRows(table, held));
    const shuffledRows = rows.map((row, k) => row.map((cell, j) => (j === c ? rows[order[k]!]![c]! : cell)));
    const labels = rows.map((row) => model.classNames.indexOf(row[targetIndex]!));
    const plain = accuracy(labels, predictRaw(model, rowTable(columns, rows)).labels!)!;
    const shuffled = accuracy(labels, predictRaw(model, rowTable(columns, shuffledRows)).labels!)!;
    expect(importance.baseline).toBeCloseTo(plain, 12);
    expect(importance.columns.find((col) => col.column === firstColumn)!.drop).toBeCloseTo(plain - shuffled, 12);
  });

  it('regression scores by R^2; nothing held out gives null', () => {
    const { model, table } = trainedCase('regression');
    const importance = permutationImportance(model, table)!;
    expect(importance.metric).toBe('r2');
    expect(importance.columns).toHaveLength(2);
    expect(importance.columns[0]!.drop).toBeGreaterThan(0);
    const noSplit: ModelFile = { ...model, trainingData: { ...model.trainingData!, trainRows: encodeTrainRows(Array.from({ length: tableRows(table).length }, (_, k) => k), tableRows(table).length) } };
    expect(permutationImportance(noSplit, table)).toBeNull();
  });

  it('calls the drops rough below FEW_IMPORTANCE_ROWS rows, in the command line too, and not from there on', () => {
    const base: PermutationImportance = { metric: 'accuracy', baseline: 0.9, rows: 4, heldOutRows: 4, repeats: 5, columns: [{ column: 'a', drop: 0.25, spread: 0.1 }] };
    expect(fewRowsCaution(base)).toBe('With only 4 rows (one row is 25.0 points of accuracy) these drops are rough: a larger test share gives steadier ones.');
    expect(describeImportance(base)).toMatch(/a 25\.0 pts\. With only 4 rows .* rough/);
    const r2 = { ...base, metric: 'r2' as const, rows: FEW_IMPORTANCE_ROWS - 1 };
    expect(fewRowsCaution(r2)).toBe(`With only ${FEW_IMPORTANCE_ROWS - 1} rows these drops are rough: a larger test share gives steadier ones.`);
    expect(fewRowsCaution({ ...base, rows: FEW_IMPORTANCE_ROWS })).toBeNull();
    expect(describeImportance({ ...base, rows: FEW_IMPORTANCE_ROWS })).not.toMatch(/rough/);
  });
});
