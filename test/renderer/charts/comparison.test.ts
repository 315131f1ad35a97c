import { describe, expect, it } from 'vitest';
import type { HeadResult, RunResult } from '../../../src-core/contract/operations';
import type { ChartColors } from '../../../src-renderer/charts/chart-colors';
import { comparisonChartSpec, distinctLabels, type ComparedRun } from '../../../src-renderer/charts/comparison';
import { lineChartConfig } from '../../../src-renderer/charts/line-chart-config';
import { comparisonRows, patternSourceAdvice } from '../../../src-renderer/format/comparison-rows';
import { binaryDefaults, runResult } from '../support/fixtures';

const colors: ChartColors = { objective: '#111111', bound: '#222222', gap: '#c2410c', grid: '#333333', text: '#444444' };

function run(key: string, solver: RunResult['options']['solver'], finalObjective: number, testAccuracy: number, seed = 1): ComparedRun {
  const base = runResult();
  const head: HeadResult = {
    ...base.heads[0]!,
    objective: finalObjective,
    lowerBound: solver === 'backprop' ? null : finalObjective * 0.999,
    history: [
      { iteration: 1, elapsedMs: 1, objective: finalObjective * 3, ...(solver === 'backprop' ? {} : { lowerBound: 0 }) },
      { iteration: 50, elapsedMs: 20, objective: finalObjective, ...(solver === 'backprop' ? {} : { lowerBound: finalObjective * 0.999 }) },
    ],
  };
  const classification = { ...base.test!.classification!, accuracy: testAccuracy };
  return {
    key,
    label: `${solver} ${seed}`,
    result: { ...base, options: { ...binaryDefaults, solver, seed }, heads: [head], test: { task: 'binary', classification, regression: null } },
  };
}

describe('run comparison', () => {
  const convex = run('job:1', 'admm', 3.5, 0.97);
  const seeds = [4.1, 3.9, 5.0, 4.4, 3.8].map((objective, k) => run(`job:${k + 2}`, 'backprop', objective, 0.9 + k * 0.01, k + 1));

  it('draws the convex run with its certified bound and five back-propagation seeds as a min-max band with its median', () => {
    const spec = comparisonChartSpec([convex, ...seeds], 'iteration', colors);
    expect(spec.lines.map((l) => l.label)).toEqual([
      'admm 1',
      'admm 1: certified lower bound',
      'Back-propagation min',
      'Back-propagation, 5 runs (min-max band)',
      'Back-propagation median of 5',
    ]);
    const [, , low, high, median] = spec.lines;
    expect(low!.data.map((p) => p.y)).toEqual([3.8 * 3, 3.8]);
    expect(high!.data.map((p) => p.y)).toEqual([5.0 * 3, 5.0]);
    expect(median!.data[1]!.y).toBeCloseTo(4.1, 12);
    expect(high!.fillTo?.index).toBe(2);
    // In Chart.js terms: the band fills down to the min dataset, which stays out of the legend.
    const config = lineChartConfig(spec, colors);
    expect(config.data.datasets[3]!.fill).toBe(2);
    expect(config.options!.animation).toBe(false);
  });

  it('draws a single back-propagation run as an ordinary line', () => {
    const spec = comparisonChartSpec([convex, seeds[0]!], 'time', colors);
    expect(spec.lines.map((l) => l.label)).toEqual(['admm 1', 'admm 1: certified lower bound', 'backprop 1']);
    expect(spec.x.title).toBe('Time (s)');
    expect(spec.lines[2]!.data.map((p) => p.x)).toEqual([0.001, 0.02]);
  });

  it('lists metrics per run with the back-propagation spread', () => {
    const rows = comparisonRows([convex, ...seeds]);
    const accuracy = rows.find((r) => r.name === 'Test accuracy')!;
    expect(accuracy.cells).toEqual(['97.0%', '90.0%', '91.0%', '92.0%', '93.0%', '94.0%']);
    expect(accuracy.spread).toBe('90.0% / 92.0% / 94.0%');
    expect(rows.find((r) => r.name === 'Solver')!.spread).toBeNull();
    expect(rows.find((r) => r.name === 'Certified lower bound')!.cells[1]).toBe('–');
    expect(rows.some((r) => r.name === 'Test R²')).toBe(false);
    expect(rows.find((r) => r.name === 'Patterns')!.cells).toEqual(['Random', '–', '–', '–', '–', '–']);
  });

  it('suggests patterns from back-propagation when back-propagation beat a convex run with random ones on the same problem', () => {
    const behind = run('job:9', 'ipm', 5, 0.8);
    const advice = patternSourceAdvice([behind, ...seeds]);
    expect(advice).toMatch(/^Back-propagation reached a lower training objective than ipm 1, whose patterns are random: .* Pattern source "From a back-propagation network" \(Train, Advanced\)/);
    // Ahead of every back-propagation run, or already from back-propagation, or another beta: nothing to suggest.
    expect(patternSourceAdvice([convex, ...seeds])).toBeNull();
    const fromBackprop: ComparedRun = { ...behind, result: { ...behind.result, options: { ...behind.result.options, solverSettings: { patternSource: 'backprop' } } } };
    expect(patternSourceAdvice([fromBackprop, ...seeds])).toBeNull();
    expect(comparisonRows([fromBackprop, ...seeds]).find((r) => r.name === 'Patterns')!.cells[0]).toBe('From back-propagation');
    const otherBeta: ComparedRun = { ...behind, result: { ...behind.result, options: { ...behind.result.options, beta: behind.result.options.beta * 2 } } };
    expect(patternSourceAdvice([otherBeta, ...seeds])).toBeNull();
  });
});

describe('comparison labels and axis', () => {
  it('adds the seed, then the id, to labels several runs share', () => {
    expect(
      distinctLabels([
        { key: 'job:job-1', label: 'Moons', seed: 1 },
        { key: 'job:job-2', label: 'Moons', seed: 2 },
        { key: 'run:r9', label: 'Moons', seed: 2 },
        { key: 'job:job-4', label: 'Iris', seed: 2 },
      ]),
    ).toEqual(['Moons · seed 1', 'Moons · seed 2 · job-2', 'Moons · seed 2 · r9', 'Iris']);
  });

  it('uses a log axis for positive objectives, leaving off bound points at or below zero', () => {
    const spec = comparisonChartSpec([run('a', 'admm', 3, 0.9), run('b', 'scp', 4, 0.9)], 'iteration', colors);
    expect(spec.y.type).toBe('logarithmic');
    // Each history starts with a lower bound of 0: only the positive bound point is drawn.
    expect(spec.lines[1]!.data).toEqual([{ x: 50, y: 3 * 0.999 }]);
    const negative = run('c', 'admm', 3, 0.9);
    const head = { ...negative.result.heads[0]!, history: [{ iteration: 1, elapsedMs: 1, objective: -1 }] };
    expect(comparisonChartSpec([{ ...negative, result: { ...negative.result, heads: [head] } }], 'iteration', colors).y.type).toBe('linear');
  });
});
