import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { MatrixSnapshot, sameValues } from '../../../src-core/linalg/matrix-snapshot';

describe('MatrixSnapshot', () => {
  it('matches a matrix with the same shape and values, also after the original array changed', () => {
    const data = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const snapshot = new MatrixSnapshot(createMatrix(2, 3, data));
    expect(snapshot.matches(createMatrix(2, 3, Float64Array.from(data)))).toBe(true);
    data[4] = 7;
    expect(snapshot.matches(createMatrix(2, 3, data))).toBe(false);
    expect(snapshot.matches(createMatrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6])))).toBe(false);
  });

  it('compares as Object.is: -0 is not 0, NaN is NaN', () => {
    expect(sameValues([0, 1], [-0, 1])).toBe(false);
    expect(sameValues([Number.NaN], [Number.NaN])).toBe(true);
    expect(sameValues([1, 2], [1, 2, 3])).toBe(false);
  });
});
