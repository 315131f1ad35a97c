import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The file a Worker is started on, and the workerData that goes with it. */
export interface WorkerLaunch {
  readonly file: URL;
  readonly workerData?: { readonly tsEntry: string };
}

// Names kept in variables: a literal `new URL('x', import.meta.url)` would be rewritten by the
// bundler into an asset, but these paths must stay relative to the running file.
const BUILT_WORKER = 'train-worker.js';
const SOURCE_WORKER = '../workers/train-worker.ts';
const BUILT_DATA_WORKER = 'data-worker.js';
const SOURCE_DATA_WORKER = '../workers/data-worker.ts';
const TS_BOOTSTRAP = '../workers/ts-worker-bootstrap.mjs';

/**
 * Where the training worker lives, found from the running module:
 *  - from the sources (Vitest, tsx; this module is a .ts file): src-main/workers/train-worker.ts,
 *    started through the tsx bootstrap (see workerLaunch);
 *  - from the electron-vite build (Electron main or web mode): out/main/train-worker.js, an extra
 *    input of the main build. The bundler may place this module in out/main or in a chunk folder
 *    below it, so the folder and its parents are searched.
 */
export function defaultTrainWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return workerEntry(moduleUrl, BUILT_WORKER, SOURCE_WORKER, 'training worker');
}

/** Where the data worker lives (data-worker.ts), found as the training worker is. */
export function defaultDataWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return workerEntry(moduleUrl, BUILT_DATA_WORKER, SOURCE_DATA_WORKER, 'data worker');
}

function workerEntry(moduleUrl: string, built: string, source: string, name: string): URL {
  if (moduleUrl.endsWith('.ts')) return new URL(source, moduleUrl);
  const candidates = [`./${built}`, `../${built}`, `../../${built}`].map((p) => new URL(p, moduleUrl));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) {
    throw new Error(`The ${name} (${built}) is missing next to ${fileURLToPath(moduleUrl)}; rebuild with "electron-vite build".`);
  }
  return found;
}

/** How to start a worker on `entry`: a .ts entry goes through the tsx bootstrap, a .js/.mjs one directly. */
export function workerLaunch(entry: URL, moduleUrl: string = import.meta.url): WorkerLaunch {
  if (!entry.pathname.endsWith('.ts')) return { file: entry };
  if (!moduleUrl.endsWith('.ts')) throw new Error(`A TypeScript worker entry (${entry.href}) can only be used when running from the sources.`);
  return { file: new URL(TS_BOOTSTRAP, moduleUrl), workerData: { tsEntry: entry.href } };
}
