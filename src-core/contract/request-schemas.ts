import { z } from 'zod';
import type { OperationName } from './operations';

/**
 * Schemas of every request payload, checked by the back end before any handler runs (the
 * renderer is untrusted). Strict objects: unknown keys are rejected, strings and arrays are
 * bounded so an oversized payload cannot exhaust memory.
 */
const id = z.string().min(1).max(200);

export const trainOptionsSchema = z.strictObject({
  task: z.enum(['binary', 'multiclass', 'regression']),
  loss: z.enum(['squared', 'bce', 'hinge']),
  solver: z.enum(['admm', 'admm-rbcd', 'scp', 'backprop']),
  formulation: z.enum(['sampled', 'exact']),
  patterns: z.number().int().min(1).max(100_000),
  beta: z.number().positive().finite(),
  bias: z.boolean(),
  seed: z.number().int().min(0).max(0xffffffff),
  classWeights: z.union([z.literal('none'), z.literal('balanced'), z.array(z.number().positive().finite()).max(1000)]).optional(),
  solverSettings: z.record(z.string().max(100), z.union([z.number(), z.string().max(100), z.boolean()])).optional(),
});

const noPayload = z.undefined().or(z.null());

export const requestSchemas: { readonly [K in OperationName]: z.ZodType } = {
  'app.info': noPayload,
  'datasets.listBuiltIn': noPayload,
  'datasets.loadBuiltIn': z.strictObject({
    id,
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    rows: z.number().int().min(10).max(1_000_000).optional(),
    noise: z.number().min(0).max(10).optional(),
  }),
  'training.defaults': z.strictObject({ datasetId: id }),
  'jobs.start': z.strictObject({
    datasetId: id,
    options: trainOptionsSchema,
    testFraction: z.number().min(0).max(0.9),
    label: z.string().max(200).optional(),
  }),
  'jobs.cancel': z.strictObject({ jobId: id }),
  'jobs.list': noPayload,
  'jobs.result': z.strictObject({ jobId: id }),
};

/** Largest serialized request accepted by either transport. */
export const MAX_REQUEST_BYTES = 1_000_000;

/** A readable one-line description of why a payload was rejected. */
export function describeSchemaError(operation: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
  return `Invalid request for ${operation}${where}: ${first ? first.message : 'malformed payload'}.`;
}
