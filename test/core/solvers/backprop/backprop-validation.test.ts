import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../../src-core/errors';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import { defaultSettings, type SettingSpec } from '../../../../src-core/settings/setting-spec';
import type { BackpropProblem } from '../../../../src-core/solvers/backprop/backprop-problem';
import { backpropSettingSpecs, type BackpropSettings } from '../../../../src-core/solvers/backprop/backprop-settings';
import { trainBackprop } from '../../../../src-core/solvers/backprop/train-backprop';
import { defaultContext } from '../../../../src-core/solvers/solver-types';
import { toyProblem, toyX, toyY01, toyYRegression } from './toy-problem';

/** The ConvexNetError code thrown by `run`, or a failure if it returns or throws something else. */
function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ConvexNetError) return e.code;
    throw e;
  }
  throw new Error('expected a ConvexNetError, but the call returned');
}

let progressEvents = 0;

function train(problem: BackpropProblem, settings: Partial<BackpropSettings> = {}): unknown {
  return trainBackprop(problem, { epochs: 2, ...settings }, defaultContext({ onProgress: () => progressEvents++ }));
}

describe('trainBackprop input validation (before the first epoch)', () => {
  const good = toyProblem(squaredLoss, toyYRegression);

  it('accepts the good problem (so the rejections below are about the one thing changed)', () => {
    expect(() => train(good)).not.toThrow();
  });

  it('rejects NaN / infinite data before the first epoch', () => {
    progressEvents = 0;
    const X = createMatrix(toyX.rows, toyX.cols, Float64Array.from(toyX.data));
    X.data[4] = Number.NaN;
    expect(errorCode(() => train({ ...good, X }))).toBe('data/not-finite');
    const y = Float64Array.from(toyYRegression);
    y[2] = Number.POSITIVE_INFINITY;
    expect(errorCode(() => train({ ...good, y }))).toBe('data/not-finite');
    expect(progressEvents).toBe(0);
  });

  it('rejects shape mismatches', () => {
    expect(errorCode(() => train({ ...good, y: toyYRegression.slice(0, 7) }))).toBe('data/shape-mismatch');
    expect(errorCode(() => train({ ...good, X: { rows: 8, cols: 3, data: new Float64Array(23) } }))).toBe('data/shape-mismatch');
    expect(errorCode(() => train({ ...good, sampleWeights: new Float64Array(9).fill(1) }))).toBe('data/shape-mismatch');
    expect(errorCode(() => train({ ...good, X: createMatrix(0, 3), y: new Float64Array(0) }))).toBe('data/empty');
  });

  it('rejects beta <= 0 (and non-finite beta)', () => {
    for (const beta of [0, -0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(errorCode(() => train({ ...good, beta }))).toBe('settings/invalid');
    }
    expect(() => train({ ...good, beta: 0 })).toThrow(/beta/);
  });

  it('rejects labels outside the loss convention, a missing bias column, bad weights and bad seeds', () => {
    expect(errorCode(() => train(toyProblem(bceLoss, toyYRegression)))).toBe('data/labels');
    expect(errorCode(() => train(toyProblem(hingeLoss, toyY01)))).toBe('data/labels');
    expect(errorCode(() => train({ ...good, X: createMatrix(8, 3, toyX.data.map((v, i) => (i === 5 ? 0.5 : v))) }))).toBe('data/bias-column');
    expect(() => train({ ...good, X: createMatrix(8, 3, toyX.data.map((v, i) => (i === 5 ? 0.5 : v))), hasBias: false })).not.toThrow();
    const weights = new Float64Array(8).fill(1);
    weights[3] = -1;
    expect(errorCode(() => train({ ...good, sampleWeights: weights }))).toBe('data/sample-weights');
    expect(errorCode(() => train({ ...good, seed: -1 }))).toBe('settings/invalid');
    expect(errorCode(() => train({ ...good, seed: 1.5 }))).toBe('settings/invalid');
  });

  it('rejects unknown and out-of-range settings with settings/* codes', () => {
    expect(errorCode(() => train(good, { rho: 1 } as Partial<BackpropSettings>))).toBe('settings/unknown');
    expect(errorCode(() => train(good, { hiddenUnits: 0 }))).toBe('settings/invalid');
    expect(errorCode(() => train(good, { hiddenUnits: 4097 }))).toBe('settings/invalid');
    expect(errorCode(() => train(good, { restarts: 101 }))).toBe('settings/invalid');
    expect(errorCode(() => train(good, { learningRate: 0 }))).toBe('settings/invalid');
    expect(errorCode(() => train(good, { optimizer: 'rmsprop' as 'adam' }))).toBe('settings/invalid');
    expect(errorCode(() => train(good, { batchSize: -1 }))).toBe('settings/invalid');
  });
});

describe('backpropSettingSpecs', () => {
  it('has the documented keys and defaults', () => {
    expect(defaultSettings<BackpropSettings>(backpropSettingSpecs)).toEqual({
      optimizer: 'adam',
      hiddenUnits: 32,
      epochs: 300,
      batchSize: 64,
      learningRate: 1e-2,
      momentum: 0.9,
      restarts: 1,
      timeLimitMs: 0,
      tolerance: 1e-6,
    });
  });

  it('gives every setting a label, a one-line help, a group, and numbers a unit and bounds containing the default', () => {
    for (const spec of backpropSettingSpecs as SettingSpec[]) {
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.help.length).toBeGreaterThan(20);
      expect(spec.help).not.toMatch(/\n/);
      expect(['basic', 'advanced']).toContain(spec.group);
      if (spec.kind === 'number' || spec.kind === 'integer') {
        expect(typeof spec.unit).toBe('string');
        expect(spec.default).toBeGreaterThanOrEqual(spec.min);
        expect(spec.default).toBeLessThanOrEqual(spec.max);
      }
    }
    const hidden = backpropSettingSpecs.find((s) => s.key === 'hiddenUnits');
    expect(hidden).toMatchObject({ min: 1, max: 4096 });
    expect(backpropSettingSpecs.find((s) => s.key === 'restarts')).toMatchObject({ min: 1, max: 100 });
  });

  it('treats batch size 0 and batch size >= n as full batch (identical runs)', () => {
    const run = (batchSize: number): number[] =>
      trainBackprop(toyProblem(squaredLoss, toyYRegression), { batchSize, epochs: 20 }, defaultContext()).history.map((p) => p.objective);
    const full = run(0);
    expect(run(8)).toEqual(full);
    expect(run(1000)).toEqual(full);
    expect(run(4)).not.toEqual(full);
  });
});
