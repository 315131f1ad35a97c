import { fchmodSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/*
 * A file replaced by rename keeps its permission mode. The replacement is created with the old
 * file's mode, so it is never more open than the old one (the umask can only take bits away);
 * these put back the bits the umask took, so a 0664 file stays 0664 and a 0600 file 0600. A file
 * system without Unix modes (FAT, some network shares) may refuse the chmod: that must not fail
 * the write, and the creation mode has already kept the file no more open than before.
 */

/** Sets `mode` on the open replacement file `fd`, best effort (see above). */
export function keepModeSync(fd: number, mode: number): void {
  try {
    fchmodSync(fd, mode);
  } catch {
    // Best effort: see above.
  }
}

/** Sets `mode` on the open replacement file, best effort (see above). */
export async function keepMode(file: FileHandle, mode: number): Promise<void> {
  try {
    await file.chmod(mode);
  } catch {
    // Best effort: see above.
  }
}
