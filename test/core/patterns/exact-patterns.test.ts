import { describe, expect, it } from 'vitest';
import { isConvexNetError, type ConvexNetError } from '../../../src-core/errors';
import { appendOnesColumn, createMatrix, matrixFromRows, matrixToRows, type Matrix } from '../../../src-core/linalg/matrix';
import {
  countArrangementCells,
  enumerateExactPatterns,
  matrixRank,
} from '../../../src-core/patterns/exact-patterns';
import type { PatternSet } from '../../../src-core/patterns/pattern-set';
import { patternsFromGenerators } from '../../../src-core/patterns/patterns-from-generators';
import { bruteForcePatterns, gaussianMatrix, multiply, patternKeys, patternOf, TOY_TABLE, toyH, toyX } from './fixtures';

function errorOf(f: () => unknown): ConvexNetError | undefined {
  try {
    f();
  } catch (e) {
    if (isConvexNetError(e)) return e;
    throw e;
  }
  return undefined;
}

/** Every generator reproduces its own pattern and lies strictly inside its cell. */
function expectGeneratorsInsideCells(X: Matrix, set: PatternSet): void {
  const d = X.cols;
  const keys = patternKeys(set);
  let worst = Infinity;
  for (let i = 0; i < set.count; i++) {
    const h = set.generators.data.subarray(i * d, (i + 1) * d);
    expect(patternOf(X, h)).toBe(keys[i]);
    const hn = Math.hypot(...h);
    for (let k = 0; k < X.rows; k++) {
      const x = X.data.subarray(k * d, (k + 1) * d);
      const xn = Math.hypot(...x);
      if (xn === 0) continue; // a zero row has no hyperplane
      let s = 0;
      for (let j = 0; j < d; j++) s += x[j]! * h[j]!;
      worst = Math.min(worst, Math.abs(s) / (xn * hn));
    }
  }
  // Cosine distance to the nearest hyperplane, far above rounding (~1e-16).
  expect(worst).toBeGreaterThan(1e-6);
  // Re-deriving the patterns from the generators gives back the same set, in order.
  const again = patternsFromGenerators(X, set.generators, { dropEmpty: false });
  expect(patternKeys(again)).toEqual(keys);
}

/** Gaussian sampling never finds a pattern that the exact set lacks. */
function expectSamplesCovered(X: Matrix, set: PatternSet, seed: number): Set<string> {
  const exact = new Set(patternKeys(set));
  const sampled = bruteForcePatterns(X, 200_000, seed);
  const missing = [...sampled].filter((k) => !exact.has(k));
  expect(missing).toEqual([]);
  return sampled;
}

/**
 * Independent count for a rank-3 central arrangement with integer normals (Zaslavsky):
 * cells = 2 + 2 * sum over intersection lines L of (number of hyperplanes through L - 1).
 * Lines are found exactly as reduced integer cross products.
 */
