import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import type { Loss } from '../../../../src-core/losses';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import { Prng } from '../../../../src-core/random/prng';
import { defaultContext } from '../../../../src-core/solvers/solver-types';
import type { ProgressEvent } from '../../../../src-core/solvers/solver-types';
import { sampleScpDirections } from '../../../../src-core/solvers/scp/scp-features';
import { resolveScpSettings, scpSettingSpecs } from '../../../../src-core/solvers/scp/scp-settings';
import { solveScp } from '../../../../src-core/solvers/scp/solve-scp';
import type { ScpProblem } from '../../../../src-core/solvers/scp/solve-scp';
import { synthetic, toyBeta, toyDirections, toyX, toyY01, toyYRegression, toyYSign } from './scp-fixtures';

const toy = (loss: Loss, y: Float64Array): ScpProblem => ({ X: toyX, y, loss, beta: toyBeta, hasBias: true, directions: toyDirections });

describe('SCP settings', () => {
  it('declares every setting once with label, help, group, bounds and the documented defaults', () => {
    expect(resolveScpSettings()).toEqual({ neurons: 256, maxIterations: 5000, tolerance: 1e-6, timeLimitMs: 0, checkEvery: 10, rho: 1, method: 'auto' });
    for (const spec of scpSettingSpecs) {
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.help.length).toBeGreaterThan(10);
      if (spec.kind === 'number' || spec.kind === 'integer') expect(spec.min).toBeLessThanOrEqual(spec.default);
    }
    expect(() => resolveScpSettings({ neurons: 0 })).toThrow(expect.objectContaining({ code: 'settings/invalid' }));
    expect(() => resolveScpSettings({ neurons: 100001 })).toThrow(/at most 100,000/);
    expect(() => resolveScpSettings({ rho: 0 })).toThrow(/greater than 0/);
    expect(() => resolveScpSettings({ step: 1 })).toThrow(expect.objectContaining({ code: 'settings/unknown' }));
  });
});

describe('solveScp behaviour', () => {
  it('is deterministic: the same seed gives bit-identical directions, iterates and history (real clock)', () => {
    const run = (): ReturnType<typeof solveScp> => {
      const data = synthetic(77, 60, 3, 40);
      return solveScp({ X: data.X, y: data.y01, loss: bceLoss, beta: 0.5, hasBias: true, directions: data.directions }, { checkEvery: 1 });
    };
    const strip = (r: ReturnType<typeof solveScp>): unknown[] => r.history.map(({ elapsedMs: _elapsed, ...rest }) => rest);
    const a = run();
    const b = run();
    expect(a.solution.alpha).toEqual(b.solution.alpha);
    expect(strip(a)).toEqual(strip(b));
    expect(a.history.length).toBeGreaterThan(2);
    expect(a.status).toBe('solved');
    const other = synthetic(78, 60, 3, 40);
    expect(other.directions.data).not.toEqual(synthetic(77, 60, 3, 40).directions.data);
  });

  it('returns cancelled with the last iterate when the cancel flag is set, and reports progress at every check', () => {
    let checks = 0;
    const events: ProgressEvent[] = [];
    const result = solveScp(
      toy(squaredLoss, toyYRegression),
      { checkEvery: 1, tolerance: 1e-15, method: 'admm' },
      defaultContext({ isCancelled: () => ++checks >= 3, onProgress: (e) => events.push(e) }),
    );
    expect(result.status).toBe('cancelled');
    expect(result.history.length).toBe(3);
    expect(events.map((e) => e.iteration)).toEqual([0, 1, 2]);
    expect(events[2]!.fraction).toBeCloseTo(2 / 5000, 12);
    expect(result.solution.alpha.every(Number.isFinite)).toBe(true);
    expect(result.info.iterations).toBe(2);
  });

  it('stops with max-iterations and time-limit as statuses, not errors', () => {
    const limited = solveScp(toy(squaredLoss, toyYRegression), { maxIterations: 1, tolerance: 1e-15 });
    expect(limited.status).toBe('max-iterations');
    expect(limited.info.iterations).toBe(1);
    expect(limited.info.relativeGap!).toBeGreaterThan(1e-15);
    let clock = 0;
    const timed = solveScp(toy(bceLoss, toyY01), { timeLimitMs: 5 }, defaultContext({ now: () => (clock += 1000) }));
    expect(timed.status).toBe('time-limit');
    expect(timed.history.length).toBe(1);
  });

  it('reports numerical failure when the iterate overflows', () => {
    const result = solveScp({ ...toy(squaredLoss, toyYRegression), warmStart: new Float64Array(6).fill(1e300) });
    expect(result.status).toBe('numerical-failure');
  });

  it('certifies a warm start at the optimum without iterating', () => {
    const first = solveScp(toy(squaredLoss, toyYRegression), { tolerance: 1e-12 });
    const again = solveScp({ ...toy(squaredLoss, toyYRegression), warmStart: first.solution.alpha }, { tolerance: 1e-10 });
    expect(again.status).toBe('solved');
    expect(again.info.iterations).toBe(0);
  });

  it('FISTA and ADMM agree and the certificates interleave on a random 80 x 60 problem (squared, bce)', () => {
    const data = synthetic(3, 80, 4, 60);
    for (const [loss, y] of [[squaredLoss, data.yReal], [bceLoss, data.y01]] as const) {
      const problem: ScpProblem = { X: data.X, y, loss, beta: 0.3, hasBias: true, directions: data.directions };
      const fista = solveScp(problem, { method: 'fista', tolerance: 1e-9, maxIterations: 20000 });
      const admm = solveScp(problem, { method: 'admm', tolerance: 1e-9, maxIterations: 20000 });
      expect([fista.status, admm.status]).toEqual(['solved', 'solved']);
      expect(Math.abs(fista.info.objective - admm.info.objective) / admm.info.objective).toBeLessThan(1e-8);
      expect(fista.info.lowerBound!).toBeLessThanOrEqual(admm.info.objective);
      expect(admm.info.lowerBound!).toBeLessThanOrEqual(fista.info.objective);
    }
  });

  it('picks the method from the loss and rejects impossible choices', () => {
    expect(solveScp(toy(squaredLoss, toyYRegression)).solution.method).toBe('fista');
    expect(solveScp(toy(hingeLoss, toyYSign)).solution.method).toBe('ipm');
    expect(() => solveScp(toy(hingeLoss, toyYSign), { method: 'fista' })).toThrow(expect.objectContaining({ code: 'settings/invalid' }));
    expect(() => solveScp(toy(squaredLoss, toyYRegression), { method: 'ipm' })).toThrow(expect.objectContaining({ code: 'settings/invalid' }));
    expect(() => solveScp(toy(squaredLoss, toyYRegression), { neurons: 7 })).toThrow(/neurons\) is 7 but the problem has 6 directions/);
    expect(solveScp(toy(squaredLoss, toyYRegression), { neurons: 6 }).status).toBe('solved');
  });
});

