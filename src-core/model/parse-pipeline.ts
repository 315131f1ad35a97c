import type { Task } from '../data/dataset';
import type { FeatureStep, PreprocessingPipeline } from '../data/preprocessing-types';
import { IMPUTATIONS, pipelineFeatureNames, SCALINGS } from '../data/preprocessing-types';
import { ConvexNetError } from '../errors';
import type { JsonObject } from './json-fields';
import { asObject, checkNumber, field, join, readArray, readBoolean, readChoice, readNumber, readString, readStringArray } from './json-fields';

export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

/** A preprocessing pipeline read from untrusted JSON, with every field and invariant checked. */
export function readPipeline(object: JsonObject, key: string, path: string): PreprocessingPipeline {
  const where = join(path, key);
  const value = asObject(field(object, key, path), where);
  const task = readChoice(value, 'task', where, TASKS);
  const classNames = readStringArray(value, 'classNames', where);
  const steps = readArray(value, 'steps', where).map((step, i) => readStep(step, `${where}.steps[${i}]`));
  const featureNames = readStringArray(value, 'featureNames', where);
  const expected = pipelineFeatureNames(steps);
  if (expected.length !== featureNames.length || expected.some((name, i) => name !== featureNames[i])) {
    throw new ConvexNetError(
      'model-file/inconsistent',
      `The model file's "${where}.featureNames" (${featureNames.length} names) do not match its steps, which produce ${expected.length} features.`,
    );
  }
  assertUnique(steps.map((s) => s.column), `${where}.steps[].column`);
  // scaling and imputation were added within version 1 as optional fields: files written before
  // them read as before (standardize flag, mean imputation), so no version bump is needed.
  return {
    targetColumn: readString(value, 'targetColumn', where),
    task,
    classNames,
    standardize: readBoolean(value, 'standardize', where),
    ...(value['scaling'] !== undefined ? { scaling: readChoice(value, 'scaling', where, SCALINGS) } : {}),
    ...(value['imputation'] !== undefined ? { imputation: readChoice(value, 'imputation', where, IMPUTATIONS) } : {}),
    steps,
    featureNames,
  };
}

function readStep(value: unknown, path: string): FeatureStep {
  const step = asObject(value, path);
  const kind = readChoice(step, 'kind', path, ['numeric', 'one-hot'] as const);
  const column = readString(step, 'column', path);
  if (kind === 'numeric') {
    return {
      kind,
      column,
      fillValue: readNumber(step, 'fillValue', path),
      center: readNumber(step, 'center', path),
      scale: checkNumber(field(step, 'scale', path), `${path}.scale`, { min: 0, exclusiveMin: true }),
    };
  }
  const categories = readStringArray(step, 'categories', path);
  assertUnique(categories, `${path}.categories`);
  if (step['fillCategory'] === undefined) return { kind, column, categories };
  const fillCategory = readString(step, 'fillCategory', path);
  return { kind, column, categories, fillCategory };
}

export function assertUnique(names: readonly string[], path: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new ConvexNetError('model-file/inconsistent', `The model file's "${path}" lists "${name}" twice.`);
    seen.add(name);
  }
}
