import { describe, expect, it } from 'vitest';
import type { Task } from '../../../src-core/data/dataset';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import type { RawTable } from '../../../src-core/data/raw-table';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';
import { readTarget } from '../../../src-core/data/target-column';
import type { ModelFile, ModelTrainingData } from '../../../src-core/model/model-file';
import { buildModelFile, parseModelFile } from '../../../src-core/model/model-file';
import { encodeTrainRows, isTrainRow, trainRowIndices, trainRowMask } from '../../../src-core/model/train-row-bitmap';
import { prepareTrainingData } from '../../../src-core/training/prepare-training-data';
import { expectConvexNetError } from '../data/expect-error';
import { regressionTable } from '../export/trained-models';
import { fitFor, handMadeOutcome } from './model-fixtures';

function trainingData(rows: number, trainRows: ArrayLike<number>): ModelTrainingData {
  return { source: 'data.csv', rows, droppedRows: 0, trainRows: encodeTrainRows(trainRows, rows), testFraction: 0.2, splitSeed: 1 };
}

/** A binary model whose file records this split (a file of `rows` data rows). */
function modelWith(rows: number, trainRows: ArrayLike<number>): ModelFile {
  const { pipeline } = fitFor('binary');
  return buildModelFile(handMadeOutcome('binary', pipeline.featureNames.length), pipeline, { trainingData: trainingData(rows, trainRows) });
}

/** The model file's text read back, as a saved file or run is. */
function reread(model: ModelFile, fileName?: string): ModelFile {
  return parseModelFile(JSON.parse(JSON.stringify(model)), fileName);
}

/** Every 7th row has no target: those rows are in neither set of the split. */
function tableWithMissingTargets(rows: number): RawTable {
  return rowTable(['x', 'label'], Array.from({ length: rows }, (_, r) => [String(r % 11), r % 7 === 3 ? '' : r % 3 === 0 ? 'a' : 'b']));
}

describe('the training rows as a bitmap', () => {
  const splits: { name: string; table: RawTable; target: string; task: Task; testFraction: number; seed: number }[] = [
    { name: 'two moons, stratified', table: twoMoonsTable({ rows: 203, seed: 4 }), target: 'moon', task: 'binary', testFraction: 0.25, seed: 7 },
    { name: 'two moons, other seed', table: twoMoonsTable({ rows: 203, seed: 4 }), target: 'moon', task: 'binary', testFraction: 0.25, seed: 8 },
    { name: 'iris, three classes', table: irisTable(), target: 'species', task: 'multiclass', testFraction: 0.3, seed: 2 },
    { name: 'regression', table: regressionTable(97, 5), target: 'y', task: 'regression', testFraction: 0.5, seed: 3 },
    { name: 'rows without a target', table: tableWithMissingTargets(100), target: 'label', task: 'binary', testFraction: 0.2, seed: 9 },
    { name: 'no test rows (all rows train)', table: twoMoonsTable({ rows: 64, seed: 2 }), target: 'moon', task: 'binary', testFraction: 0, seed: 1 },
    { name: 'no test rows, rows not a multiple of 8', table: regressionTable(61, 2), target: 'y', task: 'regression', testFraction: 0, seed: 1 },
  ];
  for (const split of splits) {
    it(`reads back as the list the file held before (${split.name})`, () => {
      const prepared = prepareTrainingData(split.table, readTarget(split.table, split.target, split.task), { testFraction: split.testFraction, seed: split.seed, standardize: true });
      // What version 1 files wrote (prepare-job.ts and the command line sorted the split's rows).
      const before = Array.from(prepared.trainRows).sort((a, b) => a - b);
      const rows = tableRows(split.table).length;
      const model = reread(modelWith(rows, prepared.trainRows));
      expect(trainRowIndices(model.trainingData!)).toEqual(before);
      expect(model.trainingData!.trainRows.count).toBe(before.length);
      const mask = trainRowMask(model.trainingData!);
      for (const row of prepared.testRows) expect(isTrainRow(mask, row)).toBe(false);
      if (split.testFraction === 0) expect(before).toHaveLength(readTarget(split.table, split.target, split.task).keptRows.length);
    });
  }

  it('stores a million rows in about 167 KB of text (one bit per row), not one number per row', () => {
    const rows = 1_000_000;
    const trainRows = Array.from({ length: rows }, (_, r) => r).filter((r) => r % 5 !== 2);
    const text = JSON.stringify(trainingData(rows, trainRows));
    expect(text.length).toBeLessThan(Math.ceil(rows / 8 / 3) * 4 + 200);
  });

  it('holds the edge cases: no rows, no training rows, every row, the last row of a partial byte', () => {
    for (const [rows, train] of [[0, []], [5, []], [8, [0, 1, 2, 3, 4, 5, 6, 7]], [9, [8]], [17, [0, 16]]] as [number, number[]][]) {
      expect(trainRowIndices(trainingData(rows, train))).toEqual(train);
      expect(trainRowIndices(reread(modelWith(rows, train)).trainingData!)).toEqual(train);
    }
    expect(trainingData(12, [0, 2, 5]).trainRows).toEqual({ count: 3, bitmap: 'JQA=' });
  });

  it('refuses to encode a row past the table or a row twice', () => {
    expect(expectConvexNetError(() => encodeTrainRows([0, 12], 12), 'model-file/invalid-field')).toMatch(/Training row 12 is not a data row of a table with 12 rows/);
    expect(expectConvexNetError(() => encodeTrainRows([-1], 12), 'model-file/invalid-field')).toMatch(/Training row -1/);
    expect(expectConvexNetError(() => encodeTrainRows([3, 3], 12), 'model-file/invalid-field')).toMatch(/Training row 3 is listed twice/);
  });
});

