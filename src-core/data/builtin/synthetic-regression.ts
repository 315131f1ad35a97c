import { Prng } from '../../random/prng';
import type { RawTable } from '../raw-table';
import { generatedTable } from './generated-table';
import type { GeneratorOptions } from './generator-options';
import { checkGeneratorOptions, formatCoordinate } from './generator-options';

export const CURVE_TARGET = 'y';
export const CURVE_1D_DEFAULTS = { rows: 200, noise: 0.1 } as const;
export const CURVE_2D_DEFAULTS = { rows: 400, noise: 0.05 } as const;

/** The 1-D curve: a sine wave on a slope, y = sin(2x) + 0.3 x, for x in [-3, 3]. */
export function curve1d(x: number): number {
  return Math.sin(2 * x) + 0.3 * x;
}

/** The 2-D surface: y = sin(x1) cos(x2) + 0.2 x1 x2, for (x1, x2) in [-2, 2]^2. */
export function curve2d(x1: number, x2: number): number {
  return Math.sin(x1) * Math.cos(x2) + 0.2 * x1 * x2;
}

/** Regression on one input: x uniform on [-3, 3], y = curve1d(x) plus Gaussian noise on y. */
export function curve1dTable(options: GeneratorOptions = {}): RawTable {
  const { seed, rows: n, noise } = checkGeneratorOptions('1-D regression curve', options, CURVE_1D_DEFAULTS);
  const prng = new Prng(seed);
  const rows: string[][] = [];
  for (let k = 0; k < n; k++) {
    const x = 6 * prng.nextFloat() - 3;
    rows.push([formatCoordinate(x), formatCoordinate(curve1d(x) + noise * prng.nextGaussian())]);
  }
  return generatedTable(['x', CURVE_TARGET], rows);
}

/** Regression on two inputs: (x1, x2) uniform on [-2, 2]^2, y = curve2d(x1, x2) plus Gaussian noise on y. */
export function curve2dTable(options: GeneratorOptions = {}): RawTable {
  const { seed, rows: n, noise } = checkGeneratorOptions('2-D regression surface', options, CURVE_2D_DEFAULTS);
  const prng = new Prng(seed);
  const rows: string[][] = [];
  for (let k = 0; k < n; k++) {
    const x1 = 4 * prng.nextFloat() - 2;
    const x2 = 4 * prng.nextFloat() - 2;
    rows.push([formatCoordinate(x1), formatCoordinate(x2), formatCoordinate(curve2d(x1, x2) + noise * prng.nextGaussian())]);
  }
  return generatedTable(['x1', 'x2', CURVE_TARGET], rows);
}
