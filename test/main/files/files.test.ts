import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, openFileSource, writeFileAtomic } from '../../../src-main/files/files';
import { expectConvexNetError } from '../../core/data/expect-error';
import { tempDir } from '../cli/cli-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('openFileSource', () => {
  it('reads a file a range at a time, cut at its end, and refuses missing files and folders naming them', () => {
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

describe('openFileSource on a pipe', () => {
  /** A named pipe that a child process fills with `bytes` (fstat gives a pipe size 0). */
  function pipeOf(bytes: number): string {
    const fifo = join(tmp.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    spawn('sh', ['-c', `head -c ${bytes} /dev/zero | tr '\\0' x > '${fifo}'`], { stdio: 'ignore' });
    return fifo;
  }

  it.skipIf(process.platform === 'win32')('reads a pipe to its end instead of taking it for an empty file', () => {
    const file = openFileSource(pipeOf(300_000), 'the data file');
    try {
      expect(file.source.length).toBe(300_000);
      expect(Buffer.from(file.source.read(299_998, 10)).toString()).toBe('xx');
    } finally {
      file.close();
    }
  });

  it.skipIf(process.platform === 'win32')('holds a pipe to the size cap with the too-large message', () => {
    const fifo = pipeOf(MAX_INPUT_BYTES + 1);
    expect(expectConvexNetError(() => openFileSource(fifo, 'the data file'), 'file/too-large')).toMatch(/the data file ".*pipe\.csv" is more than 256 MB; at most 256 MB can be read/);
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
    expect(expectConvexNetError(() => writeFileAtomic(join(tmp.dir, 'missing', 'out.json'), 'x'), 'file/not-found')).toMatch(/cannot write .*: its folder does not exist/);
    const folder = join(tmp.dir, 'taken');
    mkdirSync(folder);
    expectConvexNetError(() => writeFileAtomic(folder, 'x'), 'file/io');
    expect(readdirSync(tmp.dir)).toEqual(['taken']);
  });

  it('writes through a link: the link stays a link and its target gets the text', () => {
    const real = tmp.file('real.json', '{}');
    const link = join(tmp.dir, 'link.json');
    symlinkSync('real.json', link);
    writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.json');
    expect(readFileSync(real, 'utf8')).toBe('new');
    // A link whose target does not exist yet creates the target.
    const dangling = join(tmp.dir, 'dangling.json');
    symlinkSync('later.json', dangling);
    writeFileAtomic(dangling, 'made');
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tmp.dir, 'later.json'), 'utf8')).toBe('made');
    expect(readdirSync(tmp.dir).sort()).toEqual(['dangling.json', 'later.json', 'link.json', 'real.json']);
  });

  it.skipIf(process.platform === 'win32')('keeps the permission mode of the file it replaces, through a link too', () => {
    const secret = tmp.file('secret.json', 'old');
    chmodSync(secret, 0o600);
    writeFileAtomic(secret, 'new');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    // Bits the umask would take from a new file (other-write here) are kept as well.
    const shared = tmp.file('shared.json', 'old');
    chmodSync(shared, 0o666);
    const link = join(tmp.dir, 'shared-link.json');
    symlinkSync('shared.json', link);
    writeFileAtomic(link, 'new');
    expect(readFileSync(shared, 'utf8')).toBe('new');
    expect(statSync(shared).mode & 0o777).toBe(0o666);
  });

  it('refuses a target that is not a regular file (a fifo here, as a device would be) and leaves it in place', () => {
    const fifo = join(tmp.dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(expectConvexNetError(() => writeFileAtomic(fifo, 'x'), 'file/not-regular')).toBe(`cannot write "${fifo}": it is not a regular file (a device, pipe or socket); give the path of a file.`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['pipe.json']);
  });

  it('writes bytes as they are', () => {
    const path = tmp.file('model.onnx');
    writeFileAtomic(path, Uint8Array.from([0, 1, 254, 255]));
    expect([...readFileSync(path)]).toEqual([0, 1, 254, 255]);
  });

  it('names the path it was given, never the temporary file, in every error', () => {
    const missing = join(tmp.dir, 'nodir', 'x.onnx');
    const message = expectConvexNetError(() => writeFileAtomic(missing, 'x'), 'file/not-found');
    expect(message).toBe(`cannot write "${missing}": its folder does not exist.`);
    expect(message).not.toMatch(/\.tmp/);
  });
});
