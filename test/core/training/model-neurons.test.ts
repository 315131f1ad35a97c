import { describe, expect, it } from 'vitest';
import { modelNeuronCount } from '../../../src-core/training/model-neurons';

describe('modelNeuronCount', () => {
  it('adds the neurons of every head (one per class for one-vs-rest)', () => {
    expect(modelNeuronCount([{ neuronCount: 12 }])).toBe(12);
    expect(modelNeuronCount([{ neuronCount: 5 }, { neuronCount: 0 }, { neuronCount: 9 }])).toBe(14);
    expect(modelNeuronCount([])).toBe(0);
  });
});
