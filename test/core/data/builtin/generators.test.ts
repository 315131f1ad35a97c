import { describe, expect, it } from 'vitest';
import { loadBuiltInDataset } from '../../../../src-core/data/builtin/registry';
import { blobsTable, circlesTable, spiralsTable, xorTable } from '../../../../src-core/data/builtin/synthetic-classification';
import { curve1d, curve1dTable, curve2d, curve2dTable } from '../../../../src-core/data/builtin/synthetic-regression';
import type { RawTable } from '../../../../src-core/data/raw-table';
import { expectConvexNetError } from '../expect-error';
import { rowTable, tableRows } from '../../../../src-core/data/raw-table';

const numbers = (table: RawTable, c: number): number[] => tableRows(table).map((r) => Number(r[c]));
const countBy = (table: RawTable): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const row of tableRows(table)) counts[row.at(-1)!] = (counts[row.at(-1)!] ?? 0) + 1;
  return counts;
};

describe('seeded generators', () => {
  it('are reproducible from the seed and differ between seeds', () => {
    for (const make of [circlesTable, xorTable, spiralsTable, blobsTable, curve1dTable, curve2dTable]) {
      expect(tableRows(make({ seed: 5, rows: 40 }))).toEqual(tableRows(make({ seed: 5, rows: 40 })));
      expect(tableRows(make({ seed: 5, rows: 40 }))).not.toEqual(tableRows(make({ seed: 6, rows: 40 })));
    }
  });

  it('circles: noiseless points lie on radius 1 (outer) or 1/2 (inner), half each', () => {
    const table = circlesTable({ rows: 100, noise: 0 });
    expect(countBy(table)).toEqual({ outer: 50, inner: 50 });
    for (const row of tableRows(table)) expect(Math.hypot(Number(row[0]), Number(row[1]))).toBeCloseTo(row[2] === 'outer' ? 1 : 0.5, 5);
  });

  it('xor: noiseless labels follow the sign of x1 * x2', () => {
    for (const row of tableRows(xorTable({ rows: 200, noise: 0 }))) expect(row[2]).toBe(Number(row[0]) * Number(row[1]) >= 0 ? 'same' : 'different');
  });

  it('spirals: two equal arms whose radius grows with the angle, inside the unit disc', () => {
    const table = spiralsTable({ rows: 300, noise: 0 });
    expect(countBy(table)).toEqual({ a: 150, b: 150 });
    const radii = tableRows(table).map((r) => Math.hypot(Number(r[0]), Number(r[1])));
    expect(Math.max(...radii)).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('blobs: k classes of (nearly) equal size around centres on the radius-3 circle', () => {
    const table = blobsTable({ rows: 301, noise: 0, classes: 4 });
    expect(countBy(table)).toEqual({ blob1: 76, blob2: 75, blob3: 75, blob4: 75 });
    for (const row of tableRows(table)) expect(Math.hypot(Number(row[0]), Number(row[1]))).toBeCloseTo(3, 5);
  });

  it('curves: noiseless targets equal the documented functions on the documented ranges', () => {
    const one = curve1dTable({ rows: 50, noise: 0 });
    tableRows(one).forEach((r) => expect(Number(r[1])).toBeCloseTo(curve1d(Number(r[0])), 5));
    expect(Math.max(...numbers(one, 0).map(Math.abs))).toBeLessThanOrEqual(3);
    const two = curve2dTable({ rows: 50, noise: 0 });
    tableRows(two).forEach((r) => expect(Number(r[2])).toBeCloseTo(curve2d(Number(r[0]), Number(r[1])), 5));
  });

  it('noise moves points by about its standard deviation', () => {
    const clean = curve1dTable({ rows: 2000, noise: 0, seed: 3 });
    const noisy = curve1dTable({ rows: 2000, noise: 0.5, seed: 3 });
    // Same seed: the x draws interleave with the noise draws, so compare residuals from the curve.
    const residuals = tableRows(noisy).map((r) => Number(r[1]) - curve1d(Number(r[0])));
    const std = Math.sqrt(residuals.reduce((s, v) => s + v * v, 0) / residuals.length);
    expect(std).toBeGreaterThan(0.45);
    expect(std).toBeLessThan(0.55);
    expect(tableRows(clean)).toHaveLength(2000);
  });

  it('refuses bad settings with a message naming the generator and the setting', () => {
    expect(expectConvexNetError(() => blobsTable({ classes: 1 }), 'data/invalid-generator')).toMatch(/Gaussian blobs: classes/);
    expect(expectConvexNetError(() => circlesTable({ rows: 2 }), 'data/invalid-generator')).toMatch(/Circles: rows/);
    expectConvexNetError(() => xorTable({ noise: -1 }), 'data/invalid-generator');
    expectConvexNetError(() => loadBuiltInDataset({ id: 'xor', classes: 3 }), 'data/builtin-options');
    expectConvexNetError(() => loadBuiltInDataset({ id: 'penguins', seed: 3 }), 'data/builtin-options');
  });

  it('loads blobs with a chosen number of classes through the registry', () => {
    const blobs = loadBuiltInDataset({ id: 'blobs', classes: 5, rows: 50, seed: 2 });
    expect(Object.keys(countBy(blobs.table))).toHaveLength(5);
    expect(blobs.name).toContain('5 classes');
  });
});

describe('Palmer penguins', () => {
  it('ships all 344 penguins with the published species, island and sex counts', () => {
    const { table, target } = loadBuiltInDataset({ id: 'penguins' });
    expect(target).toBe('species');
    expect(table.columns).toEqual(['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex']);
    expect(countBy(rowTable([table.columns[0]!], tableRows(table).map((r) => [r[0]!])))).toEqual({ Adelie: 152, Gentoo: 124, Chinstrap: 68 });
    expect(tableRows(table).filter((r) => r[6] === '')).toHaveLength(11);
    expect(tableRows(table).filter((r) => r[2] === '')).toHaveLength(2);
    expect(tableRows(table)[0]).toEqual(['Adelie', 'Torgersen', '39.1', '18.7', '181', '3750', 'male']);
  });
});
