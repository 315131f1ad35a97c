import { z } from 'zod';
import { sheetNameSchema } from './error-details';
import type { OperationName } from './operations';

/**
 * Schemas of every request payload, checked by the back end before any handler runs (the
 * renderer is untrusted). Strict objects: unknown keys are rejected, strings and arrays are
 * bounded so an oversized payload cannot exhaust memory.
 */
const id = z.string().min(1).max(200);

/** Adversarial training (src-core/robust/adversarial-options.ts); featureRadii is filled in by the back end. */
const adversarialSchema = z.strictObject({
  epsilon: z.number().min(0).max(1e6),
  norm: z.enum(['linf', 'l2']),
  units: z.enum(['raw', 'standardized']),
  columnRadii: z.record(z.string().min(1).max(200), z.number().min(0).max(1e6)).optional(),
  immutable: z.array(z.string().min(1).max(200)).max(10_000).optional(),
  baselineAttack: z.enum(['pgd', 'fgsm']).optional(),
  compareStandard: z.boolean().optional(),
  featureRadii: z.array(z.number().min(0).finite()).max(100_000).optional(),
});

export const trainOptionsSchema = z.strictObject({
  task: z.enum(['binary', 'multiclass', 'regression']),
  loss: z.enum(['squared', 'bce', 'hinge']),
  solver: z.enum(['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop']),
  formulation: z.enum(['sampled', 'exact']),
  patterns: z.number().int().min(1).max(100_000),
  beta: z.number().positive().finite(),
  bias: z.boolean(),
  seed: z.number().int().min(0).max(0xffffffff),
  classWeights: z.union([z.literal('none'), z.literal('balanced'), z.array(z.number().positive().finite()).max(1000)]).optional(),
  solverSettings: z.record(z.string().max(100), z.union([z.number(), z.string().max(100), z.boolean()])).optional(),
  adversarial: adversarialSchema.optional(),
});

const noPayload = z.undefined().or(z.null());

/** Largest piece of an uploaded data file (base64 characters; about 6 MB of bytes). */
export const MAX_UPLOAD_CHUNK_CHARS = 8_000_000;

const preparationSchema = z.strictObject({
  imputation: z.enum(['mean', 'median', 'drop-rows']),
  scaling: z.enum(['standardize', 'min-max', 'none']),
  maxCategories: z.number().int().min(2).max(1000),
});

const classWeightsSchema = z.union([z.literal('none'), z.literal('balanced'), z.array(z.number().positive().finite()).min(2).max(1000)]);

const importOptionsSchema = z.strictObject({
  format: z.enum(['auto', 'csv', 'tsv', 'arff', 'libsvm', 'json', 'xlsx']).optional(),
  encoding: z.enum(['auto', 'utf-8', 'latin-1', 'utf-16le', 'utf-16be']).optional(),
  delimiter: z.enum(['auto', ',', '\t', ';', '|']).optional(),
  decimal: z.enum(['auto', '.', ',']).optional(),
  header: z.union([z.boolean(), z.literal('auto')]).optional(),
  sheet: sheetNameSchema.optional(),
});

/** Largest uploaded file content (characters of text or base64) inside one request. */
export const MAX_UPLOAD_CONTENT_CHARS = 11_500_000;

const modelSource = z.union([z.strictObject({ jobId: id }), z.strictObject({ runId: id }), z.strictObject({ importedModelId: id })]);
const fileContents = z.strictObject({
  fileName: z.string().min(1).max(260),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string().max(MAX_UPLOAD_CONTENT_CHARS, `The file is too large to upload (at most ${MAX_UPLOAD_CONTENT_CHARS / 1e6} million characters); use the convexnet command for larger files.`),
});

