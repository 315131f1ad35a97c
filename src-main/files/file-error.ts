import { ConvexNetError } from '../../src-core/errors';

/** Plain words for the file system's error codes a user can act on. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  ELOOP: 'too many symbolic links (a link loop?)',
};

/**
 * A file system error as a ConvexNetError (file/...) whose message is `action` (which names the
 * user's path) and the reason in plain words; ConvexNetErrors pass through unchanged.
 */
export function fileError(error: unknown, action: string): ConvexNetError {
  if (error instanceof ConvexNetError) return error;
  const code = (error as { code?: string }).code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return new ConvexNetError(code === 'ENOENT' ? 'file/not-found' : 'file/io', `${action}: ${reason}.`);
}
