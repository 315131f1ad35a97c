import { counted } from '../text/counted';
import { readRobustModelFields } from '../robust/robust-model-fields';
import type { Task } from '../data/dataset';
import { ConvexNetError } from '../errors';
import type { LossName } from '../losses/loss';
import type { SettingValue } from '../settings/setting-spec';
import type { SolverStatus } from '../solvers/solver-types';
import type { Formulation, SolverName } from '../training/train-types';
import type { JsonObject } from './json-fields';
import {
  asObject,
  checkNumber,
  describeJson,
  field,
  invalidField,
  readArray,
  readBoolean,
  readChoice,
  readNullableNumber,
  readNumber,
  readNumberArray,
  readObject,
  readString,
  readStringArray,
} from './json-fields';
import type { MatrixJson, ModelFile, ModelHeadJson, ModelTrainingData, TrainRowBitmap } from './model-file-types';
import { MODEL_FORMAT, MODEL_VERSION } from './model-file-types';
import { assertUnique, readPipeline, TASKS } from './parse-pipeline';
import { checkedTrainRowMask, encodeTrainRows } from './train-row-bitmap';

const LOSSES: readonly LossName[] = ['squared', 'bce', 'hinge'];
const SOLVERS: readonly SolverName[] = ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'];
const FORMULATIONS: readonly Formulation[] = ['sampled', 'exact'];
const STATUSES: readonly SolverStatus[] = ['solved', 'max-iterations', 'stalled', 'time-limit', 'cancelled', 'numerical-failure'];
const UINT32_MAX = 0xffffffff;

/**
 * Reads a model file from parsed JSON, checking every field and the invariants between them.
 * Errors are ConvexNetError: model-file/not-a-model, model-file/newer-version,
 * model-file/missing-field, model-file/invalid-field, model-file/inconsistent. `fileName`, when
 * known, is named in the errors that are about the file as a whole (a user may hold several).
 * Every version up to MODEL_VERSION is read; the result is always in this version's form (a
 * version 1 file's list of training rows becomes the bitmap).
 */
export function parseModelFile(json: unknown, fileName?: string): ModelFile {
  const file = fileName === undefined ? 'This' : `"${fileName}"`;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConvexNetError('model-file/not-a-model', `${file} is not a ConvexNet model file: expected a JSON object, got ${describeJson(json)}.`);
  }
  const root = json as JsonObject;
  if (root['format'] !== MODEL_FORMAT) {
    throw new ConvexNetError('model-file/not-a-model', `${file} is not a ConvexNet model file: ${root['format'] === undefined ? 'it has no "format" field' : `its "format" is ${describeJson(root['format'])}`}, expected "${MODEL_FORMAT}".`);
  }
  const version = readNumber(root, 'version', '', { integer: true, min: 1 });
  if (version > MODEL_VERSION) {
    throw new ConvexNetError(
      'model-file/newer-version',
      `${fileName === undefined ? 'This model file' : `The model file "${fileName}"`} has format version ${version}, made by a newer ConvexNet Studio; this version reads model files up to version ${MODEL_VERSION}. Update ConvexNet Studio to open it.`,
    );
  }

  const task = readChoice(root, 'task', '', TASKS);
  const classNames = readStringArray(root, 'classNames', '');
  const featureNames = readStringArray(root, 'featureNames', '');
  const preprocessing = readPipeline(root, 'preprocessing', '');
  const bias = readBoolean(root, 'bias', '');
  const producer = field(root, 'producer', '');
  if (producer !== null && typeof producer !== 'string') throw invalidField('producer', 'a string or null', producer);

  const model: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    producer,
    task,
    loss: readChoice(root, 'loss', '', LOSSES),
    featureNames,
    classNames,
    preprocessing,
    solver: readChoice(root, 'solver', '', SOLVERS),
    formulation: readChoice(root, 'formulation', '', FORMULATIONS),
    patterns: readNumber(root, 'patterns', '', { integer: true, min: 1 }),
    beta: readNumber(root, 'beta', '', { min: 0, exclusiveMin: true }),
    bias,
    seed: readNumber(root, 'seed', '', { integer: true, min: 0, max: UINT32_MAX }),
    classWeights: readClassWeights(root),
    solverSettings: readSolverSettings(root),
    status: readChoice(root, 'status', '', STATUSES),
    heads: readArray(root, 'heads', '').map((head, i) => readHead(head, `heads[${i}]`)),
    trainingData: readTrainingData(root, version, fileName),
    ...readRobustModelFields(root),
  };
  checkConsistency(model);
  return model;
}

