import { describe, expect, it } from 'vitest';
import { appendOnesColumn } from '../../../../src-core/linalg/matrix';
import { getLoss, labelsForLoss } from '../../../../src-core/losses';
import { trainBackprop } from '../../../../src-core/solvers/backprop/train-backprop';
import { defaultContext } from '../../../../src-core/solvers/solver-types';
import { moons } from '../../fixtures/synthetic';

describe('trainBackprop warm start', () => {
  const data = moons(40, 0.1, 2);
  const loss = getLoss('squared');
  const problem = { X: appendOnesColumn(data.X), y: labelsForLoss(loss, data.y), loss, beta: 1e-2, hasBias: true, seed: 5 };
  const settings = { hiddenUnits: 8, epochs: 30, batchSize: 0, tolerance: 0 };
  const first = trainBackprop(problem, settings, defaultContext());
  // One epoch with a vanishing step: the objective is the one at the starting weights.
  const frozen = { ...settings, epochs: 1, learningRate: 1e-12 };

  it('starts the first restart from the given weights', () => {
    const warm = trainBackprop({ ...problem, warmStart: first.solution.network }, frozen, defaultContext());
    expect(warm.solution.objective).toBeCloseTo(first.solution.objective, 6);
    const cold = trainBackprop(problem, frozen, defaultContext());
    expect(cold.solution.objective).toBeGreaterThan(first.solution.objective);
  });

  it('refuses a warm start of another size or with non-finite weights', () => {
    expect(() => trainBackprop({ ...problem, warmStart: first.solution.network }, { ...settings, hiddenUnits: 4 }, defaultContext())).toThrow(/warm start has 8 neurons/);
    const broken = { ...first.solution.network, output: first.solution.network.output.map(() => Number.NaN) };
    expect(() => trainBackprop({ ...problem, warmStart: broken }, settings, defaultContext())).toThrow(/NaN/);
  });
});
