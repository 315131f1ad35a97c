import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainModel } from '../../../src-core/training/train-model';
import { classificationCsv, runInProcess, tempDir } from './cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

describe('convexnet train with the real trainer (in-process)', () => {
  it('writes the same model file byte for byte for the same data, settings and seed, and a different one for another seed', async () => {
    const data = tmp.file('d.csv', classificationCsv(['no', 'yes'], 25));
    const args = (out: string, seed: string): string[] => ['train', data, '--target', 'label', '--loss', 'squared', '--max-iter', '100', '--patterns', '8', '--seed', seed, '--out', out];
    const runs = [await runInProcess(args(tmp.file('a.json'), '5'), trainModel), await runInProcess(args(tmp.file('b.json'), '5'), trainModel), await runInProcess(args(tmp.file('c.json'), '6'), trainModel)];
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const [a, b, c] = ['a.json', 'b.json', 'c.json'].map((f) => readFileSync(tmp.file(f), 'utf8'));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});
