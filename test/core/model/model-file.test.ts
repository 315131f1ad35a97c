import { describe, expect, it } from 'vitest';
import type { Task } from '../../../src-core/data/dataset';
import { applyPreprocessing } from '../../../src-core/data/preprocessing';
import { ConvexNetError } from '../../../src-core/errors';
import type { ModelFile } from '../../../src-core/model/model-file';
import { buildModelFile, MODEL_VERSION, parseModelFile, predictRaw } from '../../../src-core/model/model-file';
import { encodeTrainRows, trainRowIndices } from '../../../src-core/model/train-row-bitmap';
import { predictWithHeads } from '../../../src-core/training/predict';
import { expectConvexNetError } from '../data/expect-error';
import { fitFor, handMadeOutcome, rawTable } from './model-fixtures';

function built(task: Task): ModelFile {
  const { pipeline } = fitFor(task);
  return buildModelFile(handMadeOutcome(task, pipeline.featureNames.length), pipeline, {
    producer: 'test',
    trainingData: { source: 'data.csv', rows: 12, droppedRows: 0, trainRows: encodeTrainRows([0, 2, 5], 12), testFraction: 0.2, splitSeed: 9 },
  });
}

/** A JSON copy of a model with one change applied. */
function mutated(model: ModelFile, change: (json: Record<string, unknown>) => void): unknown {
  const json = JSON.parse(JSON.stringify(model)) as Record<string, unknown>;
  change(json);
  return json;
}

