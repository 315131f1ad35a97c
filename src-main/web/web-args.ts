import { parseArgs } from 'node:util';

export interface WebArgs {
  readonly port: number;
  /** Absent: the built renderer next to the running bundle. */
  readonly rendererDir?: string;
  /** Folder of the run history; absent: defaultWebWorkspaceFolder(). */
  readonly workspace?: string;
  readonly help: boolean;
}

export const WEB_HELP = `Usage: npm run web [-- --port N] [-- --renderer-dir DIR] [-- --workspace DIR]

Starts ConvexNet Studio in web mode: the back end and the built renderer behind a local
server on 127.0.0.1 (this machine only), protected by a random token in the printed URL.

  --port N            port to listen on (default 0: any free port)
  --renderer-dir DIR  the built renderer to serve (default: out/renderer)
  --workspace DIR     folder where every finished run is saved (default: ~/.convexnet-studio/workspace)
`;

/** Command-line options of web mode; throws an Error with a one-line message on bad input. */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, 'renderer-dir': { type: 'string' }, workspace: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got "${portText}"`);
  if (values.workspace !== undefined && values.workspace.trim() === '') throw new Error('--workspace needs a folder');
  return {
    port,
    help: values.help ?? false,
    ...(values['renderer-dir'] !== undefined ? { rendererDir: values['renderer-dir'] } : {}),
    ...(values.workspace !== undefined ? { workspace: values.workspace } : {}),
  };
}
