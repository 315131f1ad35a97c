import { readFileSync } from 'node:fs';
import { coreCount } from '../services/app-info';
import { trainingWorkerCount } from '../services/worker-count';
import { cliLogger } from './cli-workers';
import { runCli } from './run-cli';

/** Entry of the `convexnet` command (loaded by convexnet.mjs through tsx). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

// A closed pipe (`convexnet predict ... | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const version = packageVersion();
process.exitCode = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    now: () => performance.now(),
    loadTrainer: async () => (await import('../../src-core/training/train-model')).trainModel,
    producer: `ConvexNet Studio ${version}`,
    version,
    // --workers, else CONVEXNET_WORKERS (checked as the app checks it), else 1: a script's
    // commands use one thread unless asked to (starting a worker costs more than a small run).
    workers: process.env['CONVEXNET_WORKERS'] === undefined ? 1 : trainingWorkerCount(process.env, coreCount(), cliLogger((text) => void process.stderr.write(text)), false),
  },
  process.env['CONVEXNET_DEBUG'] === '1',
);
