import { basename } from 'node:path';
import { trimOldest } from '../../src-core/collections/trim-oldest';
import type { OpenedFile } from '../../src-core/contract/dataset-types';
import { ConvexNetError } from '../../src-core/errors';

/** Files opened from the desktop menu that the renderer can still ask to read again. */
export const MAX_OPENED_FILES = 16;

/**
 * The paths of the files opened from the desktop menu, by an id the renderer may send back
 * (datasets.reopen) to read one again with other options, e.g. a workbook's other sheet. The
 * renderer never sends a path: it can only name a file the user chose in the main process.
 */
export class OpenedFiles {
  private readonly paths = new Map<string, string>();
  private count = 0;

  /** An id for the file at `path` (a new one per opening), remembered with the last MAX_OPENED_FILES. */
  remember(path: string): OpenedFile {
    const fileId = `opened-file-${++this.count}`;
    this.paths.set(fileId, path);
    trimOldest(this.paths, MAX_OPENED_FILES);
    return { fileId, fileName: basename(path) };
  }

  /** The path of an opened file, which counts as the most recently used; data/unknown-opened-file when it is not known (or no longer). */
  path(fileId: string): string {
    const path = this.paths.get(fileId);
    if (path === undefined) {
      throw new ConvexNetError('data/unknown-opened-file', 'The file to read again is no longer known to the app (only files opened with File > Open Dataset or Open Recent are, the last 16); open it again from the File menu.');
    }
    this.paths.delete(fileId);
    this.paths.set(fileId, path);
    return path;
  }
}
