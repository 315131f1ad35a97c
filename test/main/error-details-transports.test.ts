import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName } from '../../src-core/contract/operations';
import { registerContractHandlers, type InvokeEvent } from '../../src-main/electron/contract-handlers';
import { createContractApi } from '../../src-main/electron/preload-api';
import { startWebServer, type WebServer } from '../../src-main/web/web-server';
import { testServices } from './services/service-helpers';

/**
 * An error reply's structured details (a workbook's sheets, when its first sheet holds one column
 * of notes) reach the renderer's client as data through both transports: Electron IPC, whose
 * messages are structured clones, and web mode's HTTP + JSON.
 */
const services = testServices({ poolSize: 1 });
let server: WebServer;

/**
 * The renderer's client and transports, loaded by URL as the conformance test loads them: this
 * project type-checks without the DOM types they are written against, so they are used through
 * the few members needed here.
 */
interface ApiClient {
  uploadDatasetChunk(request: { chunkBase64: string }): Promise<{ uploadId: string }>;
  importDataset(request: { uploadId: string; fileName: string; importId: string }): Promise<unknown>;
}
interface Renderer {
  ApiError: abstract new (...args: never[]) => { readonly details: unknown };
  createApiClient(transport: unknown): ApiClient;
  createElectronTransport(bridge: unknown): unknown;
  createWebTransport(endpoint: { origin: string; token: string }, host: unknown): unknown;
}
const renderer = (path: string): Promise<Partial<Renderer>> => import(new URL(`../../src-renderer/api/${path}.ts`, import.meta.url).href) as Promise<Partial<Renderer>>;
let api: Renderer;

beforeAll(async () => {
  api = Object.assign({}, ...(await Promise.all(['api-error', 'client', 'electron-transport', 'web-transport'].map(renderer)))) as Renderer;
  server = await startWebServer({ services, rendererDir: new URL('../../out/renderer', import.meta.url).pathname, logger: services.logger });
});
afterAll(async () => {
  await server.close();
  await services.dispose();
});

/** The desktop wiring without Electron: ipcMain handlers and the preload's API, every message structured-cloned as IPC does. */
function ipcClient(): ApiClient {
  type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;
  const channels = new Map<string, Listener>();
  const page = 'file:///app/out/renderer/index.html';
  registerContractHandlers(
    { handle: (channel, listener) => void channels.set(channel, listener), removeHandler: (channel) => void channels.delete(channel) },
    (operation: OperationName, payload: unknown) => services.dispatch(operation, payload),
    (url) => url === page,
  );
  const bridge = createContractApi(
    {
      invoke: async (channel, ...args) => structuredClone(await channels.get(channel)!({ senderFrame: { url: page } }, ...structuredClone(args))),
      on: () => undefined,
    },
    () => undefined,
  );
  return api.createApiClient(api.createElectronTransport(bridge));
}

function webClient(): ApiClient {
  const host = { fetch: (...args: Parameters<typeof fetch>) => fetch(...args), createSocket: () => { throw new Error('no events here'); }, setTimeout: () => undefined };
  return api.createApiClient(api.createWebTransport({ origin: `http://127.0.0.1:${server.port}`, token: server.token }, host));
}

async function importWorkbook(client: ApiClient, importId: string): Promise<unknown> {
  const bytes = readFileSync(new URL('../fixtures/data/notes-first.xlsx', import.meta.url));
  const { uploadId } = await client.uploadDatasetChunk({ chunkBase64: bytes.toString('base64') });
  return client.importDataset({ uploadId, fileName: 'notes-first.xlsx', importId }).catch((error: unknown) => error);
}

describe('error details over both transports', () => {
  it.each([
    ['Electron IPC', () => ipcClient()],
    ['web mode', () => webClient()],
  ])('%s carries the sheets of a workbook whose first sheet failed to the client', async (name, client) => {
    const error = await importWorkbook(client(), `details-${name}`);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toMatchObject({ code: 'data/too-few-columns', operation: 'datasets.import' });
    expect((error as InstanceType<Renderer['ApiError']>).details).toEqual({ kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Measurements'] });
  });
});