export const requestSchemas: { readonly [K in OperationName]: z.ZodType } = {
  'app.info': noPayload,
  'datasets.listBuiltIn': noPayload,
  'datasets.loadBuiltIn': z.strictObject({
    id,
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    rows: z.number().int().min(10).max(1_000_000).optional(),
    noise: z.number().min(0).max(10).optional(),
    classes: z.number().int().min(2).max(10).optional(),
  }),
  'datasets.upload': z.strictObject({
    uploadId: id.optional(),
    chunkBase64: z
      .string()
      .min(1)
      .max(MAX_UPLOAD_CHUNK_CHARS, `An upload piece is at most ${MAX_UPLOAD_CHUNK_CHARS} base64 characters; send the file in smaller pieces.`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The upload piece is not base64 text.'),
  }),
  'datasets.import': z.strictObject({
    uploadId: id,
    fileName: z.string().min(1).max(260),
    importId: id,
    options: importOptionsSchema.optional(),
  }),
  'datasets.cancelImport': z.strictObject({ importId: id }),
  'datasets.reopen': z.strictObject({ fileId: id, importId: id, options: importOptionsSchema.optional() }),
  'datasets.inspect': z.strictObject({ datasetId: id }),
  'datasets.rows': z.strictObject({ datasetId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }),
  'datasets.configure': z.strictObject({
    datasetId: id,
    target: z.string().min(1).max(1000),
    task: z.enum(['binary', 'multiclass', 'regression']).optional(),
    ignoredColumns: z.array(z.string().max(1000)).max(10_000),
    preparation: preparationSchema.optional(),
    classWeights: classWeightsSchema.optional(),
  }),
  'training.defaults': z.strictObject({ datasetId: id }),
  'jobs.start': z.strictObject({
    datasetId: id,
    options: trainOptionsSchema,
    testFraction: z.number().min(0).max(0.9),
    label: z.string().max(200).optional(),
    group: z.string().min(1).max(100).optional(),
    splitSeed: z.number().int().min(0).max(0xffffffff).optional(),
    sweep: z
      .strictObject({
        parameter: z.enum(['beta', 'epsilon']).optional(),
        betas: z.array(z.number().positive().finite()).min(2).max(50).optional(),
        cvFolds: z.number().int().min(2).max(20).optional(),
        epsilon: z
          .strictObject({
            epsilons: z.array(z.number().min(0).max(1e6)).min(1).max(50).optional(),
            count: z.number().int().min(2).max(49).optional(),
            norm: z.enum(['linf', 'l2']),
            units: z.enum(['raw', 'standardized']).optional(),
          })
          .optional(),
      })
      .superRefine((sweep, ctx) => {
        // A beta sweep needs its grid; an epsilon sweep needs its threat and has no beta grid or folds.
        if ((sweep.parameter ?? 'beta') === 'beta') {
          if (!sweep.betas) ctx.addIssue({ code: 'custom', path: ['betas'], message: 'A beta sweep needs betas (2 to 50 values).' });
          if (sweep.epsilon) ctx.addIssue({ code: 'custom', path: ['epsilon'], message: 'Epsilon settings belong to an epsilon sweep (parameter "epsilon").' });
        } else {
          if (!sweep.epsilon) ctx.addIssue({ code: 'custom', path: ['epsilon'], message: 'An epsilon sweep needs its epsilon settings (norm, optional radii).' });
          if (sweep.betas || sweep.cvFolds !== undefined) ctx.addIssue({ code: 'custom', path: ['parameter'], message: 'An epsilon sweep uses the form\'s beta: give no betas or cvFolds.' });
        }
      })
      .optional(),
    crossValidation: z.strictObject({ folds: z.number().int().min(2).max(20) }).optional(),
    preparation: preparationSchema.optional(),
  }),
  'training.advice': z.strictObject({ datasetId: id, testFraction: z.number().min(0).max(0.9) }),
  'training.estimate': z.strictObject({ datasetId: id, options: trainOptionsSchema, testFraction: z.number().min(0).max(0.9), probe: z.boolean() }),
  'jobs.cancel': z.strictObject({ jobId: id }),
  'jobs.list': noPayload,
  'jobs.result': z.strictObject({ jobId: id }),
  'runs.list': z.strictObject({ search: z.string().max(200).optional() }).or(noPayload),
  'runs.get': z.strictObject({ runId: id }),
  'runs.rename': z.strictObject({ runId: id, name: z.string().trim().min(1, 'A run name cannot be empty.').max(200) }),
  'runs.delete': z.strictObject({ runId: id }),
  'workspace.info': noPayload,
  'export.model': z.strictObject({ source: modelSource, format: z.enum(['json', 'onnx', 'html']) }),
  'models.import': z.strictObject({ file: fileContents }),
  'export.predictions': z.strictObject({ source: modelSource, file: fileContents }),
};

/** Largest serialized request accepted by either transport. */
export const MAX_REQUEST_BYTES = 1_000_000;

/** Largest request of the operations that carry an uploaded file (a model or a data file). */
export const MAX_UPLOAD_REQUEST_BYTES = 12_000_000;

const uploadOperations: ReadonlySet<OperationName> = new Set<OperationName>(['models.import', 'export.predictions', 'datasets.upload']);

/** The size limit of one operation's request: MAX_REQUEST_BYTES except for file uploads. */
export function maxRequestBytes(operation: OperationName): number {
  return uploadOperations.has(operation) ? MAX_UPLOAD_REQUEST_BYTES : MAX_REQUEST_BYTES;
}
