import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * The few file operations the shell's small state files need, injected so tests can make any
 * step fail. `nodeStateFiles` is the real implementation (plain Node, no Electron).
 */
export interface StateFiles {
  /** The file's text, or undefined when it does not exist. Other errors throw. */
  readText(path: string): string | undefined;
  /** Writes the whole file and flushes it to disk before returning. */
  writeText(path: string, text: string): void;
  rename(from: string, to: string): void;
  /** Removes the file if it exists. */
  remove(path: string): void;
}

export const nodeStateFiles: StateFiles = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  writeText(path, text) {
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, text);
      // Flush before the rename so a crash cannot leave a renamed but empty file.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename(from, to) {
    renameSync(from, to);
  },
  remove(path) {
    rmSync(path, { force: true });
  },
};

/**
 * Replaces `path` atomically: the text goes to a temp file beside it, then a rename (atomic on
 * one file system) swaps it in, so a reader sees the old file or the new one, never half of one.
 * The temp file is removed when any step fails, and the error is rethrown.
 */
export function writeTextAtomically(files: StateFiles, path: string, text: string): void {
  const tempPath = `${path}.tmp`;
  try {
    files.writeText(tempPath, text);
    files.rename(tempPath, path);
  } catch (error) {
    try {
      files.remove(tempPath);
    } catch {
      // The original error is the one worth reporting.
    }
    throw error;
  }
}