function rank3CellCountExact(normals: number[][]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
  const canonical = (v: number[]): string => {
    const g = v.reduce((acc, x) => gcd(acc, x), 0);
    const w = v.map((x) => x / g);
    const lead = w.find((x) => x !== 0)!;
    return w.map((x) => (lead < 0 ? -x : x) + 0).join(',');
  };
  const planes = [...new Map(normals.filter((v) => v.some((x) => x !== 0)).map((v) => [canonical(v), v])).values()];
  const lines = new Map<string, Set<number>>();
  for (let i = 0; i < planes.length; i++) {
    for (let j = i + 1; j < planes.length; j++) {
      const [a, b] = [planes[i]!, planes[j]!];
      const c = [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
      const key = canonical(c);
      const through = lines.get(key) ?? new Set<number>();
      through.add(i).add(j);
      lines.set(key, through);
    }
  }
  let s = 0;
  for (const through of lines.values()) s += through.size - 1;
  return 2 + 2 * s;
}

describe('countArrangementCells', () => {
  it('gives the general-position counts and satisfies the deletion-restriction recurrence', () => {
    expect(countArrangementCells(8, 3)).toBe(58); // spec 1.3 / 7.3(E)
    expect(countArrangementCells(15, 2)).toBe(30);
    expect(countArrangementCells(9, 1)).toBe(2);
    expect(countArrangementCells(0, 3)).toBe(1);
    expect(countArrangementCells(5, 0)).toBe(1);
    expect(countArrangementCells(6, 6)).toBe(64); // rank >= n: every sign vector
    expect(countArrangementCells(6, 9)).toBe(64);
    // c(n, r) = c(n-1, r) + c(n-1, r-1) for n >= 2, r >= 2 (generic restriction has n-1 planes).
    for (let n = 2; n <= 30; n++) {
      for (let r = 2; r <= 8; r++) {
        expect(countArrangementCells(n, r)).toBe(countArrangementCells(n - 1, r) + countArrangementCells(n - 1, r - 1));
      }
    }
  });

  it('rejects negative or fractional arguments', () => {
    expect(errorOf(() => countArrangementCells(-1, 2))?.code).toBe('settings/invalid');
    expect(errorOf(() => countArrangementCells(3, 1.5))?.code).toBe('settings/invalid');
  });
});

describe('matrixRank', () => {
  it('finds the rank of products, the toy data and degenerate matrices', () => {
    expect(matrixRank(toyX())).toBe(3);
    expect(matrixRank(multiply(gaussianMatrix(10, 3, 1), gaussianMatrix(3, 7, 2)))).toBe(3);
    expect(matrixRank(multiply(gaussianMatrix(4, 2, 3), gaussianMatrix(2, 9, 4)))).toBe(2);
    expect(matrixRank(gaussianMatrix(5, 8, 5))).toBe(5);
    expect(matrixRank(createMatrix(4, 3))).toBe(0);
    expect(matrixRank(createMatrix(0, 3))).toBe(0);
  });

  it('uses a relative tolerance that can be tightened', () => {
    const X = matrixFromRows([
      [1, 2, 3],
      [2, 4, 6 + 1e-13],
    ]);
    expect(matrixRank(X)).toBe(1);
    expect(matrixRank(X, 0)).toBe(2);
    expect(errorOf(() => matrixRank(X, -1))?.code).toBe('settings/invalid');
  });
});

describe('enumerateExactPatterns', () => {
  it('finds exactly the 58 patterns of the toy data (spec 7.3(E)), including the sampled ones', () => {
    const X = toyX();
    const set = enumerateExactPatterns(X);
    expect(set.source).toBe('exact');
    expect(set.n).toBe(8);
    expect(set.count).toBe(58);
    expect(set.count).toBe(countArrangementCells(8, matrixRank(X)));
    const keys = new Set(patternKeys(set));
    expect(keys.size).toBe(58);
    for (let i = 0; i < 5; i++) expect(keys.has(TOY_TABLE.map((row) => row[i]).join(''))).toBe(true);
    expect(keys.has('00000000')).toBe(true); // h = (0, 0, -1): the all-zero pattern is a cell here
    expect(keys.has('11111111')).toBe(true);
    expectGeneratorsInsideCells(X, set);
    const sampled = patternsFromGenerators(X, toyH());
    expect(patternKeys(sampled).every((k) => keys.has(k))).toBe(true);
  });

  it('drops the all-zero pattern only on request', () => {
    const set = enumerateExactPatterns(toyX(), { dropEmpty: true });
    expect(set.count).toBe(57);
    expect(patternKeys(set)).not.toContain('00000000');
  });

  it('covers every pattern that 200,000 Gaussian samples find on the toy data', () => {
    const X = toyX();
    expectSamplesCovered(X, enumerateExactPatterns(X), 101);
  });

  it('agrees between the angular sweep and the general method on random rank-2 data (n = 15)', () => {
    const plain = gaussianMatrix(15, 2, 7);
    const embedded = multiply(gaussianMatrix(15, 2, 8), gaussianMatrix(2, 5, 9)); // rank 2 in R^5
    for (const X of [plain, embedded]) {
      expect(matrixRank(X)).toBe(2);
      const sweep = enumerateExactPatterns(X, { method: 'sweep' });
      const general = enumerateExactPatterns(X, { method: 'incremental' });
      expect(sweep.count).toBe(countArrangementCells(15, 2));
      expect(general.count).toBe(sweep.count);
      expect(new Set(patternKeys(general))).toEqual(new Set(patternKeys(sweep)));
      expectGeneratorsInsideCells(X, sweep);
      expectGeneratorsInsideCells(X, general);
      expect(enumerateExactPatterns(X).count).toBe(sweep.count); // 'auto' picks a rank-2 method
    }
  });

  it('agrees between the sweep and the general method on degenerate rank-2 data', () => {
    const base = matrixToRows(gaussianMatrix(6, 2, 30));
    const X = matrixFromRows([...base, base[0]!, base[1]!.map((v) => -3 * v), base[2]!.map((v) => 0.7 * v), [0, 0]]);
    const sweep = enumerateExactPatterns(X, { method: 'sweep' });
    const general = enumerateExactPatterns(X, { method: 'incremental' });
    expect(sweep.count).toBe(countArrangementCells(6, 2)); // 6 distinct lines
    expect(new Set(patternKeys(general))).toEqual(new Set(patternKeys(sweep)));
    expectSamplesCovered(X, general, 31);
  });

  it('merges hyperplanes closer than the tolerance the same way in both methods', () => {
    // (0, 1) and (1e-12, 1) are one hyperplane numerically. With (1, 0) first, the row-space basis
    // is (-e1, -e2), so their boundary angles straddle the cut 0 = 2 pi of the sweep.
    const X = matrixFromRows([[1, 0], [0, 1], [1e-12, 1]]);
    const sweep = enumerateExactPatterns(X, { method: 'sweep' });
    const general = enumerateExactPatterns(X, { method: 'incremental' });
    expect(sweep.count).toBe(4);
    expect(new Set(patternKeys(general))).toEqual(new Set(patternKeys(sweep)));
  });

  it('matches the general-position count for rank 3 and 4 (n up to 12)', () => {
    const cases: [Matrix, number][] = [
      [gaussianMatrix(5, 3, 40), 3],
      [gaussianMatrix(12, 3, 41), 3],
      [appendOnesColumn(gaussianMatrix(10, 2, 42)), 3],
      [multiply(gaussianMatrix(11, 3, 43), gaussianMatrix(3, 6, 44)), 3], // rank 3 in R^6
      [gaussianMatrix(4, 4, 45), 4],
      [gaussianMatrix(9, 4, 46), 4],
      [appendOnesColumn(gaussianMatrix(12, 3, 47)), 4],
    ];
    for (const [X, r] of cases) {
      expect(matrixRank(X)).toBe(r);
      const set = enumerateExactPatterns(X);
      expect(set.count).toBe(countArrangementCells(X.rows, r));
      expect(new Set(patternKeys(set)).size).toBe(set.count);
    }
    // rank >= n: every sign vector is a cell.
    expect(enumerateExactPatterns(gaussianMatrix(5, 7, 48)).count).toBe(32);
  });

  it('is sound on general-position data: rank 4, n = 12, checked against 200,000 samples', () => {
    const X = gaussianMatrix(12, 4, 50);
    const set = enumerateExactPatterns(X);
    expect(set.count).toBe(countArrangementCells(12, 4));
    expectGeneratorsInsideCells(X, set);
    const sampled = expectSamplesCovered(X, set, 51);
    expect(sampled.size).toBeGreaterThan(0.8 * set.count);
  });

  it('is exact on collinear and duplicated points (2-D features with bias)', () => {
    // Collinear triples/quadruples and repeated points: the hyperplanes (p, 1)^⊥ meet in
    // common lines, so the general-position count (134 for 12 rows) is far from the truth.
    const points = [
      [0, 0], [1, 1], [2, 2], [-1, -1], [1, 0], [1, 0], [2, 0], [0, 1], [0, -1.5], [3, -1], [-0.5, 2], [1, 1],
    ];
    const X = appendOnesColumn(matrixFromRows(points));
    const set = enumerateExactPatterns(X);
    const expected = rank3CellCountExact(points.map(([a, b]) => [2 * a!, 2 * b!, 2]));
    expect(expected).toBeLessThan(countArrangementCells(12, 3));
    expect(set.count).toBe(expected);
    expectGeneratorsInsideCells(X, set);
    const sampled = expectSamplesCovered(X, set, 61);
    expect(sampled.size).toBe(set.count); // no cell of this arrangement is thin
  });

  it('is sound on rank-deficient data with duplicated, scaled, negated, zero and dependent rows', () => {
    const base = matrixToRows(multiply(gaussianMatrix(6, 3, 70), gaussianMatrix(3, 4, 71))); // rank 3 in R^4
    const extra = [
      base[0]!,
      base[1]!.map((v) => 2.5 * v),
      base[2]!.map((v) => -v),
      [0, 0, 0, 0],
      base[3]!.map((v, j) => v + base[4]![j]!), // three planes through one line
      base[0]!.map((v, j) => v - 3 * base[5]![j]!),
    ];
    const X = matrixFromRows([...base, ...extra]);
    expect(matrixRank(X)).toBe(3);
    const set = enumerateExactPatterns(X);
    expect(set.count).toBeLessThan(countArrangementCells(8, 3)); // 8 distinct planes, not in general position
    expectGeneratorsInsideCells(X, set);
    expectSamplesCovered(X, set, 72);
    const keys = patternKeys(set);
    for (const key of keys) {
      expect(key[9]).toBe('1'); // the zero row is active in every pattern (0 >= 0)
      expect(key[6]).toBe(key[0]); // duplicate
      expect(key[7]).toBe(key[1]); // positive multiple
    }
    // Rows that repeat a hyperplane do not create cells: the distinct rows give the same cells.
    const distinct = matrixFromRows([...base, extra[4]!, extra[5]!]);
    const reduced = enumerateExactPatterns(distinct);
    expect(reduced.count).toBe(set.count);
    const project = (key: string): string => key.slice(0, 6) + key[10] + key[11];
    expect(new Set(keys.map(project))).toEqual(new Set(patternKeys(reduced)));
  });

  it('handles rank 0 and rank 1 data', () => {
    const zero = enumerateExactPatterns(createMatrix(3, 2));
    expect(zero.count).toBe(1);
    expect(patternKeys(zero)).toEqual(['111']);
    const line = matrixFromRows([[1, 2], [-2, -4], [0.5, 1], [0, 0]]);
    const set = enumerateExactPatterns(line);
    expect(new Set(patternKeys(set))).toEqual(new Set(['1011', '0101']));
    expectGeneratorsInsideCells(line, set);
  });

  it('refuses quickly when the cell bound exceeds the limit (n = 200, d = 10)', () => {
    const X = gaussianMatrix(200, 10, 80);
    const err = errorOf(() => enumerateExactPatterns(X, { limit: 100 }));
    expect(err?.code).toBe('patterns/too-many');
    expect(err?.message).toMatch(/limit of 100/);
    expect(err?.message).toMatch(/Use the sampled formulation: it solves the program for a random sample of the patterns\.$/);
    // No internal name leaks into the message, and raising the limit is offered only by a caller
    // that lets users raise it (raisableTo), and only as far as it allows.
    expect(err?.message).not.toMatch(/raise|samplePatterns/);
    expect(errorOf(() => enumerateExactPatterns(X, { limit: 100, raisableTo: 100_000 }))?.message).not.toMatch(/raise/);
    expect(errorOf(() => enumerateExactPatterns(X))?.code).toBe('patterns/too-many'); // default 4096
  });

  it('writes the counts of a refusal for reading, without the counting formula', () => {
    const message = errorOf(() => enumerateExactPatterns(gaussianMatrix(2000, 5, 1)))?.message;
    expect(message).toBe(
      'Enumerating all activation patterns is refused: 2,000 distinct data rows with at least 3 independent columns can have 4 million or more patterns, more than the limit of 4,096. ' +
        'Use the sampled formulation: it solves the program for a random sample of the patterns.',
    );
  });

  it('applies the limit to the general-position count', () => {
    const X = toyX();
    expect(enumerateExactPatterns(X, { limit: 58 }).count).toBe(58);
    const err = errorOf(() => enumerateExactPatterns(X, { limit: 57 }));
    expect(err?.code).toBe('patterns/too-many');
    expect(err?.message).toMatch(/58/);
    expect(errorOf(() => enumerateExactPatterns(X, { limit: 57, raisableTo: 100 }))?.message).toMatch(/; or raise the exact pattern limit to 58 if a program that large is wanted\.$/);
  });

  it('validates its options and input', () => {
    const X = toyX();
    expect(errorOf(() => enumerateExactPatterns(X, { limit: 0 }))?.code).toBe('settings/invalid');
    expect(errorOf(() => enumerateExactPatterns(X, { limit: 2.5 }))?.code).toBe('settings/invalid');
    expect(errorOf(() => enumerateExactPatterns(X, { method: 'sweep' }))?.code).toBe('settings/invalid');
    const bad = matrixFromRows([[1, Number.NaN]]);
    expect(errorOf(() => enumerateExactPatterns(bad))?.code).toBe('data/non-finite');
  });
});
