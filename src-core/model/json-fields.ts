import { ConvexNetError } from '../errors';

/**
 * Typed readers for untrusted JSON (model files). Every failure is a ConvexNetError whose message
 * names the field by its path ("heads[1].hidden.data[7]"), what was expected and what was found.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function invalidField(path: string, expected: string, value: unknown): ConvexNetError {
  return new ConvexNetError('model-file/invalid-field', `The model file's "${path}" must be ${expected}, got ${describeJson(value)}.`);
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidField(path, 'an object', value);
  return value as JsonObject;
}

export function field(object: JsonObject, key: string, path: string): unknown {
  const full = join(path, key);
  if (!Object.prototype.hasOwnProperty.call(object, key) || object[key] === undefined) {
    throw new ConvexNetError('model-file/missing-field', `The model file has no "${full}" field.`);
  }
  return object[key];
}

export function readObject(object: JsonObject, key: string, path: string): JsonObject {
  return asObject(field(object, key, path), join(path, key));
}

export function readString(object: JsonObject, key: string, path: string): string {
  const value = field(object, key, path);
  if (typeof value !== 'string') throw invalidField(join(path, key), 'a string', value);
  return value;
}

export function readBoolean(object: JsonObject, key: string, path: string): boolean {
  const value = field(object, key, path);
  if (typeof value !== 'boolean') throw invalidField(join(path, key), 'true or false', value);
  return value;
}

export function readChoice<T extends string>(object: JsonObject, key: string, path: string, choices: readonly T[]): T {
  const value = field(object, key, path);
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw invalidField(join(path, key), `one of ${choices.map((c) => `"${c}"`).join(', ')}`, value);
  }
  return value as T;
}

export interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** The minimum itself is not allowed. */
  readonly exclusiveMin?: boolean;
}

export function checkNumber(value: unknown, path: string, rule: NumberRule = {}): number {
  const expected = describeRule(rule);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField(path, expected, value);
  if (rule.integer && !Number.isInteger(value)) throw invalidField(path, expected, value);
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) throw invalidField(path, expected, value);
  if (rule.max !== undefined && value > rule.max) throw invalidField(path, expected, value);
  return value;
}

export function readNumber(object: JsonObject, key: string, path: string, rule: NumberRule = {}): number {
  return checkNumber(field(object, key, path), join(path, key), rule);
}

export function readNullableNumber(object: JsonObject, key: string, path: string, rule: NumberRule = {}): number | null {
  const value = field(object, key, path);
  return value === null ? null : checkNumber(value, join(path, key), rule);
}

export function readArray(object: JsonObject, key: string, path: string): readonly unknown[] {
  const value = field(object, key, path);
  if (!Array.isArray(value)) throw invalidField(join(path, key), 'an array', value);
  return value;
}

export function readNumberArray(object: JsonObject, key: string, path: string, rule: NumberRule = {}): number[] {
  const full = join(path, key);
  return readArray(object, key, path).map((v, i) => checkNumber(v, `${full}[${i}]`, rule));
}

export function readStringArray(object: JsonObject, key: string, path: string): string[] {
  const full = join(path, key);
  return readArray(object, key, path).map((v, i) => {
    if (typeof v !== 'string') throw invalidField(`${full}[${i}]`, 'a string', v);
    return v;
  });
}

export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === undefined) return 'nothing';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a finite number';
  const low = rule.min === undefined ? '' : rule.exclusiveMin ? ` greater than ${rule.min}` : ` at least ${rule.min}`;
  const high = rule.max === undefined ? '' : `${low ? ' and' : ''} at most ${rule.max}`;
  return `${kind}${low}${high}`;
}
