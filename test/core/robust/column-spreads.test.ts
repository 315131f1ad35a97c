import { describe, expect, it } from 'vitest';
import { matrixFromRows } from '../../../src-core/linalg/matrix';
import { spreadsInEpsilonUnits } from '../../../src-core/robust/column-spreads';

describe('column spreads in epsilon units', () => {
  it('divides each moving column\'s population standard deviation by its radius per unit epsilon', () => {
    // Column 0: values 1, 3 (sd 1); column 1: constant; column 2: -2, 2 (sd 2), immutable; column 3: 0, 4 (sd 2).
    const X = matrixFromRows([[1, 5, -2, 0], [3, 5, 2, 4]]);
    expect(spreadsInEpsilonUnits(X, [0.5, 1, 0, 2])).toEqual([2, 1]);
    expect(spreadsInEpsilonUnits(X, [0, 0, 0, 0])).toEqual([]);
  });
});
