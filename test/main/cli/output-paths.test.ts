import { linkSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputPaths } from '../../../src-main/cli/output-paths';
import { UsageError } from '../../../src-main/cli/usage-error';
import { classificationCsv, runInProcess, tempDir, type Captured } from './cli-helpers';

let tmp: ReturnType<typeof tempDir>;
let data: string;
let model: string;
const csv = classificationCsv(['a', 'b'], 15);
beforeEach(async () => {
  tmp = tempDir();
  data = tmp.file('data.csv', csv);
  model = tmp.file('model.json');
  const trained = await runInProcess(['train', data, '--target', 'label', '--out', model]);
  expect(trained.code, trained.stderr).toBe(0);
});
afterEach(() => tmp.remove());

function usageError(action: () => void): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

/** Exit 2, one line naming the clash, nothing run, the inputs untouched. */
function expectRefused(run: Captured, message: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.calls).toHaveLength(0);
  expect(readFileSync(data, 'utf8')).toBe(csv);
  expect(JSON.parse(readFileSync(model, 'utf8'))).toMatchObject({ format: 'convexnet-model' });
}

describe('checkOutputPaths', () => {
  it('refuses an output naming an input by any spelling: as given, relative, dotted, a link or a hard link', () => {
    mkdirSync(join(tmp.dir, 'sub'));
    symlinkSync(data, join(tmp.dir, 'sub', 'link.csv'));
    linkSync(data, join(tmp.dir, 'hard.csv'));
    const spellings = [data, relative(process.cwd(), data), join(tmp.dir, 'sub', '..', 'data.csv'), join(tmp.dir, 'sub', 'link.csv'), join(tmp.dir, 'hard.csv')];
    for (const out of spellings) {
      expect(usageError(() => checkOutputPaths([{ what: 'the data file', path: data }], [{ option: '--out', path: out }]))).toBe(`--out names the data file "${data}"; choose another path`);
    }
  });

  it('refuses two outputs naming one file, and allows distinct files and absent options', () => {
    const out = join(tmp.dir, 'same.json');
    expect(usageError(() => checkOutputPaths([], [{ option: '--out', path: out }, { option: '--report', path: join(tmp.dir, '.', 'same.json') }]))).toMatch(/^--report names the same file as --out \(".*same\.json"\); give each its own path$/);
    expect(() => checkOutputPaths([{ what: 'the data file', path: data }, { what: 'the data file', path: undefined }], [{ option: '--out', path: join(tmp.dir, 'm.json') }, { option: '--report', path: undefined }])).not.toThrow();
  });

  it('checks every output can be written before any work', () => {
    expect(() => checkOutputPaths([], [{ option: '--out', path: join(tmp.dir, 'nodir', 'm.json') }])).toThrow(/its folder does not exist/);
  });
});

describe('every command refuses to write over its inputs (exit 2, before any work)', () => {
  it('train --out or --report on the data file, and --out and --report on one file', async () => {
    expectRefused(await runInProcess(['train', data, '--target', 'label', '--out', data]), /--out names the data file ".*data\.csv"; choose another path/);
    const relativeData = relative(process.cwd(), data);
    expectRefused(await runInProcess(['train', relativeData, '--target', 'label', '--out', join(tmp.dir, 'm.json'), '--report', data]), /--report names the data file/);
    const same = join(tmp.dir, 'same.json');
    expectRefused(await runInProcess(['train', data, '--target', 'label', '--out', same, '--report', same]), /--report names the same file as --out/);
  });

  it('predict --out on the data file or the model file', async () => {
    expectRefused(await runInProcess(['predict', model, data, '--out', data]), /--out names the data file/);
    expectRefused(await runInProcess(['predict', model, data, '--out', model]), /--out names the model file/);
  });

  it('export --out on the model file or the --data file', async () => {
    expectRefused(await runInProcess(['export', model, '--format', 'onnx', '--out', model]), /--out names the model file/);
    expectRefused(await runInProcess(['export', model, '--format', 'csv', '--data', data, '--out', data]), /--out names the data file/);
  });

  it('cv, sweep and attack --report on an input', async () => {
    expectRefused(await runInProcess(['cv', data, '--target', 'label', '--report', data]), /--report names the data file/);
    expectRefused(await runInProcess(['sweep', data, '--target', 'label', '--report', data]), /--report names the data file/);
    expectRefused(await runInProcess(['attack', model, data, '--epsilon', '0.1', '--report', data]), /--report names the data file/);
    expectRefused(await runInProcess(['attack', model, data, '--epsilon', '0.1', '--report', model]), /--report names the model file/);
  });
});

describe('outputs are checked before the data is read', () => {
  it('train with a missing --out folder fails at once and leaves no report behind', async () => {
    const report = join(tmp.dir, 'r.json');
    const out = join(tmp.dir, 'nodir', 'm.json');
    const run = await runInProcess(['train', data, '--target', 'label', '--report', report, '--out', out]);
    expect([run.code, run.stderr]).toEqual([1, `convexnet: cannot write "${out}": its folder does not exist.\n`]);
    expect(run.calls).toHaveLength(0);
    expect(() => readFileSync(report)).toThrow();
  });

  it('sweep, cv, predict and attack check their outputs first too', async () => {
    const out = join(tmp.dir, 'nodir', 'x.json');
    for (const argv of [
      ['sweep', data, '--target', 'label', '--report', out],
      ['cv', data, '--target', 'label', '--report', out],
      ['predict', model, join(tmp.dir, 'absent.csv'), '--out', out],
      ['attack', model, join(tmp.dir, 'absent.csv'), '--epsilon', '0.1', '--report', out],
    ]) {
      const run = await runInProcess(argv);
      expect([run.code, run.stderr], argv[0]).toEqual([1, `convexnet: cannot write "${out}": its folder does not exist.\n`]);
    }
  });
});