function readHead(value: unknown, path: string): ModelHeadJson {
  const head = asObject(value, path);
  const classIndex = readNullableNumber(head, 'classIndex', path, { integer: true, min: 0 });
  const convexValue = field(head, 'convex', path);
  let convex: ModelHeadJson['convex'] = null;
  if (convexValue !== null) {
    const c = asObject(convexValue, `${path}.convex`);
    convex = {
      patternSource: readChoice(c, 'patternSource', `${path}.convex`, ['sampled', 'exact'] as const),
      generators: readMatrix(c, 'generators', `${path}.convex`),
      certificateText: readString(c, 'certificateText', `${path}.convex`),
    };
  }
  return {
    classIndex,
    hidden: readMatrix(head, 'hidden', path),
    output: readNumberArray(head, 'output', path),
    status: readChoice(head, 'status', path, STATUSES),
    iterations: readNumber(head, 'iterations', path, { integer: true, min: 0 }),
    objective: readNullableNumber(head, 'objective', path),
    lowerBound: readNullableNumber(head, 'lowerBound', path),
    relativeGap: readNullableNumber(head, 'relativeGap', path),
    convex,
  };
}

function readMatrix(object: JsonObject, key: string, path: string): MatrixJson {
  const where = `${path}.${key}`;
  const m = readObject(object, key, path);
  const rows = readNumber(m, 'rows', where, { integer: true, min: 0 });
  const cols = readNumber(m, 'cols', where, { integer: true, min: 0 });
  const data = readNumberArray(m, 'data', where);
  if (data.length !== rows * cols) {
    throw new ConvexNetError('model-file/inconsistent', `The model file's "${where}" is ${rows} x ${cols} but holds ${data.length} numbers, expected ${rows * cols}.`);
  }
  return { rows, cols, data };
}

function readClassWeights(root: JsonObject): ModelFile['classWeights'] {
  const value = field(root, 'classWeights', '');
  if (value === 'none' || value === 'balanced') return value;
  if (Array.isArray(value)) return value.map((w, i) => checkNumber(w, `classWeights[${i}]`, { min: 0, exclusiveMin: true }));
  throw invalidField('classWeights', '"none", "balanced" or an array of positive numbers', value);
}

function readSolverSettings(root: JsonObject): Record<string, SettingValue> {
  const settings = readObject(root, 'solverSettings', '');
  const out: Record<string, SettingValue> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else out[key] = checkNumber(value, `solverSettings.${key}`);
  }
  return out;
}

function readTrainingData(root: JsonObject, version: number, fileName: string | undefined): ModelTrainingData | null {
  const value = field(root, 'trainingData', '');
  if (value === null) return null;
  const data = asObject(value, 'trainingData');
  const rows = readNumber(data, 'rows', 'trainingData', { integer: true, min: 0 });
  return {
    source: readString(data, 'source', 'trainingData'),
    rows,
    droppedRows: readNumber(data, 'droppedRows', 'trainingData', { integer: true, min: 0 }),
    trainRows: version === 1 ? readTrainRowList(data, rows) : readTrainRowBitmap(data, rows, fileName),
    testFraction: readNumber(data, 'testFraction', 'trainingData', { min: 0, max: 1 }),
    splitSeed: readNumber(data, 'splitSeed', 'trainingData', { integer: true, min: 0, max: UINT32_MAX }),
  };
}

/** Version 1 files list the training rows as ascending row indices: checked as they always were, then kept as a bitmap. */
function readTrainRowList(data: JsonObject, rows: number): TrainRowBitmap {
  const trainRows = readNumberArray(data, 'trainRows', 'trainingData', { integer: true, min: 0, max: Math.max(0, rows - 1) });
  // Version 1 let a file of no rows list row 0; no bitmap of no rows holds it.
  if (rows === 0 && trainRows.length > 0) throw invalidField('trainingData.trainRows', 'empty for a file of 0 data rows', trainRows);
  for (let i = 1; i < trainRows.length; i++) {
    if (trainRows[i]! <= trainRows[i - 1]!) throw invalidField(`trainingData.trainRows[${i}]`, `greater than the previous row index ${trainRows[i - 1]}`, trainRows[i]);
  }
  return encodeTrainRows(trainRows, rows);
}

