import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeExpected } from '../../../src-core/contract/expected-value-text';

describe('describeExpected', () => {
  it('names an object\'s fields, required first', () => {
    expect(describeExpected(z.strictObject({ id: z.string(), seed: z.number().optional() }))).toBe('an object with id, and optionally seed');
    expect(describeExpected(z.strictObject({ search: z.string().optional() }))).toBe('an object, optionally with search');
  });

  it('gives numbers their bounds as the settings do, and text its length', () => {
    expect(describeExpected(z.number().min(0).max(0.9))).toBe('a number at least 0 and at most 0.9');
    expect(describeExpected(z.number().positive().finite())).toBe('a number greater than 0');
    expect(describeExpected(z.number().int().min(0))).toBe('a whole number at least 0');
    expect(describeExpected(z.string().min(1).max(200))).toBe('text of 1 to 200 characters');
    expect(describeExpected(z.string().max(10))).toBe('text of at most 10 characters');
  });

  it('lists the choices of enums, literals and unions, leaving out "nothing"', () => {
    expect(describeExpected(z.enum(['linf', 'l2']))).toBe('one of "linf" or "l2"');
    expect(describeExpected(z.union([z.literal('none'), z.literal('balanced'), z.array(z.number())]))).toBe('"none", "balanced" or a list, each a number');
    expect(describeExpected(z.strictObject({ search: z.string() }).or(z.undefined().or(z.null())))).toBe('an object with search');
    expect(describeExpected(z.boolean().optional())).toBe('true or false');
  });
});
