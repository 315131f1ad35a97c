import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { durableWrite } from '../../../src-main/workspace/durable-write';
import { tempDir } from '../cli/cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('durableWrite', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const path = tmp.file('run.json', 'old');
    await durableWrite(path, 'new content');
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(tmp.dir)).toEqual(['run.json']);
  });

  it.skipIf(process.platform === 'win32')('writes through a link, as writeFileAtomic does: the link stays a link and its target gets the bytes', async () => {
    const real = tmp.file('real.json', '{}');
    const link = join(tmp.dir, 'link.json');
    symlinkSync('real.json', link);
    await durableWrite(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.json');
    expect(readFileSync(real, 'utf8')).toBe('new');
    // A link whose target does not exist yet creates the target.
    const dangling = join(tmp.dir, 'dangling.json');
    symlinkSync('later.json', dangling);
    await durableWrite(dangling, 'made');
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tmp.dir, 'later.json'), 'utf8')).toBe('made');
    expect(readdirSync(tmp.dir).sort()).toEqual(['dangling.json', 'later.json', 'link.json', 'real.json']);
  });

  it.skipIf(process.platform === 'win32')('keeps the permission mode of the file it replaces', async () => {
    const secret = tmp.file('secret.json', 'old');
    chmodSync(secret, 0o600);
    await durableWrite(secret, 'new');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    // Bits the umask would take from a new file (other-write here) are kept as well.
    const shared = tmp.file('shared.json', 'old');
    chmodSync(shared, 0o666);
    await durableWrite(shared, 'new');
    expect(statSync(shared).mode & 0o777).toBe(0o666);
  });

  it.skipIf(process.platform === 'win32')('refuses a target that is not a regular file and leaves it in place', async () => {
    const fifo = join(tmp.dir, 'run.json');
    execFileSync('mkfifo', [fifo]);
    await expect(durableWrite(fifo, 'x')).rejects.toMatchObject({ code: 'file/not-regular' });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['run.json']);
  });
});
