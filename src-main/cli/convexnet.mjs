#!/usr/bin/env node
// Launcher of the `convexnet` command: registers tsx so Node runs the TypeScript sources
// directly, then loads the entry. Any failure to start is reported as one line, never a stack.
import { register } from 'tsx/esm/api';

try {
  register();
  await import(new URL('./main.ts', import.meta.url).href);
} catch (error) {
  process.stderr.write(`convexnet: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.CONVEXNET_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
