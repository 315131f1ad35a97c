import { describe, expect, it } from 'vitest';
import { checkSolverSettings } from '../../../src-core/training/check-solver-settings';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { expectConvexNetError } from '../data/expect-error';

const base: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 32, beta: 1e-2, bias: true, seed: 1 };
const withSettings = (solver: TrainOptions['solver'], solverSettings: TrainOptions['solverSettings'], extra: Partial<TrainOptions> = {}): TrainOptions => ({ ...base, solver, solverSettings, ...extra });

describe('checkSolverSettings', () => {
  it('refuses a value outside the declared bounds of the solver that reads it, in the form\'s words', () => {
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { maxIterations: 1e12 })), 'settings/invalid')).toBe(
      'Iteration limit (maxIterations) must be a whole number at least 1 and at most 10,000,000 (iterations), got 1000000000000.',
    );
    // The interior-point solver's own limit is 1000 Newton steps, not ADMM's.
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('ipm', { maxIterations: 5000 })), 'settings/invalid')).toMatch(/at most 1000 \(Newton steps\), got 5000/);
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { rho: -1 })), 'settings/invalid')).toMatch(/^Penalty rho \(rho\) must be/);
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { linearSystem: 'magic' })), 'settings/invalid')).toMatch(/^Linear system method \(linearSystem\) must be one of/);
  });

  it('refuses a setting the solver does not have', () => {
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('ipm', { rho: 2 })), 'settings/unknown')).toMatch(/Unknown setting "rho"/);
  });

  it('checks the pipeline\'s settings by their own declarations', () => {
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { exactPatternLimit: 0 })), 'settings/invalid')).toMatch(/^Exact pattern limit \(exactPatternLimit\)/);
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { patternSource: 'magic' })), 'settings/invalid')).toMatch(/^Pattern source \(patternSource\)/);
  });

  it('checks the pattern count as back-propagation\'s hidden units and SCP\'s neurons, and the iteration limit as epochs', () => {
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('backprop', {}, { patterns: 5000 })), 'settings/invalid')).toMatch(/^Hidden neurons \(hiddenUnits\) must be a whole number at least 1 and at most 4096 \(neurons\), got 5000/);
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('backprop', { maxIterations: 2e6 })), 'settings/invalid')).toMatch(/\(epochs\) must be .* got 2000000/);
    expect(() => checkSolverSettings(withSettings('scp', {}, { patterns: 100_000 }))).not.toThrow();
  });

  it('takes what the solvers take: the defaults, and the settings every preset gives', () => {
    for (const solver of ['admm', 'admm-rbcd', 'ipm', 'scp', 'backprop'] as const) expect(() => checkSolverSettings(withSettings(solver, undefined))).not.toThrow();
    expect(() => checkSolverSettings(withSettings('ipm', { maxIterations: 50, tolerance: 1e-7, linearSystem: 'direct', patternSource: 'backprop', exactPatternLimit: 500 }))).not.toThrow();
  });

  it('under adversarial training, checks the robust program\'s settings and the solver\'s own, and ignores the rest as the run does', () => {
    const adversarial = { epsilon: 0.1, norm: 'linf', units: 'raw' } as const;
    // 'method' is the robust program's (interior point or PDHG), not ADMM's: the robust run takes it.
    expect(() => checkSolverSettings(withSettings('admm', { method: 'pdhg', rho: 2 }, { adversarial }))).not.toThrow();
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { method: 'magic' }, { adversarial })), 'settings/invalid')).toMatch(/^Method \(method\) must be one of auto, ipm, pdhg/);
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm-rbcd', { maxIterations: 1e12 }, { adversarial })), 'settings/invalid')).toMatch(/\(maxIterations\) must be/);
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { rho: -1 }, { adversarial })), 'settings/invalid')).toMatch(/\(rho\) must be/);
    // Without the adversary 'method' is no ADMM setting; an epsilon sweep (robust without options.adversarial) takes it.
    expect(expectConvexNetError(() => checkSolverSettings(withSettings('admm', { method: 'pdhg' })), 'settings/unknown')).toMatch(/Unknown setting "method"/);
    expect(() => checkSolverSettings(withSettings('admm', { method: 'pdhg' }), true)).not.toThrow();
  });
});
