import { readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Links followed before giving up (Linux's own limit): a loop ends instead of recursing forever. */
const MAX_LINKS = 40;

/**
 * Where a path really leads, for comparing paths and for writing through links: the real path
 * when the file exists; else the target of a dangling link, resolved the same way; else the
 * real path of its folder joined with its name; else (no folder either) the absolute path.
 * So "./data.csv", "../x/data.csv" and a link to data.csv all give one answer. Never throws.
 */
export function realFilePath(path: string): string {
  return realPathOf(resolve(path), MAX_LINKS);
}

function realPathOf(absolute: string, linksLeft: number): string {
  try {
    return realpathSync.native(absolute);
  } catch {
    // Not there, or not a file system path (a pipe's /proc link): resolved piece by piece below.
  }
  const link = linkTargetOf(absolute);
  if (link !== null && linksLeft > 0) return realPathOf(resolve(dirname(absolute), link), linksLeft - 1);
  try {
    return join(realpathSync.native(dirname(absolute)), basename(absolute));
  } catch {
    return absolute;
  }
}

function linkTargetOf(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

/**
 * True when two paths name the same file: the same real path, or (both existing) the same
 * device and inode, which also catches hard links and case-insensitive file systems.
 */
export function isSameFile(a: string, b: string): boolean {
  if (realFilePath(a) === realFilePath(b)) return true;
  const first = statOrNull(a);
  const second = statOrNull(b);
  return first !== null && second !== null && first.dev === second.dev && first.ino === second.ino;
}

function statOrNull(path: string): { dev: number; ino: number } | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
