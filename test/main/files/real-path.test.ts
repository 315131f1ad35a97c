import { linkSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSameFile, realFilePath } from '../../../src-main/files/real-path';
import { tempDir } from '../cli/cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('realFilePath', () => {
  it('gives one answer for relative, dotted and linked names of a file', () => {
    const data = tmp.file('data.csv', 'a\n1\n');
    mkdirSync(join(tmp.dir, 'sub'));
    symlinkSync(data, join(tmp.dir, 'sub', 'link.csv'));
    const real = realFilePath(data);
    expect(realFilePath(relative(process.cwd(), data))).toBe(real);
    expect(realFilePath(join(tmp.dir, 'sub', '..', 'data.csv'))).toBe(real);
    expect(realFilePath(join(tmp.dir, 'sub', 'link.csv'))).toBe(real);
  });

  it('resolves a file not yet written through its folder, and a dangling link to its target', () => {
    mkdirSync(join(tmp.dir, 'out'));
    symlinkSync('out', join(tmp.dir, 'linked-out'));
    expect(realFilePath(join(tmp.dir, 'linked-out', 'new.json'))).toBe(join(realFilePath(tmp.dir), 'out', 'new.json'));
    symlinkSync('later.json', join(tmp.dir, 'dangling.json'));
    expect(realFilePath(join(tmp.dir, 'dangling.json'))).toBe(join(realFilePath(tmp.dir), 'later.json'));
  });

  it('ends on a link loop and on a missing folder instead of failing', () => {
    symlinkSync('b', join(tmp.dir, 'a'));
    symlinkSync('a', join(tmp.dir, 'b'));
    expect(typeof realFilePath(join(tmp.dir, 'a'))).toBe('string');
    expect(realFilePath(join(tmp.dir, 'no', 'such', 'file'))).toMatch(/no[/\\]such[/\\]file$/);
  });
});

describe('isSameFile', () => {
  it('is true for links and hard links to one file, false for two files', () => {
    const data = tmp.file('data.csv', 'a\n1\n');
    const other = tmp.file('other.csv', 'a\n1\n');
    linkSync(data, join(tmp.dir, 'hard.csv'));
    symlinkSync(data, join(tmp.dir, 'soft.csv'));
    expect(isSameFile(data, join(tmp.dir, 'hard.csv'))).toBe(true);
    expect(isSameFile(join(tmp.dir, 'soft.csv'), join(tmp.dir, 'hard.csv'))).toBe(true);
    expect(isSameFile(data, other)).toBe(false);
    expect(isSameFile(join(tmp.dir, 'new.json'), join(tmp.dir, '.', 'new.json'))).toBe(true);
  });
});
