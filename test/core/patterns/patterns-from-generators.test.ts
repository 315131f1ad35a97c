import { describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../src-core/errors';
import { createMatrix, matrixFromRows, matrixToRows, type Matrix } from '../../../src-core/linalg/matrix';
import { patternsFromGenerators } from '../../../src-core/patterns/patterns-from-generators';
import { gaussianMatrix, maskColumn, patternOf, TOY_TABLE, toyH, toyX } from './fixtures';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isConvexNetError(e) ? e.code : 'not-a-ConvexNetError';
  }
  return undefined;
}

describe('patternsFromGenerators', () => {
  it('reproduces the 5-column pattern table of spec 7.3 from h1..h6 (h6 duplicates h1)', () => {
    const set = patternsFromGenerators(toyX(), toyH());
    expect(set.n).toBe(8);
    expect(set.count).toBe(5);
    expect(set.source).toBe('sampled');
    const table = Array.from({ length: 8 }, (_, k) => Array.from(set.masks.subarray(k * 5, k * 5 + 5)));
    expect(table).toEqual(TOY_TABLE.map((row) => [...row]));
    // Keep-first: the kept generators are h1..h5 in order, h6 is the dropped duplicate.
    expect(matrixToRows(set.generators)).toEqual(matrixToRows(toyH()).slice(0, 5));
  });

  it('counts ties as active (h4 is orthogonal to x2 in the toy data)', () => {
    const X = toyX();
    const h4 = [1, 1, -0.5];
    expect(X.data[3] * h4[0]! + X.data[4] * h4[1]! + X.data[5] * h4[2]!).toBe(0);
    const set = patternsFromGenerators(X, matrixFromRows([h4]));
    expect(set.masks[1 * set.count + 0]).toBe(1);
  });

  it('keeps the first generator of each pattern and preserves first-appearance order', () => {
    const X = toyX();
    const H = toyH();
    // Reversed order: h6 now comes first and h1 is the duplicate that gets dropped.
    const reversed = matrixFromRows(matrixToRows(H).reverse());
    const set = patternsFromGenerators(X, reversed);
    expect(set.count).toBe(5);
    expect(matrixToRows(set.generators)).toEqual(matrixToRows(reversed).slice(0, 5));
  });

  it('drops the all-zero pattern by default and keeps it on request', () => {
    const X = toyX();
    const H = matrixFromRows([...matrixToRows(toyH()), [0, 0, -1]]); // X h = -1 < 0 on every row
    const dropped = patternsFromGenerators(X, H);
    expect(dropped.count).toBe(5);
    const kept = patternsFromGenerators(X, H, { dropEmpty: false, source: 'exact' });
    expect(kept.count).toBe(6);
    expect(kept.source).toBe('exact');
    expect(maskColumn(kept, 5)).toBe('00000000');
    expect(Array.from(kept.generators.data.subarray(15, 18))).toEqual([0, 0, -1]);
    const onlyEmpty = patternsFromGenerators(X, matrixFromRows([[0, 0, -1]]));
    expect(onlyEmpty.count).toBe(0);
    expect(onlyEmpty.masks.length).toBe(0);
    expect(onlyEmpty.generators.rows).toBe(0);
  });

  it('agrees with a naive quadratic de-duplication on many random generators', () => {
    const X = gaussianMatrix(9, 3, 11);
    const H = gaussianMatrix(5000, 3, 12);
    const set = patternsFromGenerators(X, H, { dropEmpty: false });
    const firstIndex: string[] = [];
    const firstRows: number[][] = [];
    const rows = matrixToRows(H);
    for (const h of rows) {
      const key = patternOf(X, h);
      if (!firstIndex.includes(key)) {
        firstIndex.push(key);
        firstRows.push(h);
      }
    }
    expect(set.count).toBe(firstIndex.length);
    expect(Array.from({ length: set.count }, (_, i) => maskColumn(set, i))).toEqual(firstIndex);
    expect(matrixToRows(set.generators)).toEqual(firstRows);
  });

  it('handles an empty generator list', () => {
    const set = patternsFromGenerators(toyX(), createMatrix(0, 3));
    expect(set.count).toBe(0);
    expect(set.generators.cols).toBe(3);
  });

  it('rejects generators of the wrong dimension and non-finite input', () => {
    const X = toyX();
    expect(codeOf(() => patternsFromGenerators(X, matrixFromRows([[1, 0]])))).toBe('data/shape-mismatch');
    expect(() => patternsFromGenerators(X, matrixFromRows([[1, 0]]))).toThrow(/bias/);
    expect(codeOf(() => patternsFromGenerators(X, matrixFromRows([[1, Number.NaN, 0]])))).toBe('data/non-finite');
    const bad: Matrix = matrixFromRows([[1, 2, 1], [Number.POSITIVE_INFINITY, 0, 1]]);
    expect(codeOf(() => patternsFromGenerators(bad, toyH()))).toBe('data/non-finite');
  });
});
