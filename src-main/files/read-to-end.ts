import { readSync } from 'node:fs';

/** Bytes asked for per read: a pipe delivers at most its buffer (64 KiB on Linux) per read anyway. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Every byte of a stream-like file descriptor (a pipe, /dev/stdin, a process substitution), read
 * in order until end of file: such files have no size to read ranges against (fstat says 0).
 * More than `limit` bytes stop the read with `tooLarge()`, so a pipe is held to the same cap as a
 * file. Read errors are thrown as they are, for the caller to name the file.
 */
export function readToEnd(fd: number, limit: number, tooLarge: () => Error): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // One byte past the limit is enough to know the stream is too large.
    const buffer = new Uint8Array(Math.min(CHUNK_BYTES, limit + 1 - total));
    const got = readWaiting(fd, buffer);
    if (got === 0) return chunks;
    chunks.push(buffer.subarray(0, got));
    total += got;
    if (total > limit) throw tooLarge();
  }
}

/** readSync, waiting out EAGAIN: a descriptor inherited in non-blocking mode has no data yet. */
function readWaiting(fd: number, buffer: Uint8Array): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
