import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../src-main/workspace/run-store';
import { checkUsableWorkspaceFolder } from '../../../src-main/workspace/usable-folder';

const root = mkdtempSync(join(tmpdir(), 'convexnet-usable-folder-'));
afterAll(() => {
  chmodSync(readOnly, 0o700);
  rmSync(root, { recursive: true, force: true });
});
const file = join(root, 'a-file.txt');
writeFileSync(file, 'not a folder');
const readOnly = mkdtempSync(join(root, 'read-only-'));
chmodSync(readOnly, 0o500);
const fresh = mkdtempSync(join(root, 'ok-'));
// Root may write in any folder whatever its mode; even root may not create files in Linux's /sys.
const isRoot = process.getuid?.() === 0;
const unwritable = isRoot ? '/sys' : readOnly;

async function codeOf(work: Promise<unknown>): Promise<string | null> {
  return work.then(
    () => null,
    (error: unknown) => (error as { code: string }).code,
  );
}

describe('checkUsableWorkspaceFolder and RunStore.switchTo', () => {
  it('accepts a writable folder and leaves nothing in it', async () => {
    await checkUsableWorkspaceFolder(fresh);
    expect(readdirSync(fresh)).toEqual([]);
    const store = new RunStore(join(root, 'start'));
    expect((await store.switchTo(fresh)).folder).toBe(fresh);
  });

  it('says a chosen folder is missing, instead of creating it (e.g. on a drive that is gone)', async () => {
    const store = new RunStore(fresh);
    await expect(store.switchTo(join(root, 'gone', 'workspace'))).rejects.toMatchObject({ code: 'workspace/missing-folder', message: expect.stringMatching(/does not exist.*choose another folder/) });
    expect(readdirSync(root)).not.toContain('gone');
    expect(store.folder).toBe(fresh);
  });

  it('says a file is not a folder', async () => {
    expect(await codeOf(new RunStore(fresh).switchTo(file))).toBe('workspace/not-a-folder');
    expect(await codeOf(checkUsableWorkspaceFolder(join(file, 'below')))).toBe('workspace/missing-folder');
  });

  it.skipIf(isRoot && process.platform !== 'linux')('says a folder the user may not write to is not writable, and keeps the old folder', async () => {
    const store = new RunStore(fresh);
    await expect(store.switchTo(unwritable)).rejects.toMatchObject({ code: 'workspace/not-writable', message: expect.stringMatching(/may not save files in .*write permission/) });
    expect(store.folder).toBe(fresh);
  });
});
