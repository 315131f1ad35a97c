import { describe, expect, it } from 'vitest';
import { checkTrainOptions } from '../../../src-core/training/check-train-options';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { expectConvexNetError } from '../data/expect-error';

const base: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 32, beta: 1e-2, bias: true, seed: 1 };

describe('checkTrainOptions (no data needed)', () => {
  it('refuses combinations no solver takes, naming the fix', () => {
    expect(expectConvexNetError(() => checkTrainOptions({ ...base, task: 'regression', loss: 'hinge' }), 'settings/invalid')).toMatch(/Regression uses the squared loss/);
    expect(expectConvexNetError(() => checkTrainOptions({ ...base, solver: 'admm-rbcd', loss: 'hinge' }), 'settings/invalid')).toMatch(/use the ADMM solver for the hinge loss/);
    expect(expectConvexNetError(() => checkTrainOptions({ ...base, solver: 'scp', formulation: 'exact' }), 'settings/invalid')).toMatch(/exact formulation is solved by ADMM/);
    expect(expectConvexNetError(() => checkTrainOptions({ ...base, solver: 'ipm', adversarial: { epsilon: 0.1, norm: 'linf', units: 'raw' } }), 'settings/invalid')).toMatch(/does not do adversarial training/);
  });

  it("refuses an SCP method that cannot solve the loss's program, as the solver would", () => {
    expect(expectConvexNetError(() => checkTrainOptions({ ...base, solver: 'scp', loss: 'hinge', solverSettings: { method: 'fista' } }), 'settings/invalid')).toMatch(/"fista" needs a smooth loss/);
    expect(expectConvexNetError(() => checkTrainOptions({ ...base, solver: 'scp', loss: 'bce', solverSettings: { method: 'ipm' } }), 'settings/invalid')).toMatch(/hinge-loss program only/);
    expect(() => checkTrainOptions({ ...base, solver: 'scp', loss: 'hinge', solverSettings: { method: 'ipm' } })).not.toThrow();
    expect(() => checkTrainOptions({ ...base, solver: 'scp', loss: 'squared', solverSettings: { method: 'fista' } })).not.toThrow();
  });

  it('checks the solver settings too', () => {
    expect(expectConvexNetError(() => checkTrainOptions({ ...base, solverSettings: { maxIterations: 1e12 } }), 'settings/invalid')).toMatch(/^Iteration limit \(maxIterations\)/);
  });

  it('takes options that can run', () => {
    expect(() => checkTrainOptions(base)).not.toThrow();
    expect(() => checkTrainOptions({ ...base, solver: 'backprop', loss: 'bce', solverSettings: { epochs: 10 } })).not.toThrow();
  });
});
