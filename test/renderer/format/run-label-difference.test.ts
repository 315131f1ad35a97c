import { describe, expect, it } from 'vitest';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { runLabelDifference } from '../../../src-renderer/format/run-label-difference';

const options: TrainOptions = { task: 'binary', loss: 'bce', solver: 'admm', formulation: 'sampled', patterns: 32, beta: 0.03, bias: true, seed: 1 };

describe('runLabelDifference', () => {
  it('names each setting that differs, in label words', () => {
    expect(runLabelDifference(options, { ...options, beta: 0.012345, seed: 3 })).toBe('beta 0.0123, seed 3');
    expect(runLabelDifference(options, { ...options, patterns: 64, formulation: 'exact', loss: 'hinge', bias: false })).toBe('64 patterns, exact (all patterns), hinge, no bias');
    expect(runLabelDifference(options, { ...options, classWeights: 'balanced' })).toBe('balanced class weights');
    expect(runLabelDifference({ ...options, solverSettings: { tolerance: 1e-4 } }, { ...options, solverSettings: { tolerance: 1e-6, maxIterations: 500 } })).toBe('maxIterations 500, tolerance 0.000001');
  });

  it('says nothing when the settings are the same, and counts hidden units for back-propagation', () => {
    expect(runLabelDifference(options, { ...options })).toBe('');
    expect(runLabelDifference({ ...options, solver: 'backprop' }, { ...options, solver: 'backprop', patterns: 16 })).toBe('16 hidden units');
  });
});
