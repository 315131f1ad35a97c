import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classificationCsv, tempDir } from './cli-helpers';

const launcher = fileURLToPath(new URL('../../../src-main/cli/convexnet.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `convexnet` launcher as a child process with `input` on its standard input (a pipe). */
function convexnetPiped(input: string, ...args: string[]): Promise<Run> {
  return runPiped(input, process.execPath, [launcher, ...args]);
}

function runPiped(input: string, command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, CONVEXNET_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

let tmp: ReturnType<typeof tempDir>;
let model: string;
let csv: string;
let fromFile: Run;
beforeAll(async () => {
  tmp = tempDir();
  csv = classificationCsv(['no', 'yes'], 20);
  const data = tmp.file('data.csv', csv);
  model = tmp.file('model.json');
  const trained = await convexnetPiped('', 'train', data, '--target', 'label', '--solver', 'ipm', '--patterns', '8', '--out', model);
  expect(trained.code, trained.stderr).toBe(0);
  fromFile = await convexnetPiped('', 'predict', model, data);
  expect(fromFile.code, fromFile.stderr).toBe(0);
}, 60_000);
afterAll(() => tmp.remove());

describe.concurrent('convexnet predict with data on a pipe', () => {
  it('"-" reads the data from standard input', async () => {
    const run = await convexnetPiped(csv, 'predict', model, '-');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(fromFile.stdout);
  });

  it.skipIf(process.platform === 'win32')('/dev/stdin on a pipe is read to its end, not taken for an empty file', async () => {
    // Through a shell pipeline: Node gives a child's standard input as a socket, the shell a pipe.
    const data = tmp.file('data.csv');
    const run = await runPiped('', 'sh', ['-c', `cat '${data}' | "$0" '${launcher}' predict '${model}' /dev/stdin`, process.execPath]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(fromFile.stdout);
  });

  it('an empty pipe is reported as empty standard input', async () => {
    const run = await convexnetPiped('', 'predict', model, '-');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^convexnet: standard input is empty \(0 bytes\)/);
  });
});
