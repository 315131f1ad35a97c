import { statSync } from 'node:fs';
import type { ContractError } from '../../src-core/contract/envelope';

/** The workspace folder the app starts with, and what to tell the user when it is not the one chosen. */
export interface StartupWorkspace {
  readonly folder: string;
  /** Said in the window once it has loaded (an app.error event); null when the choice is used. */
  readonly notice: ContractError | null;
}

/**
 * The folder chosen earlier (File > Choose Workspace Folder…) when it is still a folder, else the
 * default one with a notice. Before, a chosen folder on a drive no longer connected was created
 * again at its path (the run store makes its folder), so runs went to the wrong disk, unnoticed.
 * The choice itself is kept: with the drive back, the next start uses it again.
 */
export function startupWorkspace(chosen: string | null, fallback: string, isFolder: (path: string) => boolean): StartupWorkspace {
  if (chosen === null || chosen === fallback || isFolder(chosen)) return { folder: chosen ?? fallback, notice: null };
  return {
    folder: fallback,
    notice: {
      code: 'workspace/missing-folder',
      message: `The workspace folder ${chosen} was not found (is it on a drive that is not connected?). Runs are saved in ${fallback} for now; connect the drive and restart, or choose a folder with File > Choose Workspace Folder….`,
    },
  };
}

/** True when `path` is an existing folder (a missing path, a file or an unreadable one is not). */
export function isExistingFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
