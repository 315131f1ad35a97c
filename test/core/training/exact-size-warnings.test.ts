import { describe, expect, it } from 'vitest';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { enumerateExactPatterns } from '../../../src-core/patterns/exact-patterns';
import { Prng } from '../../../src-core/random/prng';
import { ipmSizeProblem } from '../../../src-core/solvers/ipm/ipm-newton-system';
import { exactSizeWarnings } from '../../../src-core/training/exact-size-warnings';
import { defaultTrainOptions } from '../../../src-core/training/train-defaults';
import type { TrainOptions } from '../../../src-core/training/train-types';

/** Rows of two Gaussian features and the bias column (general position), `distinct` of them repeated cyclically. */
function gaussianWithBias(rows: number, seed: number, distinct: number = rows): Matrix {
  const prng = new Prng(seed);
  const base = Array.from({ length: distinct }, () => [prng.nextGaussian(), prng.nextGaussian()]);
  const X = createMatrix(rows, 3);
  for (let i = 0; i < rows; i++) X.data.set([base[i % distinct]![0]!, base[i % distinct]![1]!, 1], i * 3);
  return X;
}

const exact = (solver: TrainOptions['solver'], solverSettings: TrainOptions['solverSettings'] = {}): TrainOptions => ({ ...defaultTrainOptions('binary'), solver, formulation: 'exact', solverSettings });

describe('exactSizeWarnings', () => {
  it('says nothing for the sampled formulation or solvers without one', () => {
    expect(exactSizeWarnings({ ...exact('admm'), formulation: 'sampled' }, 100_000, 3)).toEqual([]);
    expect(exactSizeWarnings({ ...exact('scp') }, 100_000, 3)).toEqual([]);
  });

  it('warns exactly where enumeration refuses data in general position', () => {
    // 100 rows in rank 3: up to 2 (1 + 99 + 4851) = 9,902 patterns, over the default limit of 4,096.
    const [warning] = exactSizeWarnings(exact('admm'), 100, 3);
    expect(warning).toMatch(/^The exact formulation can need up to 9,902 activation patterns for 100 rows of 3 columns \(the bias counted as one\), over the limit of 4,096: unless many rows repeat, the run will be refused at its start\. Use the sampled formulation, or raise the exact pattern limit to 9,902 if a program that large is wanted\.$/);
    // Past the largest limit the form allows, only sampling is offered: 1000 rows, 999,002 patterns.
    expect(exactSizeWarnings(exact('admm'), 1000, 3)[0]).toMatch(/up to 999,002 .* Use the sampled formulation\.$/);
    expect(() => enumerateExactPatterns(gaussianWithBias(100, 1))).toThrow(/refused/);
    // 60 rows: 2 (1 + 59 + 1711) = 3,542 patterns, under the limit: no warning, and enumeration runs.
    expect(exactSizeWarnings(exact('admm'), 60, 3)).toEqual([]);
    expect(enumerateExactPatterns(gaussianWithBias(60, 2)).count).toBeGreaterThan(0);
    // The limit a run sets is the one compared.
    expect(exactSizeWarnings(exact('admm', { exactPatternLimit: 10_000 }), 100, 3)).toEqual([]);
  });

  it('is a warning, not an error: repeated rows can bring the count under the limit', () => {
    expect(exactSizeWarnings(exact('admm'), 100, 3)).toHaveLength(1);
    expect(() => enumerateExactPatterns(gaussianWithBias(100, 3, 20))).not.toThrow();
  });

  it('warns for the interior-point solver only where both of its systems would be over the limit', () => {
    // 50 rows: up to 2 (1 + 49 + 1176) = 2,452 patterns; 3 x 2,452 > 6,000 unknowns, but the
    // Woodbury system over the 50 rows takes them.
    expect(exactSizeWarnings(exact('ipm'), 50, 3)).toEqual([]);
    const patterns = enumerateExactPatterns(gaussianWithBias(50, 4), { dropEmpty: true });
    expect(3 * patterns.count).toBeGreaterThan(6000);
    expect(ipmSizeProblem(50, 3, patterns.count, 'auto')).toBeNull();
    // 7,000 rows of rank 2 with a raised enumeration limit: 2 (1 + 6,999) = 14,000 patterns.
    const [warning] = exactSizeWarnings(exact('ipm', { exactPatternLimit: 100_000 }), 7000, 2);
    expect(warning).toMatch(/^The exact formulation can need up to 14,000 activation patterns here; on more than 6,000 rows the interior-point solver takes at most 3,000 with 2 columns: .*Use ADMM, or the sampled formulation\.$/);
    expect(ipmSizeProblem(7000, 2, 14_000, 'auto')).toMatch(/would factor a 7000 x 7000 system/);
    expect(exactSizeWarnings(exact('ipm', { exactPatternLimit: 100_000, linearSystem: 'woodbury' }), 7000, 2)).toEqual([]);
    expect(exactSizeWarnings(exact('admm', { exactPatternLimit: 100_000 }), 7000, 2)).toEqual([]);
  });
});
