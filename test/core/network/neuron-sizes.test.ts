import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { neuronSizes } from '../../../src-core/network/neuron-sizes';

describe('neuronSizes', () => {
  it('is ||u_j|| |alpha_j| per neuron, zero for a pruned neuron', () => {
    const hidden = createMatrix(3, 2, Float64Array.from([3, 4, 1, 0, 0, 0]));
    const sizes = neuronSizes({ hidden, output: Float64Array.from([-2, 0.5, 7]), hasBias: false });
    expect(sizes).toEqual([10, 0.5, 0]);
  });

  it('equals the balanced weight decay over beta: with ||u|| = |alpha| it is (||u||^2 + alpha^2) / 2', () => {
    const u = [0.6, -0.8, 0]; // norm 1
    const scale = 1.7;
    const hidden = createMatrix(1, 3, Float64Array.from(u.map((x) => x * scale)));
    const [size] = neuronSizes({ hidden, output: Float64Array.from([-scale]), hasBias: true });
    expect(size).toBeCloseTo((scale * scale + scale * scale) / 2, 12);
  });
});