describe('solveScp validation', () => {
  const base = toy(squaredLoss, toyYRegression);
  const cases: [string, ScpProblem, string][] = [
    ['beta = 0', { ...base, beta: 0 }, 'solver/invalid-beta'],
    ['beta < 0', { ...base, beta: -1 }, 'solver/invalid-beta'],
    ['beta NaN', { ...base, beta: Number.NaN }, 'solver/invalid-beta'],
    ['N = 0', { ...base, directions: createMatrix(0, 3) }, 'solver/no-neurons'],
    ['NaN in X', { ...base, X: { ...toyX, data: Float64Array.from(toyX.data, (v, i) => (i === 4 ? Number.NaN : v)) } }, 'data/non-finite'],
    ['y length', { ...base, y: new Float64Array(7) }, 'data/shape-mismatch'],
    ['bce labels', toy(bceLoss, toyYRegression), 'data/invalid-labels'],
    ['hinge labels', toy(hingeLoss, toyY01), 'data/invalid-labels'],
    ['bias column', { ...base, X: { ...toyX, data: Float64Array.from(toyX.data, (v, i) => (i === 2 ? 0.5 : v)) } }, 'data/bias-column'],
    ['non-unit directions', { ...base, directions: { ...toyDirections, data: toyDirections.data.map((v) => 2 * v) } }, 'solver/invalid-directions'],
    ['direction dimension', { ...base, directions: sampleScpDirections(new Prng(1), 4, 2) }, 'data/shape-mismatch'],
    ['negative weight', { ...base, sampleWeights: Float64Array.from([1, 1, 1, -1, 1, 1, 1, 1]) }, 'data/invalid-weights'],
    ['warm start length', { ...base, warmStart: new Float64Array(5) }, 'solver/invalid-warm-start'],
  ];
  it.each(cases)('%s is a ConvexNetError before any iteration', (_name, problem, code) => {
    let progress = 0;
    expect(() => solveScp(problem, {}, defaultContext({ onProgress: () => progress++ }))).toThrow(
      expect.objectContaining({ name: 'ConvexNetError', code }),
    );
    expect(progress).toBe(0);
  });
});

describe('SCP certified gap', () => {
  it('is never negative: a bound above the exact objective is rounding, reported as its size', () => {
    // A constant column (20 x 3, bias, squared loss): the bound ended 2.7e-16 above the objective
    // and the gap read -2.7e-16 before it was made two-sided.
    const prng = new Prng(77);
    const G = Array.from({ length: 400 }, () => prng.nextGaussian());
    const n = 20;
    const X = createMatrix(n, 4, Float64Array.from({ length: n * 4 }, (_, e) => (e % 4 === 3 ? 1 : e % 4 === 1 ? 3 : G[Math.floor(e / 4) * 3 + (e % 4)]!)));
    const y = Float64Array.from({ length: n }, (_, k) => G[k]!);
    const gaps: number[] = [];
    for (const seed of [5, 6, 7, 8]) {
      const r = solveScp({ X, y, loss: squaredLoss, beta: 0.1, hasBias: true, directions: sampleScpDirections(new Prng(seed), 6, 4) }, { neurons: 6 }, defaultContext());
      expect(r.status).toBe('solved');
      gaps.push(r.info.relativeGap!, ...r.history.map((h) => h.relativeGap ?? 0));
    }
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(0);
  });
});
