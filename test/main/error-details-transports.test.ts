import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { parseAppErrorEvent } from '../../src-core/contract/app-error-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OperationName } from '../../src-core/contract/operations';
import { registerContractHandlers, type InvokeEvent } from '../../src-main/electron/contract-handlers';
import { forwardContractEvents } from '../../src-main/electron/event-forwarding';
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
  reopenDataset(request: { fileId: string; importId: string; options: { sheet: string } }): Promise<{ previewColumns: string[] }>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
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
const dir = mkdtempSync(join(tmpdir(), 'convexnet-details-'));
const stops: (() => void)[] = [];
afterAll(async () => {
  for (const stop of stops) stop();
  await server.close();
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The desktop wiring without Electron: ipcMain handlers and the preload's API, every message structured-cloned as IPC does. */
function ipcClient(): ApiClient {
  type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;
  const channels = new Map<string, Listener>();
  let eventListener: ((event: unknown, ...args: unknown[]) => void) | null = null;
  // The main process's event forwarding, sending to the page as webContents.send does (a structured clone).
  stops.push(forwardContractEvents((listener) => services.onEvent(listener), () => ({ isDestroyed: () => false, send: (_channel, message) => eventListener?.({}, structuredClone(message)) })));
  const page = 'file:///app/out/renderer/index.html';
  registerContractHandlers(
    { handle: (channel, listener) => void channels.set(channel, listener), removeHandler: (channel) => void channels.delete(channel) },
    (operation: OperationName, payload: unknown) => services.dispatch(operation, payload),
    (url) => url === page,
  );
  const bridge = createContractApi(
    {
      invoke: async (channel, ...args) => structuredClone(await channels.get(channel)!({ senderFrame: { url: page } }, ...structuredClone(args))),
      on: (_channel, listener) => void (eventListener = listener),
    },
    () => undefined,
  );
  return api.createApiClient(api.createElectronTransport(bridge));
}

/** The web transport's event sockets, each opened once connected. */
const socketsOpen: Promise<unknown>[] = [];

function webClient(): ApiClient {
  const createSocket = (url: string): WebSocket => {
    const socket = new WebSocket(url);
    socketsOpen.push(new Promise((opened) => socket.once('open', opened)));
    stops.push(() => socket.terminate());
    return socket;
  };
  const host = { fetch: (...args: Parameters<typeof fetch>) => fetch(...args), createSocket, setTimeout: () => undefined };
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

describe('the app.error of a workbook opened from the desktop menu, over both transports', () => {
  it.each([
    ['Electron IPC', () => ipcClient()],
    ['web mode', () => webClient()],
  ])("%s brings its sheets and the file's id to the client, which then reads the picked sheet by that id", async (name, makeClient) => {
    const client = makeClient();
    const received: unknown[] = [];
    stops.push(client.onEvent((event, payload) => event === 'app.error' && received.push(payload)));
    // The web socket connects on the first subscription.
    if (name === 'web mode') await Promise.all(socketsOpen);
    const path = join(dir, `${name.replace(/\W/g, '-')}.xlsx`);
    writeFileSync(path, readFileSync(new URL('../fixtures/data/notes-first.xlsx', import.meta.url)));
    await services.openDatasetFile(path);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const event = parseAppErrorEvent(received[0]);
    expect(event).toMatchObject({ code: 'data/too-few-columns', details: { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Measurements'] } });
    const summary = await client.reopenDataset({ fileId: event!.openedFile!.fileId, importId: `reopen-${name}`, options: { sheet: 'Measurements' } });
    expect(summary.previewColumns.length).toBeGreaterThan(1);
  });
});

