import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import type { AppInfo } from '../../src-core/contract/operations';

export const APP_NAME = 'ConvexNet Studio';
const PACKAGE_NAME = 'convexnet-studio';

/**
 * The app's version from its package.json, found by walking up from this module: from the
 * sources it is two folders up, from the build (out/main, maybe a chunk folder) two or three.
 */
export function readAppVersion(moduleUrl: string = import.meta.url): string {
  for (let up = 1; up <= 4; up++) {
    try {
      const url = new URL(`${'../'.repeat(up)}package.json`, moduleUrl);
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not here (or unreadable): keep walking up.
    }
  }
  return 'unknown';
}

/** Worker threads the machine can run side by side (at least 1). */
export function coreCount(): number {
  return Math.max(1, availableParallelism());
}

export function appInfo(transport: AppInfo['transport'], version: string, trainingWorkers: number): AppInfo {
  return { name: APP_NAME, version, transport, cores: coreCount(), totalMemoryBytes: totalmem(), trainingWorkers };
}
