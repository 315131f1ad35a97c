import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chunksSource, type ByteSource } from '../../src-core/data/formats/byte-source';
import { ConvexNetError } from '../../src-core/errors';
import { fileError } from './file-error';
import { readToEnd } from './read-to-end';
import { temporaryPathBeside } from './temporary-file';
import { keepModeSync } from './kept-mode';
import { checkedWriteTarget } from './write-target';

/**
 * Largest input file the CLI and the app read. CSV/TSV files are read a piece at a time (peak ~2x
 * the file with the table built); JSON, ARFF and LIBSVM text and XLSX archives are held whole
 * while parsed, and uploads in their pieces.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The bytes of a file (any encoding or format: the data readers decode them). Missing,
 * unreadable or too large files give a ConvexNetError (file/...) naming the file.
 */
export function readFileBytes(path: string, what: string): Uint8Array {
  // The checks and errors of openFileSource, then every byte in one read.
  const file = openFileSource(path, what);
  try {
    return file.source.read(0, file.source.length);
  } finally {
    file.close();
  }
}

/** An open file read a range at a time (see ByteSource); close it when done. */
export interface FileSource {
  readonly source: ByteSource;
  close(): void;
}

/** The path that means standard input, as command-line tools take it ("cat data.csv | convexnet predict m.json -"). */
export const STDIN_PATH = '-';

/** How messages name a path: standard input by that name, a file by its path in quotes. */
export function describePath(path: string): string {
  return path === STDIN_PATH ? 'standard input' : `"${path}"`;
}

/**
 * A file opened for reading in ranges, with readFileBytes' checks and errors: the data readers
 * then hold a piece of it at a time instead of all its bytes (a 190 MB CSV of 1M x 20 numbers
 * peaked at 2.97x its size read whole). Pipes, /dev/stdin and STDIN_PATH have no size to read
 * ranges against, so they are read to their end first, under the same cap. Read errors give a
 * ConvexNetError (file/io) naming the file.
 */
export function openFileSource(path: string, what: string): FileSource {
  const name = `${what} ${describePath(path)}`;
  const isStdin = path === STDIN_PATH;
  let fd: number;
  try {
    fd = isStdin ? 0 : openSync(path, 'r');
  } catch (error) {
    throw fileError(error, `cannot read ${name}`);
  }
  // Standard input belongs to the process: reading it through is all this does with it.
  const close = (): void => {
    if (!isStdin) closeSync(fd);
  };
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ConvexNetError('file/is-directory', `${name} is a folder, not a file.`);
    if (!stat.isFile()) {
      const chunks = readToEnd(fd, MAX_INPUT_BYTES, () => tooLarge(name, `more than ${MAX_INPUT_BYTES / 1024 / 1024} MB`));
      close();
      return { source: chunksSource(chunks), close: () => undefined };
    }
    if (stat.size > MAX_INPUT_BYTES) throw tooLarge(name, megabytes(stat.size));
    const length = stat.size;
    const read = (offset: number, count: number): Uint8Array => {
      const wanted = Math.max(0, Math.min(count, length - offset));
      const buffer = new Uint8Array(wanted);
      let filled = 0;
      try {
        while (filled < wanted) {
          const got = readSync(fd, buffer, filled, wanted - filled, offset + filled);
          if (got === 0) break;
          filled += got;
        }
      } catch (error) {
        throw fileError(error, `cannot read ${name}`);
      }
      return filled === wanted ? buffer : buffer.subarray(0, filled);
    };
    return { source: { length, read }, close };
  } catch (error) {
    close();
    throw fileError(error, `cannot read ${name}`);
  }
}

function tooLarge(name: string, size: string): ConvexNetError {
  return new ConvexNetError('file/too-large', `${name} is ${size}; at most ${MAX_INPUT_BYTES / 1024 / 1024} MB can be read.`);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

/**
 * Writes text or bytes atomically: to a temporary file in the target's folder, flushed to disk,
 * renamed over the target, then the folder flushed so the rename survives a power cut; readers
 * never see a half-written file and a failure leaves the old one. A link is written through (its
 * target is replaced, the link kept), and a replaced file keeps its permission mode (keepModeSync);
 * anything but a regular file or a new name is refused (checkedWriteTarget). Errors name `path`
 * as the user gave it, never the temporary file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const { path: target, mode } = checkedWriteTarget(path);
  const temp = temporaryPathBeside(target);
  try {
    const fd = openSync(temp, 'wx', mode ?? 0o666);
    try {
      if (mode !== null) keepModeSync(fd, mode);
      // writeFileSync on a descriptor loops until every byte is written (writeSync may write fewer).
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw fileError(error, `cannot write "${path}"`);
  }
  syncFolder(dirname(target));
}

/** fsync of a folder (its entries); some platforms (Windows) cannot open folders, which is harmless there. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened or synced on every platform; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
