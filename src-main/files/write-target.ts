import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { ConvexNetError } from '../../src-core/errors';
import { fileError } from './file-error';
import { realFilePath } from './real-path';

/** The file a write replaces, and the permission bits the replacement must keep. */
export interface WriteTarget {
  /** The real path: links followed, so a link stays a link and its target gets the bytes. */
  readonly path: string;
  /** The existing file's permission bits (0o600, ...), or null when the file is new. */
  readonly mode: number | null;
}

/**
 * The file to replace when writing `path`, after checking it can be written: a link leads to its
 * target (which is what the user named, so the link stays a link); an existing target must be a
 * regular file, because a temporary file renamed over a device, pipe or socket would replace the
 * node instead of writing to it (and a fifo would block with no reader); and its folder must
 * exist and be writable. Errors name the user's path, never the resolved or temporary one.
 * /dev/stdout and /dev/null are refused too (a terminal or pipe is no regular file): every --out
 * and --report is a file that is saved whole or not at all, and `convexnet predict` without
 * --out already prints to stdout; writing to a stream would give up that promise. The command
 * line's writeFileAtomic and the workspace's durableWrite both find their target here.
 */
export function checkedWriteTarget(path: string): WriteTarget {
  const action = `cannot write "${path}"`;
  const existing = statIfExists(path, action);
  if (existing?.isDirectory()) throw new ConvexNetError('file/io', `${action}: it is a folder.`);
  if (existing && !existing.isFile()) {
    throw new ConvexNetError('file/not-regular', `${action}: it is not a regular file (a device, pipe or socket); give the path of a file.`);
  }
  const target = realFilePath(path);
  const folder = statIfExists(dirname(target), action);
  if (folder === null) throw new ConvexNetError('file/not-found', `${action}: its folder does not exist.`);
  if (!folder.isDirectory()) throw new ConvexNetError('file/io', `${action}: a part of the path is not a folder.`);
  try {
    accessSync(dirname(target), constants.W_OK);
  } catch (error) {
    throw fileError(error, action);
  }
  return { path: target, mode: existing ? existing.mode & 0o777 : null };
}

/** The stat of what a path leads to (links followed), or null when nothing is there. */
function statIfExists(path: string, action: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw fileError(error, action);
  }
}
