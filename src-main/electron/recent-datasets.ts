import type { StateFiles } from './state-files';
import { writeTextAtomically } from './state-files';

/**
 * The File > Open Recent list: most recent first, no duplicates, at most MAX_RECENT entries,
 * kept in a small JSON file in userData. A corrupt file gives an empty list.
 */

export const RECENT_DATASETS_FILE_NAME = 'recent-datasets.json';
export const MAX_RECENT = 10;
const MAX_PATH_LENGTH = 4096;

export function addRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((entry) => entry !== path)].slice(0, MAX_RECENT);
}

export function parseRecent(text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const paths = data.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0 && entry.length <= MAX_PATH_LENGTH);
  return [...new Set(paths)].slice(0, MAX_RECENT);
}

export interface RecentDatasetsStore {
  list(): readonly string[];
  add(path: string): void;
  clear(): void;
}

/** Loads once; each change is written through atomically (failures are reported, not thrown). */
export function createRecentDatasetsStore(files: StateFiles, filePath: string, reportError: (error: unknown) => void): RecentDatasetsStore {
  let entries: string[] = [];
  try {
    const text = files.readText(filePath);
    entries = text === undefined ? [] : parseRecent(text);
  } catch (error) {
    reportError(error);
  }
  const persist = (): void => {
    try {
      writeTextAtomically(files, filePath, `${JSON.stringify(entries, null, 2)}\n`);
    } catch (error) {
      reportError(error);
    }
  };
  return {
    list: () => entries,
    add(path) {
      entries = addRecent(entries, path);
      persist();
    },
    clear() {
      entries = [];
      persist();
    },
  };
}
