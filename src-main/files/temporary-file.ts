import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

const TEMP_PREFIX = '.';
const TEMP_SUFFIX = '.tmp';

/**
 * A new temporary file's path beside `target`, for an atomic replace (write, flush, rename over
 * the target): hidden, named after the target, the process and a random tag, so two processes
 * never share one. The command line's writeFileAtomic and the workspace's durableWrite both name
 * their temporary files here, so isTempFileName knows either's.
 */
export function temporaryPathBeside(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** True for a temporary file left by an interrupted atomic write (temporaryPathBeside). */
export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
}
