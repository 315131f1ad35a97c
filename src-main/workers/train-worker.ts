import { parentPort } from 'node:worker_threads';
import { runTrainJob } from './run-train-job';
import type { RunJobMessage } from './train-protocol';

/**
 * Entry of a training worker thread (built as out/main/train-worker.js; under tsx through
 * ts-worker-bootstrap.mjs). One job at a time: the solve is synchronous, so the pool sends the
 * next job only after this one replied.
 */
const port = parentPort;
if (!port) throw new Error('train-worker must be started as a worker thread.');

port.on('message', (message: unknown) => {
  if (!isRunMessage(message)) return;
  runTrainJob(message, (reply) => port.postMessage(reply));
});

function isRunMessage(value: unknown): value is RunJobMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'run';
}