describe('model file round trip', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: JSON text -> parse gives the same file and the same predictions on raw rows`, () => {
      const model = built(task);
      const revived = parseModelFile(JSON.parse(JSON.stringify(model)));
      expect(revived).toEqual(model);
      const table = rawTable();
      const before = predictRaw(model, table);
      const after = predictRaw(revived, table);
      expect(after.scores).toEqual(before.scores);
      expect(after.labels).toEqual(before.labels);
      expect(after.probabilities).toEqual(before.probabilities);
      expect(after.values).toEqual(before.values);
      // ... and they are the trained heads' predictions behind the same preprocessing.
      const { pipeline } = fitFor(task);
      const outcome = handMadeOutcome(task, pipeline.featureNames.length);
      const direct = predictWithHeads(task, outcome.options.loss, outcome.heads, applyPreprocessing(pipeline, table));
      expect(after.scores).toEqual(direct.scores);
      expect(after.classNames).toEqual(pipeline.classNames);
    });
  }

  it('stores everything needed to rebuild the convex program', () => {
    const model = built('multiclass');
    expect(model).toMatchObject({
      format: 'convexnet-model',
      version: 2,
      task: 'multiclass',
      loss: 'bce',
      beta: 0.01,
      bias: true,
      solver: 'admm',
      formulation: 'sampled',
      patterns: 4,
      seed: 9,
      solverSettings: { rho: 2 },
      classNames: ['cat', 'dog', 'eel'],
      featureNames: ['x', 'color=blue', 'color=green', 'color=red'],
      trainingData: { rows: 12, trainRows: { count: 3 }, splitSeed: 9 },
    });
    expect(trainRowIndices(model.trainingData!)).toEqual([0, 2, 5]);
    expect(model.heads.map((h) => h.classIndex)).toEqual([0, 1, 2]);
    expect(model.heads[0]!.convex).toMatchObject({ patternSource: 'sampled', generators: { rows: 4, cols: 5 } });
    expect(model.heads[0]!.lowerBound).toBeCloseTo(0.99, 14);
  });

  it('refuses to build a model whose weights are not finite', () => {
    const { pipeline } = fitFor('binary');
    const outcome = handMadeOutcome('binary', pipeline.featureNames.length);
    outcome.heads[0]!.network.output[1] = Number.NaN;
    expect(expectConvexNetError(() => buildModelFile(outcome, pipeline), 'model-file/invalid-field')).toMatch(/heads\[0\]\.output\[1\]/);
  });

  it('refuses to build from an outcome for another task than the preprocessing', () => {
    const { pipeline } = fitFor('binary');
    expectConvexNetError(() => buildModelFile(handMadeOutcome('regression', pipeline.featureNames.length), pipeline), 'model-file/inconsistent');
  });
});

describe('parseModelFile refuses bad files', () => {
  it('refuses files of a newer version with a clear message', () => {
    const message = expectConvexNetError(() => parseModelFile(mutated(built('binary'), (j) => (j['version'] = MODEL_VERSION + 1))), 'model-file/newer-version');
    expect(message).toMatch(/version 3.*reads model files up to version 2.*Update/);
  });

  it('refuses JSON that is not a model file', () => {
    expectConvexNetError(() => parseModelFile(null), 'model-file/not-a-model');
    expectConvexNetError(() => parseModelFile([1, 2]), 'model-file/not-a-model');
    expectConvexNetError(() => parseModelFile({ format: 'something-else', version: 1 }), 'model-file/not-a-model');
  });

  it('names the file, when given, in the errors about the file as a whole', () => {
    expect(expectConvexNetError(() => parseModelFile({ name: 'x' }, 'package.json'), 'model-file/not-a-model')).toBe('"package.json" is not a ConvexNet model file: it has no "format" field, expected "convexnet-model".');
    expect(expectConvexNetError(() => parseModelFile(mutated(built('binary'), (j) => (j['version'] = MODEL_VERSION + 1)), 'm.json'), 'model-file/newer-version')).toMatch(/^The model file "m\.json" has format version 3/);
  });

  const cases: { name: string; change: (j: Record<string, unknown>) => void; code: string; message: RegExp }[] = [
    { name: 'missing version', change: (j) => delete j['version'], code: 'model-file/missing-field', message: /"version"/ },
    { name: 'fractional version', change: (j) => (j['version'] = 1.5), code: 'model-file/invalid-field', message: /"version" must be a whole number/ },
    { name: 'unknown task', change: (j) => (j['task'] = 'ranking'), code: 'model-file/invalid-field', message: /"task" must be one of/ },
    { name: 'negative beta', change: (j) => (j['beta'] = -1), code: 'model-file/invalid-field', message: /"beta" must be a finite number greater than 0/ },
    { name: 'seed out of range', change: (j) => (j['seed'] = 2 ** 32), code: 'model-file/invalid-field', message: /"seed"/ },
    { name: 'weight as text', change: (j) => (heads(j)[0]!['output'] = ['1', 2, 3]), code: 'model-file/invalid-field', message: /"heads\[0\]\.output\[0\]" must be a finite number, got "1"/ },
    { name: 'weight null (NaN in JSON)', change: (j) => ((heads(j)[0]!['hidden'] as { data: unknown[] }).data[3] = null), code: 'model-file/invalid-field', message: /heads\[0\]\.hidden\.data\[3\]/ },
    { name: 'wrong matrix size', change: (j) => (heads(j)[0]!['hidden'] as { rows: number }).rows++, code: 'model-file/inconsistent', message: /heads\[0\]\.hidden.*holds/ },
    { name: 'output length', change: (j) => (heads(j)[0]!['output'] as number[]).pop(), code: 'model-file/inconsistent', message: /"heads\[0\]\.output" has 2 weights for 3 hidden neurons/ },
    { name: 'missing head field', change: (j) => delete heads(j)[0]!['status'], code: 'model-file/missing-field', message: /"heads\[0\]\.status"/ },
    { name: 'no heads', change: (j) => (j['heads'] = []), code: 'model-file/inconsistent', message: /needs 1 head, the file has 0/ },
    { name: 'bias flag off', change: (j) => (j['bias'] = false), code: 'model-file/inconsistent', message: /columns/ },
    { name: 'class names', change: (j) => (j['classNames'] = ['no', 'yes', 'maybe']), code: 'model-file/inconsistent', message: /classNames/ },
    { name: 'bad step kind', change: (j) => (steps(j)[0]!['kind'] = 'log'), code: 'model-file/invalid-field', message: /"preprocessing\.steps\[0\]\.kind"/ },
    { name: 'zero scale', change: (j) => (steps(j)[0]!['scale'] = 0), code: 'model-file/invalid-field', message: /scale/ },
    { name: 'feature names out of step', change: (j) => (j['preprocessing'] as { featureNames: string[] }).featureNames.pop(), code: 'model-file/inconsistent', message: /featureNames/ },
    // Version 1 files list the training rows; they must ascend, as they always had to.
    { name: 'a version 1 row list for no rows', change: (j) => ((j['version'] = 1), Object.assign(j['trainingData'] as object, { rows: 0, trainRows: [0] })), code: 'model-file/invalid-field', message: /"trainingData\.trainRows" must be empty for a file of 0 data rows/ },
    { name: 'train rows not ascending', change: (j) => ((j['version'] = 1), ((j['trainingData'] as { trainRows: unknown }).trainRows = [3, 1])), code: 'model-file/invalid-field', message: /trainRows\[1\]/ },
  ];
  for (const c of cases) {
    it(`refuses a file with ${c.name}`, () => {
      const message = expectConvexNetError(() => parseModelFile(mutated(built('binary'), c.change)), c.code);
      expect(message).toMatch(c.message);
    });
  }

  it('refuses one-vs-rest heads with repeated class indices', () => {
    const bad = mutated(built('multiclass'), (j) => (heads(j)[2]!['classIndex'] = 0));
    expectConvexNetError(() => parseModelFile(bad), 'model-file/inconsistent');
  });

  it('throws only ConvexNetError, whatever field is removed', () => {
    const model = built('multiclass');
    for (const key of Object.keys(model)) {
      const bad = mutated(model, (j) => delete j[key]);
      if (key === 'format') continue;
      expect(() => parseModelFile(bad)).toThrow(ConvexNetError);
    }
  });
});

function heads(json: Record<string, unknown>): Record<string, unknown>[] {
  return json['heads'] as Record<string, unknown>[];
}

function steps(json: Record<string, unknown>): Record<string, unknown>[] {
  return (json['preprocessing'] as { steps: Record<string, unknown>[] }).steps;
}
