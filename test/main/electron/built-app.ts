import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Builds the app once for the shell's smoke test. It builds into its own folder
 * (test-artifacts/electron-build, same layout as out/) so it never races another suite that
 * builds out/, and it reuses that build while no input changed since it started.
 */

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const buildDir = join(repoRoot, 'test-artifacts', 'electron-build');

const inputs = ['src-main', 'src-core', 'src-renderer', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];
const stampFile = join(buildDir, '.inputs-mtime');
const lockDir = `${buildDir}.lock`;
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function newestInput(): number {
  return Math.max(...inputs.map((input) => newestMtime(join(repoRoot, input))));
}

/** Fresh when the inputs are no newer than they were when the last successful build started. */
function isFresh(): boolean {
  if (!existsSync(stampFile)) return false;
  return Number(readFileSync(stampFile, 'utf8')) >= newestInput();
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir, { recursive: false });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run must not block every later run.
      const stats = statSync(lockDir, { throwIfNoEntry: false });
      if (stats !== undefined && Date.now() - stats.mtimeMs > STALE_LOCK_MS) rmdirSync(lockDir);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmdirSync(lockDir);
  }
}

/** Returns the build folder (main/, preload/, renderer/), building first if an input changed. */
export async function ensureElectronBuild(): Promise<string> {
  mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
  return withLock(async () => {
    if (isFresh()) return buildDir;
    const startedWith = newestInput();
    const cli = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    try {
      await promisify(execFile)(process.execPath, [cli, 'build', '--outDir', buildDir], { cwd: repoRoot, maxBuffer: 32 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`electron-vite build failed:\n${`${stdout}\n${stderr}`.slice(-4000)}`);
    }
    writeFileSync(stampFile, String(startedWith));
    return buildDir;
  });
}
