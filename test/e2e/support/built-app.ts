import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-paths';

/** What web mode runs; all must be newer than every source file to be reused. */
const outputs = ['out/main/web.js', 'out/main/train-worker.js', 'out/main/data-worker.js', 'out/renderer/index.html'];
const sourceDirs = ['src-main', 'src-renderer', 'src-core'];
const sourceFiles = ['package.json', 'package-lock.json', 'electron.vite.config.ts'];
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when every output exists and is newer than every source. */
export function isBuildFresh(): boolean {
  const outputPaths = outputs.map((p) => join(repoRoot, p));
  if (!outputPaths.every((p) => existsSync(p))) return false;
  const oldestOutput = Math.min(...outputPaths.map((p) => statSync(p).mtimeMs));
  const newestSource = Math.max(...[...sourceDirs, ...sourceFiles].map((p) => newestMtime(join(repoRoot, p))));
  return oldestOutput > newestSource;
}

/**
 * Builds the app with electron-vite unless out/ is already newer than the sources. E2E files run
 * in parallel workers: a lock directory makes the build happen once while the others wait.
 */
export async function ensureBuiltApp(): Promise<void> {
  const lock = join(tmpdir(), `convexnet-e2e-build-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 12)}.lock`);
  await acquire(lock);
  try {
    if (isBuildFresh()) return;
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0) {
      throw new Error(`electron-vite build failed (exit ${build.status}):\n${(build.stdout + build.stderr).slice(-4000)}`);
    }
    if (!isBuildFresh()) throw new Error(`electron-vite build finished but did not produce ${outputs.join(', ')}.`);
  } finally {
    rmdirSync(lock);
  }
}

async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed run must not block every later run.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
