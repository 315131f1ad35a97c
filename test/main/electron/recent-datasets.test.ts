import { describe, expect, it } from 'vitest';
import type { StateFiles } from '../../../src-main/electron/state-files';
import { addRecent, createRecentDatasetsStore, MAX_RECENT, parseRecent } from '../../../src-main/electron/recent-datasets';

function memoryFiles(initial?: string): StateFiles & { files: Map<string, string> } {
  const files = new Map<string, string>(initial === undefined ? [] : [['/u/recent.json', initial]]);
  return {
    files,
    readText: (path) => files.get(path),
    writeText: (path, text) => void files.set(path, text),
    rename(from, to) {
      files.set(to, files.get(from) ?? '');
      files.delete(from);
    },
    remove: (path) => void files.delete(path),
  };
}

describe('recent datasets', () => {
  it('puts the latest first without duplicates and keeps at most MAX_RECENT', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 3; i++) list = addRecent(list, `/d/${i}.csv`);
    list = addRecent(list, '/d/5.csv');
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/d/5.csv');
    expect(list.filter((path) => path === '/d/5.csv')).toHaveLength(1);
    expect(list).not.toContain('/d/0.csv');
  });

  it.each(['{"not": "a list"}', 'garbage', '[1, null, ""]'])('reads a corrupt file (%s) as empty', (text) => {
    expect(parseRecent(text)).toEqual([]);
  });

  it('keeps the valid entries of a hand-edited file', () => {
    expect(parseRecent('["/a.csv", 3, "/a.csv", "/b.csv"]')).toEqual(['/a.csv', '/b.csv']);
  });

  it('persists each change atomically and reloads it', () => {
    const files = memoryFiles();
    const store = createRecentDatasetsStore(files, '/u/recent.json', () => undefined);
    store.add('/a.csv');
    store.add('/b.csv');
    expect([...files.files.keys()]).toEqual(['/u/recent.json']);
    expect(createRecentDatasetsStore(files, '/u/recent.json', () => undefined).list()).toEqual(['/b.csv', '/a.csv']);
    store.clear();
    expect(createRecentDatasetsStore(files, '/u/recent.json', () => undefined).list()).toEqual([]);
  });

  it('reports a failed write and keeps the list in memory', () => {
    const files: StateFiles = { ...memoryFiles(), writeText: () => { throw new Error('read-only'); } };
    const errors: unknown[] = [];
    const store = createRecentDatasetsStore(files, '/u/recent.json', (error) => errors.push(error));
    store.add('/a.csv');
    expect(store.list()).toEqual(['/a.csv']);
    expect(errors).toHaveLength(1);
  });
});
