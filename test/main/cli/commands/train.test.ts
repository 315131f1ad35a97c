import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classificationCsv, fakeTrainer, runInProcess, tempDir } from '../cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('convexnet train writes the model before its report', () => {
  it('a model that cannot be written leaves no report of it behind', async () => {
    const data = tmp.file('data.csv', classificationCsv(['a', 'b'], 15));
    const folder = join(tmp.dir, 'models');
    mkdirSync(folder);
    const report = join(tmp.dir, 'run.json');
    // The model's folder goes away while training: the failure the check before the run cannot see.
    const trainer = fakeTrainer();
    const run = await runInProcess(['train', data, '--target', 'label', '--out', join(folder, 'm.json'), '--report', report], (train, options, context) => {
      rmSync(folder, { recursive: true });
      return trainer(train, options, context);
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot write ".*m\.json": its folder does not exist/);
    expect(existsSync(report)).toBe(false);
  });

  it('a run without a model still writes its report', async () => {
    const data = tmp.file('data.csv', classificationCsv(['a', 'b'], 15));
    const report = join(tmp.dir, 'run.json');
    const run = await runInProcess(['train', data, '--target', 'label', '--out', join(tmp.dir, 'm.json'), '--report', report], fakeTrainer('numerical-failure'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no model written/);
    expect(existsSync(report)).toBe(true);
    expect(existsSync(join(tmp.dir, 'm.json'))).toBe(false);
  });
});
