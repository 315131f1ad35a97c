import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src-core/data/dataset';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { patternNetworkMs, patternPhaseShare } from '../../../src-core/training/pattern-network-estimate';
import type { TrainOptions } from '../../../src-core/training/train-types';

const n = 2000;
const data: Dataset = { X: createMatrix(n, 4), y: new Float64Array(n).map((_, k) => k % 2), task: 'binary', featureNames: ['a', 'b', 'c', 'd'], classNames: ['no', 'yes'] };
const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 32, beta: 0.2, bias: true, seed: 1, solverSettings: { patternSource: 'backprop', maxIterations: 100 } };

describe('the pattern networks in the estimate and the progress bar', () => {
  it('cost nothing without patterns from back-propagation', () => {
    expect(patternNetworkMs({ ...options, solverSettings: {} }, data, 1)).toBe(0);
    expect(patternNetworkMs({ ...options, formulation: 'exact' }, data, 1)).toBe(0);
    expect(patternNetworkMs({ ...options, solver: 'scp' }, data, 1)).toBe(0);
    expect(patternPhaseShare({ ...options, solverSettings: {} }, data)).toBe(0);
  });

  it('take a share of the bar that shrinks as the solve\'s iteration limit grows', () => {
    const share = patternPhaseShare(options, data);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
    const longAdmm = patternPhaseShare({ ...options, solver: 'admm', solverSettings: { patternSource: 'backprop', maxIterations: 10_000_000 } }, data);
    expect(longAdmm).toBeLessThan(0.01);
    // Time scales with the rate; the share does not.
    expect(patternNetworkMs(options, data, 2)).toBeCloseTo(patternNetworkMs(options, data, 1) / 2, 9);
  });
});
