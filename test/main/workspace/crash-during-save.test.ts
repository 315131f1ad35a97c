import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTempFileName } from '../../../src-main/files/temporary-file';
import { RunStore } from '../../../src-main/workspace/run-store';
import { cachedCase, datasetInput, freshFolder } from './workspace-fixtures';

const folder = freshFolder('convexnet-crash-test-');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Spawns the writer (through tsx) and SIGKILLs it as soon as its temporary file appears. */
function killDuringWrite(target: string, megabytes: number): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fixtures/large-write-child.ts', import.meta.url).pathname, target, String(megabytes)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const poll = setInterval(() => {
    if (readdirSync(folder).some(isTempFileName)) child.kill('SIGKILL');
  }, 1);
  return new Promise((resolve) =>
    child.once('exit', (_code, signal) => {
      clearInterval(poll);
      resolve({ signal, output });
    }),
  );
}

describe('a save killed mid-write (SIGKILL of the writing process)', () => {
  it('leaves the previous version of the run intact, and the leftover temporary file is ignored', async () => {
    const runs = new RunStore(folder);
    const trained = cachedCase('binary');
    const saved = await runs.save({ name: 'before the crash', result: trained.result, model: trained.model, dataset: datasetInput(trained) });
    const target = join(folder, `${saved.runId}.json`);
    const before = readFileSync(target);

    const { signal, output } = await killDuringWrite(target, 160);
    expect(signal, output).toBe('SIGKILL');
    expect(output).toContain('writing');
    expect(output).not.toContain('done');
    // The kill landed inside the save: its temporary file is still there, half written.
    const leftovers = readdirSync(folder).filter(isTempFileName);
    expect(leftovers).toHaveLength(1);

    expect(readFileSync(target).equals(before)).toBe(true);
    const reopened = await new RunStore(folder).get(saved.runId);
    expect(reopened.summary).toEqual(saved);
    expect(await new RunStore(folder).list()).toEqual({ runs: [saved], problems: [] });
  }, 60_000);
});
