import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContractError } from '../../../src-core/contract/envelope';
import { switchWorkspaceFolder } from '../../../src-main/electron/workspace-switch';
import { RunStore } from '../../../src-main/workspace/run-store';

const root = mkdtempSync(join(tmpdir(), 'convexnet-workspace-switch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** File > Choose Workspace Folder… as the shell runs it, on a real run store. */
async function choose(folder: string, setWorkspaceFolder?: (folder: string) => Promise<unknown>): Promise<{ remembered: string[]; errors: ContractError[] }> {
  const store = new RunStore(mkdtempSync(join(root, 'start-')));
  const remembered: string[] = [];
  const errors: ContractError[] = [];
  await switchWorkspaceFolder(folder, { setWorkspaceFolder: setWorkspaceFolder ?? ((f) => store.switchTo(f)), remember: (f) => remembered.push(f), reportError: (e) => errors.push(e) });
  return { remembered, errors };
}

describe('switchWorkspaceFolder (the desktop shell\'s File > Choose Workspace Folder…)', () => {
  it('remembers a usable folder and reports nothing', async () => {
    const folder = mkdtempSync(join(root, 'ok-'));
    expect(await choose(folder)).toEqual({ remembered: [folder], errors: [] });
  });

  it('tells the user the cause with its own code, and does not remember the folder', async () => {
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'x');
    const asFile = await choose(file);
    expect(asFile.remembered).toEqual([]);
    expect(asFile.errors).toEqual([{ code: 'workspace/not-a-folder', message: expect.stringContaining('is a file, not a folder') }]);
    expect((await choose(join(root, 'unplugged', 'runs'))).errors.map((e) => e.code)).toEqual(['workspace/missing-folder']);
  });

  it('calls an unexpected failure workspace/unusable-folder, naming the folder', async () => {
    const { errors } = await choose('/somewhere', () => Promise.reject(new Error('disk on fire')));
    expect(errors).toEqual([{ code: 'workspace/unusable-folder', message: 'Cannot use /somewhere as the workspace folder: disk on fire.' }]);
  });
});
