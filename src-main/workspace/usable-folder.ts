import { randomBytes } from 'node:crypto';
import { stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConvexNetError, messageOf } from '../../src-core/errors';

/** Codes of Node file-system errors that mean "no permission", on a folder or on a read-only disk. */
const NO_PERMISSION = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Checks that `folder` can be the workspace (every finished run is saved there) before switching
 * to it, and says what is wrong in words a user can act on. One code per cause: the folder is
 * missing (e.g. on a drive no longer connected), a file, or not writable; anything else is
 * workspace/unusable-folder with the system's reason. A folder that cannot be written was
 * accepted before, and every run after the switch then failed to save.
 */
export async function checkUsableWorkspaceFolder(folder: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(folder)).isDirectory();
  } catch (error) {
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') {
      throw new ConvexNetError('workspace/missing-folder', `The folder ${folder} does not exist (is it on a drive that is not connected?). Connect it, or choose another folder with File > Choose Workspace Folder….`);
    }
    throw unusable(folder, error);
  }
  if (!isFolder) {
    throw new ConvexNetError('workspace/not-a-folder', `${folder} is a file, not a folder. Choose a folder with File > Choose Workspace Folder….`);
  }
  // Writing is the only reliable test (permissions, ACLs, read-only disks): a probe file, removed again.
  const probe = join(folder, `.convexnet-write-test-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, '');
  } catch (error) {
    if (NO_PERMISSION.has(codeOf(error) ?? '')) {
      throw new ConvexNetError('workspace/not-writable', `ConvexNet Studio may not save files in ${folder}. Choose a folder you can write to, or ask for write permission on this one.`);
    }
    throw unusable(folder, error);
  }
  await unlink(probe).catch(() => {});
}

function unusable(folder: string, error: unknown): ConvexNetError {
  return new ConvexNetError('workspace/unusable-folder', `Cannot use ${folder} as the workspace folder: ${messageOf(error)}. Choose another folder with File > Choose Workspace Folder….`);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
