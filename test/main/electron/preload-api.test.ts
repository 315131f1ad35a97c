import { describe, expect, it, vi } from 'vitest';
import { eventNames, operationNames } from '../../../src-core/contract/operations';
import { EVENT_CHANNEL, operationChannel } from '../../../src-main/electron/ipc-channels';
import type { RendererIpc } from '../../../src-main/electron/preload-api';
import { createContractApi } from '../../../src-main/electron/preload-api';

/** A stand-in for ipcRenderer that records invokes and lets the test push events. */
function fakeIpc(): RendererIpc & { invokes: unknown[][]; push: (message: unknown) => void; channels: string[] } {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const invokes: unknown[][] = [];
  return {
    invokes,
    channels: [],
    invoke(channel, ...args) {
      invokes.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: channel });
    },
    on(channel, listener) {
      this.channels.push(channel);
      handlers.set(channel, listener);
      return this;
    },
    push(message) {
      handlers.get(EVENT_CHANNEL)?.({ sender: 'the ipcRenderer itself' }, message);
    },
  };
}

describe('window.api (preload)', () => {
  it('exposes exactly invoke, onEvent and transport', () => {
    const api = createContractApi(fakeIpc(), () => undefined);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'transport']);
    expect(api.transport).toBe('electron');
  });

  it('sends every contract operation on its own channel with the payload', async () => {
    const ipc = fakeIpc();
    const api = createContractApi(ipc, () => undefined);
    for (const operation of operationNames) {
      await expect(api.invoke(operation as 'jobs.cancel', { jobId: 'j1' })).resolves.toEqual({ ok: true, value: operationChannel(operation) });
    }
    expect(ipc.invokes).toEqual(operationNames.map((operation) => [`convexnet:${operation}`, { jobId: 'j1' }]));
  });

  it.each([['jobs.delete'], ['constructor'], ['__proto__'], ['event'], [''], [42], [null]])(
    'refuses %j before anything is sent',
    async (name) => {
      const ipc = fakeIpc();
      const api = createContractApi(ipc, () => undefined);
      const reply = await api.invoke(name as never);
      expect(reply).toMatchObject({ ok: false, error: { code: 'ipc/unknown-operation' } });
      expect(ipc.invokes).toEqual([]);
    },
  );

  it('listens on the single event channel and passes (name, payload), never the IPC event', () => {
    const ipc = fakeIpc();
    const api = createContractApi(ipc, () => undefined);
    expect(ipc.channels).toEqual([EVENT_CHANNEL]);
    const listener = vi.fn();
    api.onEvent(listener);
    for (const name of eventNames) ipc.push({ name, payload: { n: 1 } });
    expect(listener.mock.calls).toEqual(eventNames.map((name) => [name, { n: 1 }]));
  });

  it('ignores messages that are not contract events', () => {
    const ipc = fakeIpc();
    const listener = vi.fn();
    createContractApi(ipc, () => undefined).onEvent(listener);
    for (const message of [null, 'job.updated', { name: 'job.deleted', payload: {} }, { payload: {} }, 7]) ipc.push(message);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribe, and keeps other listeners', () => {
    const ipc = fakeIpc();
    const api = createContractApi(ipc, () => undefined);
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribe = api.onEvent(first);
    api.onEvent(second);
    unsubscribe();
    ipc.push({ name: 'menu.command', payload: { command: 'toggle-theme' } });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('menu.command', { command: 'toggle-theme' });
  });

  it('keeps delivering when one listener throws, and reports the error', () => {
    const ipc = fakeIpc();
    const errors: unknown[] = [];
    const api = createContractApi(ipc, (error) => errors.push(error));
    const after = vi.fn();
    api.onEvent(() => {
      throw new Error('broken listener');
    });
    api.onEvent(after);
    ipc.push({ name: 'job.updated', payload: {} });
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
  });

  it('rejects a listener that is not a function', () => {
    const api = createContractApi(fakeIpc(), () => undefined);
    expect(() => api.onEvent('alert(1)' as never)).toThrow(TypeError);
  });
});
