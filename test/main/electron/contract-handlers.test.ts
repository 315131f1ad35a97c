import { describe, expect, it, vi } from 'vitest';
import { okEnvelope } from '../../../src-core/contract/envelope';
import { operationNames } from '../../../src-core/contract/operations';
import type { HandlerRegistry, InvokeEvent } from '../../../src-main/electron/contract-handlers';
import { registerContractHandlers } from '../../../src-main/electron/contract-handlers';
import { forwardContractEvents, sendContractEvent } from '../../../src-main/electron/event-forwarding';
import type { EventTarget } from '../../../src-main/electron/event-forwarding';
import { EVENT_CHANNEL } from '../../../src-main/electron/ipc-channels';
import { isTrustedSenderUrl } from '../../../src-main/electron/trusted-sender';

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain(): HandlerRegistry & { handlers: Map<string, Listener> } {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
}

const trusted: InvokeEvent = { senderFrame: { url: 'file:///app/out/renderer/index.html' } };
const isTrusted = (url: string): boolean => url === 'file:///app/out/renderer/index.html';

describe('contract handlers (ipcMain)', () => {
  it('registers exactly one handler per contract operation and removes them all', () => {
    const ipcMain = fakeIpcMain();
    const unregister = registerContractHandlers(ipcMain, vi.fn(), isTrusted);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(operationNames.map((name) => `convexnet:${name}`).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('dispatches a trusted call with its payload and returns the services envelope', async () => {
    const ipcMain = fakeIpcMain();
    const dispatch = vi.fn(() => Promise.resolve(okEnvelope({ accepted: true })));
    registerContractHandlers(ipcMain, dispatch, isTrusted);
    const reply = await ipcMain.handlers.get('convexnet:jobs.cancel')?.(trusted, { jobId: 'j7' }, 'extra argument');
    expect(reply).toEqual({ ok: true, value: { accepted: true } });
    expect(dispatch).toHaveBeenCalledWith('jobs.cancel', { jobId: 'j7' });
  });

  it.each([
    ['another page', { senderFrame: { url: 'https://evil.example/' } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses a call from %s without dispatching', async (_case, event) => {
    const ipcMain = fakeIpcMain();
    const dispatch = vi.fn();
    registerContractHandlers(ipcMain, dispatch, isTrusted);
    const reply = await ipcMain.handlers.get('convexnet:app.info')?.(event as InvokeEvent);
    expect(reply).toMatchObject({ ok: false, error: { code: 'ipc/untrusted-sender' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns an unexpected rejection into an error envelope', async () => {
    const ipcMain = fakeIpcMain();
    registerContractHandlers(ipcMain, () => Promise.reject(new Error('boom')), isTrusted);
    const reply = await ipcMain.handlers.get('convexnet:jobs.list')?.(trusted);
    expect(reply).toEqual({ ok: false, error: { code: 'internal/unexpected', message: 'jobs.list failed unexpectedly: boom' } });
  });
});

describe('trusted sender', () => {
  const location = { indexFileUrl: 'file:///opt/app/out/renderer/index.html', devServerUrl: undefined };
  const dev = { ...location, devServerUrl: 'http://localhost:5173/' };

  it('accepts the built page, with any query or hash', () => {
    expect(isTrustedSenderUrl('file:///opt/app/out/renderer/index.html', location)).toBe(true);
    expect(isTrustedSenderUrl('file:///opt/app/out/renderer/index.html?x=1#/train', location)).toBe(true);
  });

  it.each([
    'file:///opt/app/out/renderer/index.html.evil',
    'file:///opt/app/out/renderer/other.html',
    'file:///tmp/index.html',
    'http://localhost:5173/',
    'about:blank',
    'not a url',
    '',
  ])('refuses %j in production', (url) => {
    expect(isTrustedSenderUrl(url, location)).toBe(false);
  });

  it('accepts the dev server origin only when there is one', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isTrustedSenderUrl('https://localhost:5173/', dev)).toBe(false);
  });
});

describe('event forwarding', () => {
  function target(destroyed = false): EventTarget & { sent: unknown[][] } {
    const sent: unknown[][] = [];
    return { sent, isDestroyed: () => destroyed, send: (...args) => sent.push(args) };
  }

  it('sends services events to the live window on the event channel as { name, payload }', () => {
    let emit: ((name: 'job.updated', payload: never) => void) | undefined;
    const window = target();
    const unsubscribe = vi.fn();
    const stop = forwardContractEvents((listener) => {
      emit = listener as typeof emit;
      return unsubscribe;
    }, () => window);
    emit?.('job.updated', { jobId: 'j1' } as never);
    expect(window.sent).toEqual([[EVENT_CHANNEL, { name: 'job.updated', payload: { jobId: 'j1' } }]]);
    stop();
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('drops events when there is no live window', () => {
    const closed = target(true);
    sendContractEvent(closed, 'menu.command', { command: 'export-model' });
    sendContractEvent(null, 'menu.command', { command: 'export-model' });
    expect(closed.sent).toEqual([]);
  });
});
