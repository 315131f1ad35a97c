import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { trainModel } from '../../../src-core/training/train-model';
import { workerCount } from '../../../src-main/cli/cli-workers';
import { classificationCsv, runInProcess, tempDir } from './cli-helpers';

/**
 * The command line's folds and one-vs-rest heads on REAL worker threads (--workers 2) against the
 * same commands in this thread: the reports and models must be the same but for timings.
 */
const temp = tempDir();
const three = temp.file('three.csv', classificationCsv(['a', 'b', 'c'], 30));
afterAll(() => temp.remove());
const fast = ['--solver', 'scp', '--loss', 'squared', '--patterns', '16', '--seed', '3'];

/** A report or model without its timings. */
function timeless(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'), (key, v: unknown) => (/Ms$|^createdAt$|^created$/.test(key) ? undefined : v));
}

/** The command in this thread and with --workers 2: both outputs, and how often each called the injected trainer. */
async function bothWays(argv: (out: string) => string[], file: string): Promise<{ outputs: [unknown, unknown]; calls: [number, number] }> {
  const [one, two] = [temp.file(`one-${file}`), temp.file(`two-${file}`)];
  const a = await runInProcess(argv(one), trainModel);
  const b = await runInProcess([...argv(two), '--workers', '2'], trainModel);
  expect(a.stderr).not.toMatch(/^convexnet:/m);
  expect(b.stderr).not.toMatch(/^convexnet:/m);
  expect([a.code, b.code]).toEqual([0, 0]);
  return { outputs: [timeless(one), timeless(two)], calls: [a.calls.length, b.calls.length] };
}

describe('--workers', () => {
  it('cross-validates the folds on workers with the same report', async () => {
    const { outputs: [a, b] } = await bothWays((out) => ['cv', three, '--target', 'label', '--folds', '3', ...fast, '--report', out], 'cv.json');
    expect((a as { metrics: { values: unknown[] }[] }).metrics[0]!.values).toHaveLength(3);
    expect(b).toEqual(a);
  }, 60_000);

  it('picks beta by cross-validation on workers with the same report', async () => {
    const { outputs: [a, b] } = await bothWays((out) => ['sweep', three, '--target', 'label', '--beta-grid', '1e-3:1:3', '--cv', '3', ...fast, '--report', out], 'sweep.json');
    expect((a as { chosenBy: string }).chosenBy).toMatch(/3-fold cross-validated/);
    expect(b).toEqual(a);
  }, 60_000);

  it('sweeps a one-vs-rest model with each class\'s path on a worker: the same report', async () => {
    const { outputs: [a, b] } = await bothWays((out) => ['sweep', three, '--target', 'label', '--beta-grid', '1e-3:1:3', ...fast, '--report', out], 'heads-sweep.json');
    expect((a as { points: unknown[] }).points).toHaveLength(3);
    expect(b).toEqual(a);
  }, 60_000);

  it('trains a one-vs-rest model\'s heads on workers: the same model file', async () => {
    const { outputs: [a, b], calls } = await bothWays((out) => ['train', three, '--target', 'label', ...fast, '--out', out], 'model.json');
    expect((a as { heads: unknown[] }).heads).toHaveLength(3);
    // In this thread the injected trainer trained the model; with workers, the workers did.
    expect(calls).toEqual([1, 0]);
    expect(b).toEqual(a);
  }, 60_000);

  it('refuses a worker count outside 1..64, and comes from --workers, else the environment, else 1', async () => {
    const bad = await runInProcess(['cv', three, '--target', 'label', '--workers', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers/);
    expect(workerCount({ workers: 3 }, { workers: 2 })).toBe(3);
    expect(workerCount({}, { workers: 2 })).toBe(2);
    expect(workerCount({}, {})).toBe(1);
  });
});
