import { z } from 'zod';
import { allowedNumberText } from '../settings/allowed-number';
import { listWithAnd } from '../text/word-list';

/**
 * What a request field's schema takes, in words, for the refusal of a request that left the field
 * out: "an object with task, loss, ... and seed, and optionally classWeights, ...", "a number at
 * least 0 and at most 0.9", 'one of "linf" or "l2"'. Objects name their fields, not the fields' own
 * schemas: the refusal of the next request names what is missing inside.
 */
export function describeExpected(schema: z.ZodType): string {
  if (schema instanceof z.ZodOptional) return describeExpected(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) return describeObject(schema);
  if (schema instanceof z.ZodString) return describeText(schema);
  if (schema instanceof z.ZodNumber) return describeNumber(schema);
  if (schema instanceof z.ZodBoolean) return 'true or false';
  if (schema instanceof z.ZodEnum) return oneOf(schema.options.map((value) => JSON.stringify(value)));
  if (schema instanceof z.ZodLiteral) return oneOf([...schema.values].map((value) => JSON.stringify(value)));
  if (schema instanceof z.ZodArray) return `a list, each ${describeExpected(schema.element as z.ZodType)}`;
  if (schema instanceof z.ZodRecord) return 'an object of named values';
  if (schema instanceof z.ZodUnion) {
    // "Nothing" is how an operation without a payload is declared, never what to send.
    const options = (schema.options as readonly z.ZodType[]).map(describeExpected).filter((text) => text !== NOTHING);
    return options.length === 0 ? NOTHING : orList(options);
  }
  if (schema instanceof z.ZodUndefined || schema instanceof z.ZodNull) return NOTHING;
  return 'a value';
}

const NOTHING = 'nothing';

function describeObject(schema: z.ZodObject): string {
  const keys = Object.keys(schema.shape);
  const required = keys.filter((key) => !(schema.shape[key] as z.ZodType).safeParse(undefined).success);
  const optional = keys.filter((key) => !required.includes(key));
  if (keys.length === 0) return 'an empty object';
  if (required.length === 0) return `an object, optionally with ${listWithAnd(optional)}`;
  return `an object with ${listWithAnd(required)}${optional.length > 0 ? `, and optionally ${listWithAnd(optional)}` : ''}`;
}

function describeText(schema: z.ZodString): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  if (max === null) return min > 0 ? `text of at least ${min} characters` : 'text';
  return `text of ${min > 0 ? `${min} to ${max}` : `at most ${max}`} characters`;
}

function describeNumber(schema: z.ZodNumber): string {
  // z.number().positive() reads minValue 0: its check says the bound itself is excluded.
  const exclusive = (schema.def.checks ?? []).some((check) => {
    const def = check._zod.def as { check?: string; inclusive?: boolean };
    return def.check === 'greater_than' && def.inclusive === false;
  });
  // z.number().int() bounds itself by the safe integers: no bound a sender needs to hear of.
  const bound = (value: number | null, unbounded: number): number => (value === null || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? unbounded : value);
  return allowedNumberText({ min: bound(schema.minValue, -Infinity), max: bound(schema.maxValue, Infinity), integer: schema.isInt, ...(exclusive ? { minExclusive: true } : {}) });
}

function oneOf(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : `one of ${orList(values)}`;
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
