import { parentPort } from 'node:worker_threads';
import type { DataRequest } from './data-protocol';
import { DataTasks } from './data-tasks';
import type { OpenFileRequest } from './open-file-protocol';

/**
 * Entry of the data worker thread (built as out/main/data-worker.js; under tsx through
 * ts-worker-bootstrap.mjs): reads targets and prepares datasets for the advice, the estimates,
 * the dataset configuration and the jobs, so that a million rows never hold up the main thread
 * (data-protocol.ts). One message at a time, in order, but for opening a file (open-file-protocol.ts),
 * whose parse lets other messages in between its slices.
 */
const port = parentPort;
if (!port) throw new Error('data-worker must be started as a worker thread.');

const tasks = new DataTasks();
port.on('message', (message: DataRequest | OpenFileRequest) => {
  if (message.type === 'open-file') {
    void tasks.open(message, (progress) => port.postMessage(progress)).then((answer) => port.postMessage(answer.reply, answer.transfer));
    return;
  }
  const answer = tasks.handle(message);
  if (answer) port.postMessage(answer.reply, answer.transfer);
});
