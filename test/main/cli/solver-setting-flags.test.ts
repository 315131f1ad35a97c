import { describe, expect, it } from 'vitest';
import { checkSolverSettingFlags } from '../../../src-main/cli/solver-setting-flags';
import { classificationCsv, runInProcess, tempDir } from './cli-helpers';

describe('checkSolverSettingFlags', () => {
  it('names the flag, the solvers that take it and the flags this solver takes, not settings keys', () => {
    expect(() => checkSolverSettingFlags('ipm', { rho: 1 })).toThrow(
      '--rho is a setting of the admm, admm-rbcd and scp solvers, not of ipm; the ipm solver takes --max-iter, --tol and --time-limit-ms. Leave out --rho, or choose another --solver.',
    );
  });

  it('accepts the flags each solver takes, --max-iter as back-propagation\'s epochs among them', () => {
    expect(() => checkSolverSettingFlags('admm', { rho: 1, maxIterations: 5, tolerance: 1e-3, timeLimitMs: 10 })).not.toThrow();
    expect(() => checkSolverSettingFlags('backprop', { maxIterations: 5 })).not.toThrow();
    expect(() => checkSolverSettingFlags('ipm', { exactPatternLimit: 100 })).not.toThrow();
  });
});

describe('convexnet train with a setting flag the solver does not take', () => {
  it('exits 2 with the flags, before training', async () => {
    const tmp = tempDir();
    try {
      const data = tmp.file('data.csv', classificationCsv(['a', 'b'], 15));
      const run = await runInProcess(['train', data, '--target', 'label', '--solver', 'ipm', '--rho', '1', '--out', tmp.file('m.json')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^convexnet: --rho is a setting of .*; the ipm solver takes --max-iter, --tol and --time-limit-ms/);
      expect(run.calls).toHaveLength(0);
    } finally {
      tmp.remove();
    }
  });
});
