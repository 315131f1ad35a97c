import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createServices } from '../services/create-services';
import { defaultWebWorkspaceFolder } from '../workspace/workspace-folder';
import { parseWebArgs, WEB_HELP } from './web-args';
import { startWebServer } from './web-server';

/**
 * Entry of web mode (`npm run web`, built as out/main/web.js): the same services as the desktop
 * app behind a loopback HTTP + WebSocket server, serving the built renderer. Prints the URL with
 * its token; Ctrl+C stops the server and the workers.
 */
// Kept in a variable so the bundler leaves the path relative to the running file.
const builtRenderer = '../renderer/';
const sourceRenderer = '../../out/renderer/';

async function main(): Promise<void> {
  const args = parseWebArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(WEB_HELP);
    return;
  }
  const rendererDir = args.rendererDir ?? fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? sourceRenderer : builtRenderer, import.meta.url));
  const workspaceFolder = args.workspace !== undefined ? resolve(args.workspace) : defaultWebWorkspaceFolder();
  const services = createServices({ transport: 'web', workspaceFolder });
  const server = await startWebServer({ services, rendererDir, port: args.port });
  process.stdout.write(`ConvexNet Studio web mode: ${server.url}\n`);
  process.stdout.write(`Runs are saved in ${workspaceFolder}.\n`);
  process.stdout.write('Open it in a browser on this machine; press Ctrl+C to stop.\n');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void Promise.all([server.close(), services.dispose()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`convexnet web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