describe('a damaged bitmap in a model file', () => {
  /** The file of a model with training rows 0, 2 and 5 of 12, with its trainRows replaced. */
  function damaged(trainRows: unknown): unknown {
    const json = JSON.parse(JSON.stringify(modelWith(12, [0, 2, 5]))) as { trainingData: Record<string, unknown> };
    json.trainingData['trainRows'] = trainRows;
    return json;
  }
  const cases = [
    { name: 'bad base64', trainRows: { count: 3, bitmap: 'JQ!=' }, code: 'model-file/invalid-field', message: /bitmap is not valid base64: character 3 \("!"\)/ },
    { name: 'base64 of the wrong length', trainRows: { count: 3, bitmap: 'JQA' }, code: 'model-file/invalid-field', message: /not valid base64: its length 3/ },
    { name: 'too few bytes', trainRows: { count: 2, bitmap: 'JQ==' }, code: 'model-file/invalid-field', message: /bitmap holds 1 bytes, but the 12 data rows of its training file need 2/ },
    { name: 'too many bytes', trainRows: { count: 3, bitmap: 'JQAA' }, code: 'model-file/invalid-field', message: /bitmap holds 3 bytes, but the 12 data rows of its training file need 2/ },
    { name: 'a bit past the last row', trainRows: { count: 4, bitmap: 'JUA=' }, code: 'model-file/invalid-field', message: /bitmap marks row 14 as a training row, but its training file has 12 data rows \(0 to 11\)/ },
    { name: 'a count that disagrees', trainRows: { count: 4, bitmap: 'JQA=' }, code: 'model-file/inconsistent', message: /bitmap marks 3 training rows, but its "count" says 4/ },
    { name: 'a count past the rows', trainRows: { count: 13, bitmap: 'JQA=' }, code: 'model-file/inconsistent', message: /bitmap marks 3 training rows, but its "count" says 13/ },
    { name: 'a count that is not a count', trainRows: { count: -1, bitmap: 'JQA=' }, code: 'model-file/invalid-field', message: /"trainingData\.trainRows\.count" must be/ },
    { name: 'no bitmap', trainRows: { count: 3 }, code: 'model-file/missing-field', message: /"trainingData\.trainRows\.bitmap"/ },
    { name: 'a list of rows in a version 2 file', trainRows: [0, 2, 5], code: 'model-file/invalid-field', message: /"trainingData\.trainRows" must be an object/ },
  ];
  for (const c of cases) {
    it(`is refused with a message naming the file and the problem: ${c.name}`, () => {
      const message = expectConvexNetError(() => parseModelFile(damaged(c.trainRows), 'model.json'), c.code);
      expect(message).toMatch(c.message);
      if (c.message.source.includes('bitmap ')) expect(message).toMatch(/^The model file "model\.json" is damaged: .*train the model again\.$/);
    });
  }

  it('says "the model file" when its name is not known (a run file names its run)', () => {
    expect(expectConvexNetError(() => parseModelFile(damaged({ count: 4, bitmap: 'JQA=' })), 'model-file/inconsistent')).toMatch(/^The model file is damaged: its "trainingData\.trainRows" bitmap marks 3/);
  });
});
