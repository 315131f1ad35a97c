import { randomBytes } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The workspace inside the desktop app's user-data folder. */
export function desktopWorkspaceFolder(userDataFolder: string): string {
  return join(userDataFolder, 'workspace');
}

/** Web mode without --workspace: a folder in the user's home (kept across restarts). */
export function defaultWebWorkspaceFolder(): string {
  return join(homedir(), '.convexnet-studio', 'workspace');
}

/**
 * Back ends created without a workspace folder (tests, embedding): a folder of their own under the
 * OS temp dir (`root` is removed again when that back end is disposed).
 */
export function temporaryWorkspaceFolder(): { root: string; folder: string } {
  const root = join(tmpdir(), `convexnet-studio-${process.pid}-${randomBytes(4).toString('hex')}`);
  return { root, folder: join(root, 'workspace') };
}
