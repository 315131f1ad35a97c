import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { keepMode } from '../files/kept-mode';
import { temporaryPathBeside } from '../files/temporary-file';
import { checkedWriteTarget } from '../files/write-target';

/**
 * Replaces `path` atomically and durably: the bytes go to a temporary file in the same folder,
 * which is flushed (fsync), renamed over the target (rename is atomic within a file system), and
 * then the folder itself is flushed so the rename survives a power cut. A crash at any point
 * leaves either the old file or the new one, never a mix; the temporary file is removed on failure.
 * As the command line's writeFileAtomic: a link is written through (its target is replaced, the
 * link kept), a replaced file keeps its permission mode, and anything but a regular file or a new
 * name is refused (checkedWriteTarget).
 */
export async function durableWrite(path: string, data: string | Uint8Array): Promise<void> {
  const { path: target, mode } = checkedWriteTarget(path);
  const temp = temporaryPathBeside(target);
  try {
    const file = await open(temp, 'wx', mode ?? 0o666);
    try {
      if (mode !== null) await keepMode(file, mode);
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(target));
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
