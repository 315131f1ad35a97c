import { describe, expect, it } from 'vitest';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { warmChain } from '../../../src-core/training/warm-chain';
import { moons } from '../fixtures/synthetic';

describe('warmChain', () => {
  const data = moons(60, 0.15, 4);
  const options: TrainOptions = { task: 'binary', loss: 'squared', solver: 'ipm', formulation: 'sampled', patterns: 6, beta: 0.2, bias: true, seed: 3, solverSettings: { tolerance: 1e-6 } };
  const started = (notes: readonly string[]): boolean => notes.some((note) => note.startsWith('Started from the previous solution'));

  it('starts every point after the first from the previous point, when warm', () => {
    const next = warmChain(true);
    const first = next(data, options, defaultContext());
    const second = next(data, { ...options, beta: 0.1 }, defaultContext());
    expect(started(first.heads[0]!.info.notes)).toBe(false);
    expect(started(second.heads[0]!.info.notes)).toBe(true);
    // The points share the direct Newton system's Q (it depends on neither beta nor y).
    expect(first.heads[0]!.info.details!.join(' ')).toMatch(/Q formed in/);
    expect(second.heads[0]!.info.details!.join(' ')).toContain('Q from an earlier solve on the same data');
    // The same optimum as a cold solve, to the tolerance.
    const cold = trainModel(data, { ...options, beta: 0.1 }, defaultContext());
    expect(Math.abs(second.heads[0]!.info.objective - cold.heads[0]!.info.objective) / cold.heads[0]!.info.objective).toBeLessThan(2e-6);
  });

  it('solves every point cold otherwise: exactly what trainModel gives alone', () => {
    const next = warmChain(false);
    next(data, options, defaultContext());
    const second = next(data, { ...options, beta: 0.1 }, defaultContext());
    expect(started(second.heads[0]!.info.notes)).toBe(false);
    expect(second.heads[0]!.info.objective).toBe(trainModel(data, { ...options, beta: 0.1 }, defaultContext()).heads[0]!.info.objective);
  });

  it('draws the patterns (and the heads\' seeds after them) once for all points, bit for bit as each point alone', () => {
    for (const solver of ['admm', 'scp', 'backprop'] as const) {
      const settings = { ...options, solver, solverSettings: {} };
      const next = warmChain(false);
      next(data, settings, defaultContext());
      for (const beta of [0.1, 0.05]) {
        const point = next(data, { ...settings, beta }, defaultContext());
        const alone = trainModel(data, { ...settings, beta }, defaultContext());
        expect(Array.from(point.heads[0]!.network.hidden.data)).toEqual(Array.from(alone.heads[0]!.network.hidden.data));
        expect(point.heads[0]!.info.objective).toBe(alone.heads[0]!.info.objective);
      }
    }
  });
});
