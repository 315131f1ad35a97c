import { describe, expect, it } from 'vitest';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { defaultEpsilonGrid } from '../../../src-core/training/epsilon-path';
import { resolveEpsilonSweep } from '../../../src-core/training/epsilon-sweep-threats';
import { prepared } from '../robust/robust-fixtures';

describe('resolveEpsilonSweep', () => {
  const data = prepared(irisTable(), 'species');
  const pipeline = data.fitted.pipeline;
  const train = data.fitted.dataset;

  it('adds epsilon 0, sorts, drops duplicates and resolves raw radii per column (radius / scale)', () => {
    const base = { epsilon: 0.7, norm: 'linf' as const, units: 'raw' as const, immutable: ['petal_width'], columnRadii: { sepal_length: 0.01 } };
    const threats = resolveEpsilonSweep({ epsilons: [0.4, 0.1, 0.4], norm: 'l2' }, base, pipeline, train);
    expect(threats.map((t) => t.epsilon)).toEqual([0, 0.1, 0.4]);
    for (const threat of threats) {
      expect(threat.norm).toBe('l2');
      expect(threat.columnRadii).toBeUndefined();
      pipeline.steps.forEach((step, t) => {
        if (step.kind !== 'numeric') return;
        // Immutable columns stay fixed; every other column moves by epsilon in its raw units.
        expect(threat.featureRadii![t]).toBeCloseTo(step.column === 'petal_width' ? 0 : threat.epsilon / step.scale, 14);
      });
    }
  });

  it('scales a default grid to the data, and refuses a grid with no positive radius', () => {
    const threats = resolveEpsilonSweep({ norm: 'linf', units: 'standardized' }, undefined, pipeline, train);
    const perUnit = pipeline.steps.map(() => 1);
    expect(threats.map((t) => t.epsilon)).toEqual(defaultEpsilonGrid(train, perUnit));
    expect(threats[0]!.epsilon).toBe(0);
    expect(() => resolveEpsilonSweep({ epsilons: [0], norm: 'linf' }, undefined, pipeline, train)).toThrow(/positive radii/);
  });

  it('gives a grid scaled to the data the number of radii asked for, over the same range', () => {
    const perUnit = pipeline.steps.map(() => 1);
    const threats = resolveEpsilonSweep({ norm: 'linf', units: 'standardized', count: 3 }, undefined, pipeline, train);
    const epsilons = threats.map((t) => t.epsilon);
    const defaults = defaultEpsilonGrid(train, perUnit);
    expect(epsilons).toHaveLength(4);
    expect(epsilons[0]).toBe(0);
    expect(epsilons[1]).toBeCloseTo(defaults[1]!, 12);
    expect(epsilons[3]).toBeCloseTo(defaults.at(-1)!, 12);
  });
});
