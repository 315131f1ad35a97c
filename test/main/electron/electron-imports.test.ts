import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * No Electron binary exists where the tests run, so only the thin wiring of the shell may load
 * 'electron' at run time; everything else (type-only imports are erased) must load under plain
 * Node. This keeps the decisions testable and web mode free of Electron.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const WIRING = ['src-main/electron/application-menu.ts', 'src-main/electron/main-window.ts', 'src-main/electron/main.ts', 'src-main/electron/preload.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry) ? [path] : [];
  });
}

const runtimeImports = [
  /^\s*import(?!\s+type\b)[^;]*?\bfrom\s*['"]electron['"]/m,
  /^\s*import\s*['"]electron['"]/m,
  /^\s*export(?!\s+type\b)[^;]*?\bfrom\s*['"]electron['"]/m,
  /\bimport\s*\(\s*['"]electron['"]\s*\)/,
  /(?<![.\w])require\s*\(\s*['"]electron['"]\s*\)/,
];

export function importsElectronAtRuntime(source: string): boolean {
  return runtimeImports.some((pattern) => pattern.test(source));
}

/** Files with an import, export-from or require of 'electron' that survives compilation. */
function runtimeElectronImporters(dir: string): string[] {
  return sourceFiles(join(repoRoot, dir))
    .filter((path) => importsElectronAtRuntime(readFileSync(path, 'utf8')))
    .map((path) => relative(repoRoot, path))
    .sort();
}

describe('electron imports', () => {
  it.each([
    ["import { app } from 'electron';", true],
    ['import electron from "electron";', true],
    ["import 'electron';", true],
    ["export { shell } from 'electron';", true],
    ["const { app } = require('electron');", true],
    ["const electron = await import('electron');", true],
    ["import type { App } from 'electron';", false],
    ["export type { App } from 'electron';", false],
    ["import { app } from './electron';", false],
    ["// the electron shell", false],
  ])('recognises %s', (source, expected) => {
    expect(importsElectronAtRuntime(source)).toBe(expected);
  });

  it('are limited to the shell wiring in src-main', () => {
    expect(runtimeElectronImporters('src-main')).toEqual(WIRING);
  });

  it('are absent from src-core and src-renderer', () => {
    expect(runtimeElectronImporters('src-core')).toEqual([]);
    expect(runtimeElectronImporters('src-renderer')).toEqual([]);
  });
});
