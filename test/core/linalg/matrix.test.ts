import { describe, expect, it } from 'vitest';
import { evenlySpacedIndices, matrixFromRows, selectRows } from '../../../src-core/linalg/matrix';

describe('evenly spaced rows', () => {
  it('picks floor(t n / limit) for t < limit, in order, and every index when there are no more than the limit', () => {
    expect(evenlySpacedIndices(10, 4)).toEqual([0, 2, 5, 7]);
    expect(evenlySpacedIndices(3, 5)).toEqual([0, 1, 2]);
    expect(evenlySpacedIndices(0, 5)).toEqual([]);
    const picked = evenlySpacedIndices(1_000_000, 20_000);
    expect(picked).toHaveLength(20_000);
    expect(picked.every((k, t) => t === 0 || k > picked[t - 1]!)).toBe(true);
    expect(picked[picked.length - 1]).toBeLessThan(1_000_000);
    expect(selectRows(matrixFromRows([[1, 2], [3, 4], [5, 6]]), [2, 0]).data).toEqual(Float64Array.from([5, 6, 1, 2]));
  });
});
