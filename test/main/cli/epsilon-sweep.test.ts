import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltInDataset } from '../../../src-core/data/builtin/registry';
import { classificationCsv, runInProcess, tempDir } from './cli-helpers';

/** `convexnet sweep --epsilon-grid` in-process (the real robust solver; small data, loose tolerance for speed). */
const temp = tempDir();
const data = temp.file('data.csv', classificationCsv(['a', 'b'], 30));
afterAll(() => temp.remove());
const fast = ['--solver', 'admm', '--loss', 'squared', '--patterns', '6', '--seed', '3', '--tol', '1e-2', '--max-iter', '800'];

describe('convexnet sweep --epsilon-grid', () => {
  it('trains epsilon 0 plus the grid, attacks each point and writes the report', async () => {
    const report = temp.file('eps.json');
    const run = await runInProcess(['sweep', data, '--target', 'label', '--epsilon-grid', '0.05:0.2:2', '--norm', 'l2', ...fast, '--report', report]);
    expect(run.stderr).not.toMatch(/^convexnet:/m);
    expect(run.code).toBe(0);
    // The table, its legend and the choice on stdout; progress on stderr.
    expect(run.stdout.match(/^\d\.\d{3}e[-+]\d/gm)).toHaveLength(3);
    expect(run.stdout).toContain('<- chosen');
    expect(run.stdout).toMatch(/^PGD: .* Chosen: /m);
    expect(run.stderr).not.toContain('<- chosen');
    expect(run.stdout).not.toMatch(/Sweeping|Report written/);
    // 60 rows and 6 patterns: the interior-point method solves each robust radius from scratch.
    expect(run.stdout).toContain('Each robust radius was solved from scratch by the interior-point method');
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.format).toBe('convexnet-epsilon-sweep-report');
    expect(json.norm).toBe('l2');
    expect(json.warmStart).toBe(false);
    expect(json.points.map((p: { epsilon: number }) => p.epsilon)).toEqual([0, 0.05, 0.2]);
    expect(json.points[0].pgdScore).toBe(json.points[0].testScore);
    for (const p of json.points) expect(p.pgdScore).toBeLessThanOrEqual(p.testScore);
    expect(json.points.map((p: { epsilon: number }) => p.epsilon)).toContain(json.chosenEpsilon);
  });

  it('says why the robust models score below the standard one under the same attack (two moons, the default grid)', async () => {
    const moons = loadBuiltInDataset({ id: 'two-moons' }).table;
    const lines = [moons.columns.join(','), ...Array.from({ length: moons.rowCount }, (_, r) => moons.columns.map((_, c) => moons.cell(r, c)).join(','))];
    const csv = temp.file('moons.csv', `${lines.join('\n')}\n`);
    const report = temp.file('moons-eps.json');
    const run = await runInProcess(['sweep', csv, '--target', 'moon', '--epsilon-grid', 'auto', '--solver', 'admm', '--report', report]);
    expect(run.code).toBe(0);
    const points = JSON.parse(readFileSync(report, 'utf8')).points as { epsilon: number; pgdScore: number; standardPgdScore: number }[];
    const below = points.filter((p) => p.epsilon > 0 && p.pgdScore < p.standardPgdScore);
    expect(below.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`radii the adversarially trained model scores below the standard model under the same attack (epsilon ${Number(below[0]!.epsilon.toPrecision(3))}: `);
    expect(run.stdout).toContain('every neuron stays on or off within epsilon of every training row');
    expect(run.stdout).toContain('More patterns (--patterns)');
  });

  it('explains a malformed grid and refuses mixing it with a beta grid or --epsilon', async () => {
    const bad = await runInProcess(['sweep', data, '--target', 'label', '--epsilon-grid', '0:1:4']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/always included/);
    const mixed = await runInProcess(['sweep', data, '--target', 'label', '--epsilon-grid', 'auto', '--beta-grid', '1e-3:1:3']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/no --beta-grid or --cv/);
    const single = await runInProcess(['sweep', data, '--target', 'label', '--epsilon-grid', 'auto', '--epsilon', '0.1']);
    expect(single.code).toBe(2);
    const help = await runInProcess(['sweep', '--help']);
    expect(help.stdout).toContain('--epsilon-grid');
  });
});
