import { describe, expect, it } from 'vitest';
import type { StateFiles } from '../../../src-main/electron/state-files';
import { createWorkspaceChoiceStore, parseWorkspaceChoice } from '../../../src-main/electron/workspace-choice';

function memoryFiles(initial: Record<string, string> = {}): StateFiles & { files: Map<string, string> } {
  const files = new Map(Object.entries(initial));
  return {
    files,
    readText: (path) => files.get(path),
    writeText: (path, text) => void files.set(path, text),
    rename: (from, to) => {
      files.set(to, files.get(from)!);
      files.delete(from);
    },
    remove: (path) => void files.delete(path),
  };
}

describe('workspace folder choice', () => {
  it('is null until chosen, then persists the chosen folder atomically', () => {
    const files = memoryFiles();
    const store = createWorkspaceChoiceStore(files, '/ud/workspace-folder.json', () => undefined);
    expect(store.folder()).toBeNull();
    store.set('/data/runs');
    expect(store.folder()).toBe('/data/runs');
    expect(createWorkspaceChoiceStore(files, '/ud/workspace-folder.json', () => undefined).folder()).toBe('/data/runs');
    expect([...files.files.keys()]).toEqual(['/ud/workspace-folder.json']);
  });

  it('treats a corrupt file as no choice, and reports a failing write without throwing', () => {
    expect(parseWorkspaceChoice('{not json')).toBeNull();
    expect(parseWorkspaceChoice('{"folder": 3}')).toBeNull();
    expect(parseWorkspaceChoice('{"folder": ""}')).toBeNull();
    const errors: unknown[] = [];
    const failing = { ...memoryFiles(), writeText: () => { throw new Error('disk full'); } };
    const store = createWorkspaceChoiceStore(failing, '/ud/w.json', (e) => errors.push(e));
    store.set('/x');
    expect(store.folder()).toBe('/x');
    expect(String(errors[0])).toContain('disk full');
  });
});
