import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { classificationCsv, runInProcess, tempDir } from './cli-helpers';

/** `convexnet sweep` and `convexnet cv` in-process (the real solvers; small data, SCP for speed). */
const temp = tempDir();
const data = temp.file('data.csv', classificationCsv(['a', 'b'], 30));
afterAll(() => temp.remove());
const fast = ['--solver', 'scp', '--loss', 'squared', '--patterns', '24', '--seed', '3'];

describe('convexnet sweep', () => {
  it('solves every beta of the grid, marks the chosen one and writes the report', async () => {
    const report = temp.file('sweep.json');
    const run = await runInProcess(['sweep', data, '--target', 'label', '--beta-grid', '1e-3:1:4', ...fast, '--report', report]);
    expect(run.stderr).not.toMatch(/^convexnet:/m);
    expect(run.code).toBe(0);
    // The table and the choice on stdout (they were on stderr, unlike attack's); progress on stderr.
    expect(run.stdout.match(/^\d\.\d{3}e[-+]\d/gm)).toHaveLength(4);
    expect(run.stdout).toContain('<- chosen');
    expect(run.stdout).toMatch(/^Chosen: beta = /m);
    expect(run.stderr).toMatch(/^Sweeping 4 values of beta/m);
    expect(run.stderr).not.toContain('<- chosen');
    expect(run.stdout).not.toMatch(/Sweeping|Report written/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.format).toBe('convexnet-sweep-report');
    expect(json.points).toHaveLength(4);
    expect(json.points.map((p: { beta: number }) => p.beta)[3]).toBe(1);
    // The app's words (selectPathPoint): the same point and the same reason as a sweep there.
    expect(json.chosenBy).toMatch(/^beta = \S+ has the best test score/);
    // The app's rule: the best test score, a tie going to the larger beta (the simpler model).
    const scores: number[] = json.points.map((p: { testScore: number }) => p.testScore);
    const best = Math.max(...scores);
    expect(json.chosenBeta).toBe(json.points[scores.lastIndexOf(best)].beta);
  });

  it('picks beta by cross-validation, reproducibly with the same seed', async () => {
    const first = temp.file('cv1.json');
    const second = temp.file('cv2.json');
    for (const out of [first, second]) {
      const run = await runInProcess(['sweep', data, '--target', 'label', '--beta-grid', '1e-3:1:3', '--cv', '3', ...fast, '--report', out]);
      expect(run.code).toBe(0);
    }
    const [a, b] = [first, second].map((f) => JSON.parse(readFileSync(f, 'utf8')));
    expect(a.chosenBy).toMatch(/3-fold cross-validated/);
    expect(b.chosenBeta).toBe(a.chosenBeta);
    expect(a.points[0].cv.metrics[0].values).toHaveLength(3);
  });

  it('explains a malformed grid and refuses --out', async () => {
    const bad = await runInProcess(['sweep', data, '--target', 'label', '--beta-grid', '1:0.1:4']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/in "1:0\.1:4" the ends are reversed: write 0\.1:1:4/);
    const out = await runInProcess(['sweep', data, '--target', 'label', '--out', 'model.json']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('writes no model');
    const folds = await runInProcess(['sweep', data, '--target', 'label', '--cv', '1']);
    expect(folds.stderr).toMatch(/--cv must be a whole number at least 2/);
  });
});

describe('convexnet cv', () => {
  it('prints mean and spread of every metric and writes the fold report', async () => {
    const report = temp.file('cv.json');
    const run = await runInProcess(['cv', data, '--target', 'label', '--folds', '4', ...fast, '--beta', '0.1', '--report', report]);
    expect(run.code).toBe(0);
    // The table on stdout (it was on stderr, unlike attack's); progress on stderr.
    expect(run.stdout).toMatch(/^metric\s+mean\s+sd\n/);
    expect(run.stdout).toMatch(/^Accuracy\s+[01]\.\d+\s+\d\.\d+/m);
    expect(run.stderr).not.toMatch(/^Accuracy/m);
    expect(run.stderr).toMatch(/^Cross-validating 4 folds/m);
    expect(run.stderr).toContain(`Report written to ${report}.`);
    expect(run.stdout).not.toMatch(/Cross-validating|Report written/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.format).toBe('convexnet-cv-report');
    expect(json.folds).toBe(4);
    expect(json.metrics.find((m: { key: string }) => m.key === 'accuracy').values).toHaveLength(4);
  });

  it('reads the data as convexnet train does: --format and the preparation options', async () => {
    // Tab-separated text under a name that says nothing about its format.
    const tsv = temp.file('data.txt', classificationCsv(['a', 'b'], 30).replaceAll(',', '\t'));
    const run = await runInProcess(['cv', tsv, '--target', 'label', '--format', 'tsv', '--scaling', 'min-max', '--folds', '3', ...fast]);
    expect(run.stderr).not.toMatch(/^convexnet:/m);
    expect(run.code).toBe(0);
    const sweep = await runInProcess(['sweep', tsv, '--target', 'label', '--format', 'tsv', '--impute', 'median', '--beta-grid', '1e-2:1:2', ...fast]);
    expect(sweep.code).toBe(0);
    const unknown = await runInProcess(['cv', tsv, '--target', 'label', '--format', 'parquet', ...fast]);
    expect(unknown.code).toBe(2);
  });

  it('shows its help and rejects a bad fold count', async () => {
    const help = await runInProcess(['cv', '--help']);
    expect(help.stdout).toContain('Usage: convexnet cv');
    const bad = await runInProcess(['cv', data, '--target', 'label', '--folds', '50']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--folds must be a whole number at least 2 and at most 20/);
  });
});
