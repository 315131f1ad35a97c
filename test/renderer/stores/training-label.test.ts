import { describe, expect, it } from 'vitest';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { runLabel } from '../../../src-renderer/stores/training';

const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 32, beta: 0.03, bias: true, seed: 1 };

describe('runLabel', () => {
  it('names the dataset and solver, and the radius and norm of adversarial training', () => {
    expect(runLabel('Two moons', options)).toBe('Two moons · ADMM');
    expect(runLabel('Two moons', { ...options, adversarial: { epsilon: 0.05, norm: 'linf', units: 'raw' } })).toBe('Two moons · ADMM · adversarial, epsilon 0.05 (l-inf)');
    expect(runLabel('Iris', { ...options, adversarial: { epsilon: 0.1 * 3, norm: 'l2', units: 'standardized' } })).toBe('Iris · ADMM · adversarial, epsilon 0.3 (l2, standardized)');
    // epsilon 0 is standard training
    expect(runLabel('Two moons', { ...options, adversarial: { epsilon: 0, norm: 'linf', units: 'raw' } })).toBe('Two moons · ADMM');
    expect(runLabel('Two moons', { ...options, solverSettings: { patternSource: 'backprop' } })).toBe('Two moons · ADMM · patterns from back-propagation');
    expect(runLabel('Two moons', { ...options, solverSettings: { patternSource: 'random' } })).toBe('Two moons · ADMM');
  });
});
