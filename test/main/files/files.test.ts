import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileSource, readTextFile, writeFileAtomic } from '../../../src-main/files/files';
import { expectConvexNetError } from '../../core/data/expect-error';
import { tempDir } from '../cli/cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('readTextFile', () => {
  it('reads UTF-8 text', () => {
    expect(readTextFile(tmp.file('a.csv', 'x,é\n1,2\n'), 'the data file')).toBe('x,é\n1,2\n');
  });

  it('refuses missing files, folders and binary files with a message naming the file', () => {
    expect(expectConvexNetError(() => readTextFile(tmp.file('none.csv'), 'the data file'), 'file/not-found')).toMatch(/cannot read the data file ".*none\.csv": no such file/);
    const folder = join(tmp.dir, 'folder.csv');
    mkdirSync(folder);
    expectConvexNetError(() => readTextFile(folder, 'the data file'), 'file/is-directory');
    const binary = tmp.file('book.xlsx');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x01]));
    expect(expectConvexNetError(() => readTextFile(binary, 'the data file'), 'file/not-text')).toMatch(/not UTF-8 text/);
  });
});

describe('openFileSource', () => {
  it('reads a file a range at a time, cut at its end, and refuses what readTextFile refuses', () => {
    const content = Buffer.from('x,é\n1,2\n3,4\n');
    const file = openFileSource(tmp.file('a.csv', content.toString('utf8')), 'the data file');
    try {
      expect(file.source.length).toBe(content.length);
      expect(Buffer.from(file.source.read(0, 4)).equals(content.subarray(0, 4))).toBe(true);
      expect(Buffer.from(file.source.read(5, 100)).equals(content.subarray(5))).toBe(true);
      expect(file.source.read(content.length, 10).length).toBe(0);
    } finally {
      file.close();
    }
    expect(expectConvexNetError(() => openFileSource(tmp.file('none.csv'), 'the data file'), 'file/not-found')).toMatch(/cannot read the data file ".*none\.csv": no such file/);
    const folder = join(tmp.dir, 'folder.csv');
    mkdirSync(folder);
    expectConvexNetError(() => openFileSource(folder, 'the data file'), 'file/is-directory');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    const path = tmp.file('out.json', 'old');
    writeFileAtomic(path, 'new content');
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(tmp.dir)).toEqual(['out.json']);
  });

  it('fails with a clear error when the folder does not exist, leaving nothing behind', () => {
    expect(expectConvexNetError(() => writeFileAtomic(join(tmp.dir, 'missing', 'out.json'), 'x'), 'file/not-found')).toMatch(/cannot write .*no such file or folder/);
    const folder = join(tmp.dir, 'taken');
    mkdirSync(folder);
    expectConvexNetError(() => writeFileAtomic(folder, 'x'), 'file/io');
    expect(readdirSync(tmp.dir)).toEqual(['taken']);
  });
});
