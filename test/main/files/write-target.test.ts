import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkedWriteTarget } from '../../../src-main/files/write-target';
import { realFilePath } from '../../../src-main/files/real-path';
import { expectConvexNetError } from '../../core/data/expect-error';
import { tempDir } from '../cli/cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('checkedWriteTarget', () => {
  it('gives the real path of a new or existing file, and the existing file\'s permission bits', () => {
    expect(checkedWriteTarget(join(tmp.dir, 'new.json'))).toEqual({ path: join(realFilePath(tmp.dir), 'new.json'), mode: null });
    const old = tmp.file('old.json', '{}');
    chmodSync(old, 0o640);
    expect(checkedWriteTarget(old)).toEqual({ path: realFilePath(join(tmp.dir, 'old.json')), mode: 0o640 });
  });

  it('refuses a folder, a path through a file, and a missing folder, naming the path given', () => {
    mkdirSync(join(tmp.dir, 'taken'));
    expect(expectConvexNetError(() => checkedWriteTarget(join(tmp.dir, 'taken')), 'file/io')).toMatch(/taken": it is a folder\.$/);
    const file = tmp.file('file.txt', 'x');
    expect(expectConvexNetError(() => checkedWriteTarget(join(file, 'm.json')), 'file/io')).toMatch(/file\.txt\/m\.json": a part of the path is not a folder\.$/);
    expect(expectConvexNetError(() => checkedWriteTarget('nodir/m.json'), 'file/not-found')).toBe('cannot write "nodir/m.json": its folder does not exist.');
  });

  // root may write anywhere, so the refusal shows only for other users.
  it.skipIf(process.getuid?.() === 0)('refuses a folder it may not write to', () => {
    const locked = join(tmp.dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      expect(expectConvexNetError(() => checkedWriteTarget(join(locked, 'm.json')), 'file/io')).toMatch(/m\.json": permission denied\.$/);
    } finally {
      chmodSync(locked, 0o700);
    }
  });
});
