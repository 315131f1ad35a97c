import { describe, expect, it } from 'vitest';
import { irisTable } from '../../../src-core/data/builtin/iris';
import { listBuiltInDatasets, loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import { readTarget } from '../../../src-core/data/target-column';
import { isConvexNetError } from '../../../src-core/errors';
import { tableRows } from '../../../src-core/data/raw-table';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isConvexNetError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a ConvexNetError');
}

describe('built-in iris', () => {
  const table = irisTable();

  it('has the 150 published rows, 50 per species', () => {
    expect(table.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(tableRows(table)).toHaveLength(150);
    const target = readTarget(table, 'species', 'multiclass');
    expect(target.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([0, 1, 2].map((c) => target.y.filter((y) => y === c).length)).toEqual([50, 50, 50]);
  });

  it('matches Fisher\'s published values, including the two UCI errata', () => {
    expect(tableRows(table)[0]).toEqual(['5.1', '3.5', '1.4', '0.2', 'setosa']);
    expect(tableRows(table)[34]).toEqual(['4.9', '3.1', '1.5', '0.2', 'setosa']);
    expect(tableRows(table)[37]).toEqual(['4.9', '3.6', '1.4', '0.1', 'setosa']);
    expect(tableRows(table)[50]).toEqual(['7.0', '3.2', '4.7', '1.4', 'versicolor']);
    expect(tableRows(table)[149]).toEqual(['5.9', '3.0', '5.1', '1.8', 'virginica']);
    // Column means of the classic data set (cm).
    const means = [0, 1, 2, 3].map((c) => tableRows(table).reduce((s, r) => s + Number(r[c]), 0) / 150);
    expect(means.map((m) => m.toFixed(3))).toEqual(['5.843', '3.057', '3.758', '1.199']);
  });
});

describe('two moons generator', () => {
  it('is reproducible from its seed and balanced between the two classes', () => {
    const a = twoMoonsTable({ seed: 5, rows: 101, noise: 0.2 });
    expect(tableRows(twoMoonsTable({ seed: 5, rows: 101, noise: 0.2 }))).toEqual(tableRows(a));
    expect(tableRows(twoMoonsTable({ seed: 6, rows: 101, noise: 0.2 }))).not.toEqual(tableRows(a));
    expect(a.columns).toEqual(['x1', 'x2', 'moon']);
    expect(tableRows(a)).toHaveLength(101);
    expect(tableRows(a).filter((r) => r[2] === 'upper')).toHaveLength(50);
    expect(tableRows(a).filter((r) => r[2] === 'lower')).toHaveLength(51);
  });

  it('puts noiseless points exactly on the two half-circles', () => {
    for (const row of tableRows(twoMoonsTable({ seed: 1, rows: 40, noise: 0 }))) {
      const [x, y] = [Number(row[0]), Number(row[1])];
      const [cx, cy] = row[2] === 'upper' ? [0, 0] : [1, 0.5];
      expect(Math.hypot(x - cx, y - cy)).toBeCloseTo(1, 5);
      expect(row[2] === 'upper' ? y >= -1e-6 : y <= 0.5 + 1e-6).toBe(true);
    }
  });

  it('moves points by about `noise` on average', () => {
    const rows = tableRows(twoMoonsTable({ seed: 3, rows: 4000, noise: 0.3 }));
    const clean = tableRows(twoMoonsTable({ seed: 3, rows: 4000, noise: 0 }));
    // Same shuffle (the noise draws come before it), so row k is the same point with and without noise.
    let sq = 0;
    rows.forEach((r, k) => (sq += (Number(r[0]) - Number(clean[k]![0])) ** 2 + (Number(r[1]) - Number(clean[k]![1])) ** 2));
    expect(Math.sqrt(sq / (2 * rows.length))).toBeCloseTo(0.3, 1);
  });

  it('refuses bad options with readable errors', () => {
    expect(codeOf(() => twoMoonsTable({ rows: 3 }))).toBe('data/invalid-generator');
    expect(codeOf(() => twoMoonsTable({ noise: -1 }))).toBe('data/invalid-generator');
    expect(codeOf(() => twoMoonsTable({ seed: 1.5 }))).toBe('data/invalid-generator');
  });
});

describe('built-in registry', () => {
  it('lists the real datasets and the generators with attribution', () => {
    const list = listBuiltInDatasets();
    expect(list.map((d) => [d.id, d.kind, d.task, d.rows, d.features])).toEqual([
      ['iris', 'real', 'multiclass', 150, 4],
      ['two-moons', 'generator', 'binary', 200, 2],
      ['penguins', 'real', 'multiclass', 344, 6],
      ['circles', 'generator', 'binary', 200, 2],
      ['xor', 'generator', 'binary', 200, 2],
      ['spirals', 'generator', 'binary', 300, 2],
      ['blobs', 'generator', 'multiclass', 300, 2],
      ['curve-1d', 'generator', 'regression', 200, 1],
      ['curve-2d', 'generator', 'regression', 400, 2],
    ]);
    expect(list[0]!.attribution).toMatch(/Fisher.*1936.*UCI.*CC BY 4\.0/);
    expect(list[2]!.attribution).toMatch(/Gorman.*2014.*CC0/);
  });

  it('describes every listed dataset truthfully: the loaded table has the listed rows, features and task', () => {
    for (const info of listBuiltInDatasets()) {
      const loaded = loadBuiltInDataset({ id: info.id });
      expect(tableRows(loaded.table), info.id).toHaveLength(info.rows);
      expect(loaded.table.columns.length - 1, info.id).toBe(info.features);
      expect(loaded.task, info.id).toBe(info.task);
    }
  });

  it('loads a table with its target and task', () => {
    const iris = loadBuiltInDataset({ id: 'iris' });
    expect(iris).toMatchObject({ id: 'iris', target: 'species', task: 'multiclass' });
    const moons = loadBuiltInDataset({ id: 'two-moons', rows: 30, seed: 2, noise: 0.05 });
    expect(moons).toMatchObject({ target: 'moon', task: 'binary' });
    expect(moons.table.columns).toEqual(twoMoonsTable({ rows: 30, seed: 2, noise: 0.05 }).columns);
    expect(tableRows(moons.table)).toEqual(tableRows(twoMoonsTable({ rows: 30, seed: 2, noise: 0.05 })));
    expect(moons.name).toContain('30 rows');
  });

  it('refuses unknown ids and generator options for shipped data', () => {
    expect(codeOf(() => loadBuiltInDataset({ id: 'mnist' }))).toBe('data/unknown-builtin');
    expect(codeOf(() => loadBuiltInDataset({ id: 'iris', seed: 3 }))).toBe('data/builtin-options');
  });
});
