import { describe, expect, it, vi } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import type * as BackpropPatternsModule from '../../../src-core/training/backprop-patterns';
import { Prng } from '../../../src-core/random/prng';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { PATTERN_SOURCE_KEY } from '../../../src-core/training/pattern-source';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';

// Networks whose every neuron ends inactive on every row give no pattern (seen in 6 of 240 random
// small runs: 2 and 4 neurons, beta 1e-3); this stands in for them.
vi.mock('../../../src-core/training/backprop-patterns', async (importOriginal) => {
  const real = await importOriginal<typeof BackpropPatternsModule>();
  return { ...real, backpropPatterns: () => ({ patterns: null, networks: [{ objective: 5, hiddenUnits: 2 }] }) };
});

describe('patterns from back-propagation when the networks give none', () => {
  it('draws random patterns instead, solves, and says why', () => {
    const prng = new Prng(4);
    const n = 60;
    const X = createMatrix(n, 1);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      X.data[k] = prng.nextGaussian();
      y[k] = Math.abs(X.data[k]!);
    }
    const options: TrainOptions = { task: 'regression', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 6, beta: 1e-3, bias: true, seed: 2, solverSettings: { [PATTERN_SOURCE_KEY]: 'backprop' } };
    const data = { X, y, task: 'regression' as const, featureNames: ['x'], classNames: [] };
    const outcome = trainModel(data, options, defaultContext());
    expect(outcome.status).toBe('solved');
    const count = outcome.heads[0]!.convex!.generators.rows;
    expect(count).toBeGreaterThan(0);
    expect(outcome.heads[0]!.info.notes).toContainEqual(
      `Patterns: ${count} random ones. Every neuron of the back-propagation network ended inactive on every training row (dead neurons, likelier when they are few), which gives no activation pattern; more patterns or another seed usually avoid it.`,
    );
  });
});
