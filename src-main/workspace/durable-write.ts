import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Prefix and suffix of the temporary files of durableWrite (skipped when a folder is listed). */
export const TEMP_PREFIX = '.';
export const TEMP_SUFFIX = '.tmp';

/** True for a temporary file left by an interrupted durableWrite. */
export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
}

/**
 * Replaces `path` atomically and durably: the bytes go to a temporary file in the same folder,
 * which is flushed (fsync), renamed over the target (rename is atomic within a file system), and
 * then the folder itself is flushed so the rename survives a power cut. A crash at any point
 * leaves either the old file or the new one, never a mix; the temporary file is removed on failure.
 */
export async function durableWrite(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `${TEMP_PREFIX}${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** fsync of a folder (its entries); some platforms (Windows) cannot open folders, which is harmless there. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Folders cannot be opened or synced on every platform; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}
