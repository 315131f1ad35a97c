// Starts a worker thread on a TypeScript entry when running from the sources (Vitest, tsx):
// `execArgv: ['--import', 'tsx']` does not reach workers on Node 20, registering tsx's loader
// inside the thread does. The built app never uses this file (its worker is plain JS).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry = workerData?.tsEntry;
if (typeof entry !== 'string') throw new Error('ts-worker-bootstrap needs workerData.tsEntry (a file URL of a .ts entry).');
await import(entry);
