import { Prng } from '../../random/prng';
import type { RawTable } from '../raw-table';
import { generatedTable } from './generated-table';
import type { GeneratorOptions } from './generator-options';
import { checkGeneratorOptions, formatCoordinate } from './generator-options';

/** Columns of the generated 2-D classification tables. */
export const POINT_FEATURES = ['x1', 'x2'] as const;
export const POINT_TARGET = 'label';

export const CIRCLES_DEFAULTS = { rows: 200, noise: 0.05 } as const;
export const XOR_DEFAULTS = { rows: 200, noise: 0.05 } as const;
export const SPIRALS_DEFAULTS = { rows: 300, noise: 0.02 } as const;
export const BLOBS_DEFAULTS = { rows: 300, noise: 0.6, classes: 3 } as const;

/**
 * Two concentric circles (scikit-learn's make_circles): floor(n/2) points on the unit circle
 * ("outer") and the rest on the circle of radius 1/2 ("inner"), angles evenly spaced, plus
 * Gaussian noise on both coordinates. No line separates them; a ReLU layer can.
 */
export function circlesTable(options: GeneratorOptions = {}): RawTable {
  const { seed, rows: n, noise } = checkGeneratorOptions('Circles', options, CIRCLES_DEFAULTS);
  const prng = new Prng(seed);
  const outer = Math.floor(n / 2);
  const rows: string[][] = [];
  for (let k = 0; k < n; k++) {
    const inOuter = k < outer;
    const count = inOuter ? outer : n - outer;
    const t = (2 * Math.PI * (inOuter ? k : k - outer)) / count;
    const radius = inOuter ? 1 : 0.5;
    rows.push(point(radius * Math.cos(t), radius * Math.sin(t), noise, prng, inOuter ? 'outer' : 'inner'));
  }
  return shuffled(rows, prng);
}

/**
 * XOR: points uniform on the square [-1, 1]^2, labelled "same" when both coordinates have the
 * same sign and "different" otherwise, then Gaussian noise added to the coordinates (so noise
 * blurs the quadrant borders). The classic problem a linear model cannot solve.
 */
export function xorTable(options: GeneratorOptions = {}): RawTable {
  const { seed, rows: n, noise } = checkGeneratorOptions('XOR', options, XOR_DEFAULTS);
  const prng = new Prng(seed);
  const rows: string[][] = [];
  for (let k = 0; k < n; k++) {
    const x = 2 * prng.nextFloat() - 1;
    const y = 2 * prng.nextFloat() - 1;
    rows.push(point(x, y, noise, prng, x * y >= 0 ? 'same' : 'different'));
  }
  // Drawn in random order already: no shuffle needed.
  return generatedTable([...POINT_FEATURES, POINT_TARGET], rows);
}

/**
 * Two interleaved spirals: for t = 3*pi*sqrt(u) with u uniform on [0, 1], spiral "a" is
 * (t cos t, t sin t) / (3 pi) and spiral "b" the same turned by pi; plus Gaussian noise.
 * Each arm makes one and a half turns: a hard problem for small networks.
 */
export function spiralsTable(options: GeneratorOptions = {}): RawTable {
  const { seed, rows: n, noise } = checkGeneratorOptions('Two spirals', options, SPIRALS_DEFAULTS);
  const prng = new Prng(seed);
  const rows: string[][] = [];
  const turns = 3 * Math.PI;
  for (let k = 0; k < n; k++) {
    const arm = k % 2;
    const t = turns * Math.sqrt(prng.nextFloat());
    const sign = arm === 0 ? 1 : -1;
    rows.push(point((sign * t * Math.cos(t)) / turns, (sign * t * Math.sin(t)) / turns, noise, prng, arm === 0 ? 'a' : 'b'));
  }
  return shuffled(rows, prng);
}

/**
 * Gaussian blobs: k classes ("blob1".."blobk") with centres evenly spaced on the circle of
 * radius 3, each point its centre plus Gaussian noise of the given standard deviation; rows
 * dealt to the classes in turn, so class sizes differ by at most one.
 */
export function blobsTable(options: GeneratorOptions = {}): RawTable {
  const { seed, rows: n, noise, classes } = checkGeneratorOptions('Gaussian blobs', options, BLOBS_DEFAULTS);
  const prng = new Prng(seed);
  const rows: string[][] = [];
  for (let k = 0; k < n; k++) {
    const c = k % classes;
    const angle = (2 * Math.PI * c) / classes;
    rows.push(point(3 * Math.cos(angle), 3 * Math.sin(angle), noise, prng, `blob${c + 1}`));
  }
  return shuffled(rows, prng);
}

function point(x: number, y: number, noise: number, prng: Prng, label: string): string[] {
  return [formatCoordinate(x + noise * prng.nextGaussian()), formatCoordinate(y + noise * prng.nextGaussian()), label];
}

/** Rows shuffled so a preview of the first rows shows every class. */
function shuffled(rows: string[][], prng: Prng): RawTable {
  const order = prng.permutation(rows.length);
  return generatedTable([...POINT_FEATURES, POINT_TARGET], Array.from(order, (i) => rows[i]!));
}
