import { readFileSync } from 'node:fs';
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
  },
  process.env['CONVEXNET_DEBUG'] === '1',
);