/** Version 2 files hold the bitmap itself: read only if it is exactly one bit per row and agrees with its count. */
function readTrainRowBitmap(data: JsonObject, rows: number, fileName: string | undefined): TrainRowBitmap {
  const path = 'trainingData.trainRows';
  const stored = readObject(data, 'trainRows', 'trainingData');
  const trainRows = { count: readNumber(stored, 'count', path, { integer: true, min: 0 }), bitmap: readString(stored, 'bitmap', path) };
  checkedTrainRowMask(trainRows, rows, fileName === undefined ? 'The model file' : `The model file "${fileName}"`);
  return trainRows;
}

function inconsistent(message: string): ConvexNetError {
  return new ConvexNetError('model-file/inconsistent', `The model file is inconsistent: ${message}.`);
}

/** Invariants between fields: task, classes, heads, shapes. */
export function checkConsistency(model: ModelFile): void {
  const { task, classNames, preprocessing: pipeline } = model;
  if (pipeline.task !== task) throw inconsistent(`"task" is "${task}" but "preprocessing.task" is "${pipeline.task}"`);
  if (!sameStrings(pipeline.featureNames, model.featureNames)) throw inconsistent('"featureNames" differ from "preprocessing.featureNames"');
  if (!sameStrings(pipeline.classNames, classNames)) throw inconsistent('"classNames" differ from "preprocessing.classNames"');
  assertUnique(classNames, 'classNames');
  const expectedClasses: Record<Task, string> = { regression: 'no class names', binary: 'exactly 2 class names', multiclass: 'at least 2 class names' };
  const classCountOk = task === 'regression' ? classNames.length === 0 : task === 'binary' ? classNames.length === 2 : classNames.length >= 2;
  if (!classCountOk) throw inconsistent(`a ${task} model needs ${expectedClasses[task]}, the file has ${classNames.length}`);
  if (task === 'regression' && model.loss !== 'squared') throw inconsistent(`a regression model uses the squared loss, the file says "${model.loss}"`);
  if (Array.isArray(model.classWeights) && model.classWeights.length !== classNames.length) {
    throw inconsistent(`"classWeights" has ${model.classWeights.length} entries for ${classNames.length} classes`);
  }

  const expectedHeads = task === 'multiclass' ? classNames.length : 1;
  if (model.heads.length !== expectedHeads) throw inconsistent(`a ${task} model needs ${counted(expectedHeads, 'head')}, the file has ${model.heads.length}`);
  const seenClasses = new Set<number>();
  const inputs = model.featureNames.length + (model.bias ? 1 : 0);
  model.heads.forEach((head, i) => {
    if (task === 'multiclass') {
      if (head.classIndex === null || head.classIndex >= classNames.length || seenClasses.has(head.classIndex)) {
        throw inconsistent(`"heads[${i}].classIndex" must be a distinct class index 0..${classNames.length - 1}, got ${head.classIndex}`);
      }
      seenClasses.add(head.classIndex);
    } else if (head.classIndex !== null) {
      throw inconsistent(`"heads[${i}].classIndex" must be null for a ${task} model, got ${head.classIndex}`);
    }
    if (head.hidden.cols !== inputs) {
      throw inconsistent(`"heads[${i}].hidden" has ${head.hidden.cols} columns; ${model.featureNames.length} features${model.bias ? ' plus the bias input' : ''} need ${inputs}`);
    }
    if (head.output.length !== head.hidden.rows) {
      throw inconsistent(`"heads[${i}].output" has ${head.output.length} weights for ${head.hidden.rows} hidden neurons`);
    }
    if (head.convex && head.convex.generators.cols !== inputs) {
      throw inconsistent(`"heads[${i}].convex.generators" has ${head.convex.generators.cols} columns, expected ${inputs}`);
    }
  });
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
