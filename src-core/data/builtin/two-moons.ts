import { ConvexNetError } from '../../errors';
import { Prng } from '../../random/prng';
import type { RawTable } from '../raw-table';
import { generatedTable } from './generated-table';

export const TWO_MOONS_DEFAULTS = { seed: 1, rows: 200, noise: 0.1 } as const;
export const TWO_MOONS_FEATURES = ['x1', 'x2'] as const;
export const TWO_MOONS_TARGET = 'moon';
/** Class names: the upper half-circle and the lower one that interleaves it. */
export const TWO_MOONS_CLASSES = ['upper', 'lower'] as const;

export interface TwoMoonsOptions {
  readonly seed?: number;
  readonly rows?: number;
  /** Standard deviation of the Gaussian noise added to both coordinates. */
  readonly noise?: number;
}

/**
 * Two interleaving half-circles (scikit-learn's make_moons construction): floor(n/2) points on
 * the upper arc (cos t, sin t) and the rest on the lower arc (1 - cos t, 1/2 - sin t), t evenly
 * spaced over [0, pi], plus Gaussian noise, rows shuffled. Not linearly separable, so it shows
 * what the hidden ReLU layer buys. The same options give the same table on every platform.
 */
export function twoMoonsTable(options: TwoMoonsOptions = {}): RawTable {
  const seed = options.seed ?? TWO_MOONS_DEFAULTS.seed;
  const n = options.rows ?? TWO_MOONS_DEFAULTS.rows;
  const noise = options.noise ?? TWO_MOONS_DEFAULTS.noise;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ConvexNetError('data/invalid-generator', `Two moons: the seed must be a whole number from 0 to 4294967295, got ${seed}.`);
  }
  if (!Number.isInteger(n) || n < 4 || n > 1_000_000) {
    throw new ConvexNetError('data/invalid-generator', `Two moons: rows must be a whole number from 4 to 1000000, got ${n}.`);
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new ConvexNetError('data/invalid-generator', `Two moons: noise must be a finite number of at least 0, got ${noise}.`);
  }
  const prng = new Prng(seed);
  const upper = Math.floor(n / 2);
  const lower = n - upper;
  const rows: string[][] = [];
  for (let k = 0; k < upper; k++) {
    const t = upper === 1 ? 0 : (Math.PI * k) / (upper - 1);
    rows.push(point(Math.cos(t), Math.sin(t), noise, prng, TWO_MOONS_CLASSES[0]));
  }
  for (let k = 0; k < lower; k++) {
    const t = lower === 1 ? 0 : (Math.PI * k) / (lower - 1);
    rows.push(point(1 - Math.cos(t), 0.5 - Math.sin(t), noise, prng, TWO_MOONS_CLASSES[1]));
  }
  // Shuffled so a preview of the first rows shows both classes.
  const order = prng.permutation(n);
  return generatedTable([...TWO_MOONS_FEATURES, TWO_MOONS_TARGET], Array.from(order, (i) => rows[i]!));
}

/** Six decimals: far below any useful noise level, and short enough to read in a preview. */
function point(x: number, y: number, noise: number, prng: Prng, label: string): string[] {
  const nx = x + noise * prng.nextGaussian();
  const ny = y + noise * prng.nextGaussian();
  return [nx.toFixed(6), ny.toFixed(6), label];
}
