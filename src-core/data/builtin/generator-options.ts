import { ConvexNetError } from '../../errors';

/** Options every generator takes; `classes` only Gaussian blobs. */
export interface GeneratorOptions {
  readonly seed?: number;
  readonly rows?: number;
  /** Standard deviation of the Gaussian noise (on the coordinates, or on the target for curves). */
  readonly noise?: number;
  readonly classes?: number;
}

export interface CheckedGeneratorOptions {
  readonly seed: number;
  readonly rows: number;
  readonly noise: number;
  readonly classes: number;
}

export const MAX_GENERATED_ROWS = 1_000_000;
export const MAX_BLOB_CLASSES = 10;

/** The options with defaults filled in, each checked; a bad one is data/invalid-generator naming it. */
export function checkGeneratorOptions(
  name: string,
  options: GeneratorOptions,
  defaults: { rows: number; noise: number; seed?: number; classes?: number },
): CheckedGeneratorOptions {
  const seed = options.seed ?? defaults.seed ?? 1;
  const rows = options.rows ?? defaults.rows;
  const noise = options.noise ?? defaults.noise;
  const classes = options.classes ?? defaults.classes ?? 2;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ConvexNetError('data/invalid-generator', `${name}: the seed must be a whole number from 0 to 4294967295, got ${seed}.`);
  }
  if (!Number.isInteger(rows) || rows < 4 || rows > MAX_GENERATED_ROWS) {
    throw new ConvexNetError('data/invalid-generator', `${name}: rows must be a whole number from 4 to ${MAX_GENERATED_ROWS}, got ${rows}.`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new ConvexNetError('data/invalid-generator', `${name}: noise must be a finite number of at least 0, got ${noise}.`);
  }
  if (!Number.isInteger(classes) || classes < 2 || classes > MAX_BLOB_CLASSES) {
    throw new ConvexNetError('data/invalid-generator', `${name}: classes must be a whole number from 2 to ${MAX_BLOB_CLASSES}, got ${classes}.`);
  }
  return { seed, rows, noise, classes };
}

/** Six decimals: far below any useful noise level, and short enough to read in a preview. */
export function formatCoordinate(value: number): string {
  return value.toFixed(6);
}
