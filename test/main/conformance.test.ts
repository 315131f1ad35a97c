import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-core/contract/envelope';
import type { OperationName } from '../../src-core/contract/operations';
import { operationNames } from '../../src-core/contract/operations';
import { createOperationHandlers } from '../../src-main/services/operation-handlers';
import { apiRoutes } from '../../src-main/web/api-routes';
import type { WebServer } from '../../src-main/web/web-server';
import { startWebServer } from '../../src-main/web/web-server';
import { testServices } from './services/service-helpers';
import { http } from './web/web-helpers';

/**
 * One contract, two transports: every operation of src-core/contract/operations.ts must have a
 * handler in the services table, a route in the web server, the Electron IPC wiring (main
 * handler + preload) and a renderer client wrapper; and each of them must actually reach the
 * services (a probe payload comes back as anything but "unknown operation"). The probes are
 * empty objects: invalid for operations that take a request, so nothing is loaded or started.
 */
const repo = new URL('../../', import.meta.url);
const services = testServices({ poolSize: 1 });
let server: WebServer;

const takesNoPayload = (operation: OperationName): boolean => ['app.info', 'datasets.listBuiltIn', 'jobs.list'].includes(operation);
const probe = (operation: OperationName): unknown => (takesNoPayload(operation) ? undefined : {});

function expectReachedServices(operation: OperationName, reply: Envelope<unknown>): void {
  if (reply.ok) return;
  expect(reply.error.code, `${operation}: ${reply.error.message}`).not.toMatch(/unknown-operation|untrusted/);
  if (!takesNoPayload(operation)) expect(reply.error.code, operation).toBe('contract/invalid-request');
}

beforeAll(async () => {
  server = await startWebServer({ services, rendererDir: new URL('out/renderer', repo).pathname, logger: services.logger });
});
afterAll(async () => {
  await server.close();
  await services.dispose();
});

describe('contract conformance', () => {
  it('declares every operation once', () => {
    expect(new Set(operationNames).size).toBe(operationNames.length);
    expect(operationNames.length).toBeGreaterThanOrEqual(8);
  });

  it('has exactly one services handler per operation, each reachable through dispatch', async () => {
    const table = createOperationHandlers({ info: () => { throw new Error('unused'); }, datasets: {} as never, data: {} as never, jobs: {} as never, runs: {} as never, exporter: {} as never, imported: {} as never, imports: {} as never, openedFiles: {} as never });
    expect(Object.keys(table).sort()).toEqual([...operationNames].sort());
    expect([...services.operations].sort()).toEqual([...operationNames].sort());
    for (const operation of operationNames) expectReachedServices(operation, await services.dispatch(operation, probe(operation)));
  });

  it('has a web route per operation, each reaching the services over HTTP', async () => {
    expect(Object.keys(apiRoutes).sort()).toEqual([...operationNames].sort());
    for (const operation of operationNames) {
      expect(apiRoutes[operation]).toBe(`/api/${operation}`);
      const body = probe(operation);
      const reply = await http(server.port, apiRoutes[operation], {
        method: 'POST',
        headers: { 'x-convexnet-token': server.token, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(reply.status, operation).toBe(200);
      expectReachedServices(operation, reply.json as Envelope<unknown>);
    }
  });

  it('has Electron IPC wiring (main handler + preload) per operation, each reaching the services', async (context) => {
    const handlersFile = new URL('src-main/electron/contract-handlers.ts', repo);
    const preloadApiFile = new URL('src-main/electron/preload-api.ts', repo);
    const preloadFile = new URL('src-main/electron/preload.ts', repo);
    if (!existsSync(handlersFile) || !existsSync(preloadApiFile) || !existsSync(preloadFile)) {
      console.warn('NOTE: the Electron wiring (src-main/electron/contract-handlers.ts, preload-api.ts, preload.ts) is not there yet; its conformance is not checked.');
      context.skip();
      return;
    }
    // The preload exposes the contract API object and nothing else.
    const preloadText = readFileSync(preloadFile, 'utf8');
    expect(preloadText).toMatch(/contextBridge\.exposeInMainWorld\(\s*'api',\s*createContractApi\(/);

    type Listener = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>;
    const { registerContractHandlers } = (await import(handlersFile.href)) as {
      registerContractHandlers: (registry: unknown, dispatch: (op: OperationName, payload: unknown) => Promise<Envelope<unknown>>, trusted: (url: string) => boolean) => () => void;
    };
    const { createContractApi } = (await import(preloadApiFile.href)) as {
      createContractApi: (ipc: unknown, report: (error: unknown) => void) => { invoke: (op: string, payload?: unknown) => Promise<Envelope<unknown>> };
    };
    const channels = new Map<string, Listener>();
    const appPage = 'file:///app/out/renderer/index.html';
    registerContractHandlers(
      { handle: (channel: string, listener: Listener) => channels.set(channel, listener), removeHandler: (channel: string) => channels.delete(channel) },
      (operation, payload) => services.dispatch(operation, payload),
      (url) => url === appPage,
    );
    expect(channels.size).toBe(operationNames.length);
    const api = createContractApi(
      {
        invoke: (channel: string, ...args: unknown[]) => {
          const listener = channels.get(channel);
          return listener ? listener({ senderFrame: { url: appPage } }, ...args) : Promise.reject(new Error(`No handler registered for '${channel}'`));
        },
        on: () => undefined,
      },
      () => undefined,
    );
    for (const operation of operationNames) expectReachedServices(operation, await api.invoke(operation, probe(operation)));
  });

  it('has a renderer client wrapper per operation', async (context) => {
    const clientFile = new URL('src-renderer/api/client.ts', repo);
    if (!existsSync(clientFile)) {
      console.warn('NOTE: the renderer API client (src-renderer/api/client.ts) is not there yet; its conformance is not checked.');
      context.skip();
      return;
    }
    const { clientOperationNames } = (await import(clientFile.href)) as { clientOperationNames: readonly string[] };
    expect([...clientOperationNames].sort()).toEqual([...operationNames].sort());
  });
});
