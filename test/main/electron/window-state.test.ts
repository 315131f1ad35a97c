import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateFiles } from '../../../src-main/electron/state-files';
import { nodeStateFiles, writeTextAtomically } from '../../../src-main/electron/state-files';
import type { WindowState } from '../../../src-main/electron/window-state';
import {
  createWindowStateStore,
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  parseWindowState,
  WINDOW_STATE_FILE_NAME,
} from '../../../src-main/electron/window-state';

const dirs: string[] = [];
function tempStatePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convexnet-window-state-'));
  dirs.push(dir);
  return join(dir, WINDOW_STATE_FILE_NAME);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** In-memory files that record every operation and can fail one of them. */
function memoryFiles(failOn?: 'writeText' | 'rename'): StateFiles & { files: Map<string, string>; log: string[] } {
  const files = new Map<string, string>();
  const log: string[] = [];
  return {
    files,
    log,
    readText: (path) => files.get(path),
    writeText(path, text) {
      log.push(`write ${path}`);
      if (failOn === 'writeText') {
        files.set(path, text.slice(0, 5)); // a torn write
        throw new Error('disk full');
      }
      files.set(path, text);
    },
    rename(from, to) {
      log.push(`rename ${from} -> ${to}`);
      if (failOn === 'rename') throw new Error('rename refused');
      const text = files.get(from);
      if (text === undefined) throw new Error(`no such file ${from}`);
      files.set(to, text);
      files.delete(from);
    },
    remove(path) {
      log.push(`remove ${path}`);
      files.delete(path);
    },
  };
}

const saved: WindowState = { bounds: { x: 40, y: 30, width: 1100, height: 760 }, maximized: true };
const noErrors = (error: unknown): never => {
  throw error;
};

describe('window state persistence', () => {
  it('remembers bounds and maximized state across launches', () => {
    const path = tempStatePath();
    createWindowStateStore(nodeStateFiles, path, noErrors).save(saved);
    expect(createWindowStateStore(nodeStateFiles, path, noErrors).load()).toEqual(saved);
  });

  it('gives the defaults when there is no file yet', () => {
    expect(createWindowStateStore(nodeStateFiles, tempStatePath(), noErrors).load()).toEqual(DEFAULT_WINDOW_STATE);
  });

  it.each([
    ['not JSON', '{"width": 1000, "hei'],
    ['not an object', '[1000, 700]'],
    ['null', 'null'],
    ['sizes of the wrong type', '{"width": "1000", "height": 700}'],
    ['a size that is not finite', '{"width": 1e999, "height": 700}'],
    ['a tiny size', '{"width": 3, "height": 700}'],
    ['a huge size', '{"width": 1000000, "height": 700}'],
    ['a fractional size', '{"width": 1000.5, "height": 700}'],
  ])('falls back to the defaults for a corrupt file (%s)', (_case, text) => {
    const path = tempStatePath();
    writeFileSync(path, text);
    const errors: unknown[] = [];
    expect(createWindowStateStore(nodeStateFiles, path, (error) => errors.push(error)).load()).toEqual(DEFAULT_WINDOW_STATE);
    expect(errors).toEqual([]);
  });

  it('keeps a valid size but drops a nonsense position', () => {
    expect(parseWindowState('{"x": "left", "y": 10, "width": 900, "height": 600, "maximized": "yes"}')).toEqual({
      bounds: { width: 900, height: 600 },
      maximized: false,
    });
  });

  it('reports an unreadable file and still opens with the defaults', () => {
    const errors: unknown[] = [];
    const files: StateFiles = { ...nodeStateFiles, readText: () => { throw new Error('EACCES'); } };
    expect(createWindowStateStore(files, '/x/window-state.json', (error) => errors.push(error)).load()).toEqual(DEFAULT_WINDOW_STATE);
    expect(errors).toHaveLength(1);
  });
});

describe('atomic write', () => {
  it('writes a temp file beside the target, then renames it over the target', () => {
    const files = memoryFiles();
    writeTextAtomically(files, '/d/state.json', 'new');
    expect(files.log).toEqual(['write /d/state.json.tmp', 'rename /d/state.json.tmp -> /d/state.json']);
    expect([...files.files.entries()]).toEqual([['/d/state.json', 'new']]);
  });

  it.each(['writeText', 'rename'] as const)('leaves the previous file intact and no temp file when %s fails', (failOn) => {
    const files = memoryFiles(failOn);
    files.files.set('/d/state.json', 'old');
    const errors: unknown[] = [];
    createWindowStateStore(files, '/d/state.json', (error) => errors.push(error)).save(saved);
    expect(errors).toHaveLength(1);
    expect([...files.files.entries()]).toEqual([['/d/state.json', 'old']]);
  });

  it('leaves only the final file on a real disk', () => {
    const path = tempStatePath();
    writeFileSync(path, 'old');
    createWindowStateStore(nodeStateFiles, path, noErrors).save(saved);
    expect(readdirSync(join(path, '..'))).toEqual([WINDOW_STATE_FILE_NAME]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ x: 40, y: 30, width: 1100, height: 760, maximized: true });
  });
});

describe('fit to displays', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 1280, height: 1000 };

  it('keeps a position that is on a display', () => {
    expect(fitToDisplays(saved, [primary])).toEqual(saved);
    const onSecond: WindowState = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(fitToDisplays(onSecond, [primary, right])).toEqual(onSecond);
  });

  it('drops a position on a display that is gone, so the window opens centred', () => {
    const onSecond: WindowState = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(fitToDisplays(onSecond, [primary]).bounds).toEqual({ width: 1000, height: 700 });
  });

  it('drops a position whose title bar is above the screen', () => {
    expect(fitToDisplays({ bounds: { x: 100, y: -500, width: 1000, height: 700 }, maximized: false }, [primary]).bounds).toEqual({
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than every display', () => {
    expect(fitToDisplays({ bounds: { width: 5000, height: 3000 }, maximized: false }, [primary, right]).bounds).toEqual({
      width: 1920,
      height: 1040,
    });
  });
});
