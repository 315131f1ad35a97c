import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isExistingFolder as isFolder, startupWorkspace } from '../../../src-main/electron/startup-workspace';

describe('startupWorkspace', () => {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const temporary = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'startup-workspace-'));
    made.push(dir);
    return dir;
  };

  it('uses the chosen folder while it exists, and the default without a choice', () => {
    const chosen = temporary();
    expect(startupWorkspace(chosen, '/default', isFolder)).toEqual({ folder: chosen, notice: null });
    expect(startupWorkspace(null, '/default', isFolder)).toEqual({ folder: '/default', notice: null });
  });

  it('falls back to the default with a notice when the chosen folder is gone or is a file, instead of making it again', () => {
    const root = temporary();
    const gone = join(root, 'unplugged-drive', 'runs');
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    for (const chosen of [gone, file]) {
      const start = startupWorkspace(chosen, '/default', isFolder);
      expect(start.folder).toBe('/default');
      expect(start.notice?.code).toBe('workspace/missing-folder');
      expect(start.notice?.message).toContain(`The workspace folder ${chosen} was not found`);
      expect(start.notice?.message).toContain('Runs are saved in /default for now');
    }
  });
});
