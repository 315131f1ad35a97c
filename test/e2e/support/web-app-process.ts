import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-paths';

export interface WebApp {
  /** http://127.0.0.1:PORT/?token=... as printed by web mode. */
  readonly url: string;
  /** The run-history folder this app saves runs in. */
  readonly workspace: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

const URL_LINE = /ConvexNet Studio web mode: (http:\/\/\S+)/;

export interface StartWebAppOptions {
  /** Run-history folder to use (e.g. to restart on the same runs); default: a fresh temporary folder, removed on stop. */
  readonly workspace?: string;
}

/** Starts `node out/main/web.js --port 0 --workspace DIR` and waits for the address it prints. */
export function startWebApp(timeoutMs = 30_000, options: StartWebAppOptions = {}): Promise<WebApp> {
  const ownWorkspace = options.workspace === undefined;
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'convexnet-e2e-workspace-'));
  const child = spawn(process.execPath, [join(repoRoot, 'out/main/web.js'), '--port', '0', '--workspace', workspace], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killTimer);
    }
    if (ownWorkspace) rmSync(workspace, { recursive: true, force: true });
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`web mode printed no URL within ${timeoutMs} ms.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = URL_LINE.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1]!, workspace, stderr: () => stderr, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited (code ${code}, signal ${signal}) before printing its URL.\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}
