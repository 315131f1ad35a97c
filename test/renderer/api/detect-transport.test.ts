// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { okEnvelope } from '../../../src-core/contract/envelope';
import { detectTransport } from '../../../src-renderer/api/detect-transport';

function fakeWindow(search: string, api?: unknown): Window {
  return { location: { origin: 'http://127.0.0.1:5000', search }, ...(api ? { api } : {}) } as unknown as Window;
}

describe('transport detection', () => {
  it('uses window.api when the Electron preload exposed it', async () => {
    const calls: unknown[] = [];
    const api = {
      transport: 'electron',
      invoke: (operation: string, payload: unknown) => {
        calls.push([operation, payload]);
        return Promise.resolve(okEnvelope([]));
      },
      onEvent: () => () => undefined,
    };
    const transport = detectTransport(fakeWindow('?token=ignored', api));
    expect(transport.kind).toBe('electron');
    await transport.invoke('jobs.list', undefined);
    expect(calls).toEqual([['jobs.list', undefined]]);
  });

  it('uses web mode with the token from the page address otherwise', () => {
    expect(detectTransport(fakeWindow('?token=abc')).kind).toBe('web');
  });

  it('without a token every call fails with instructions', async () => {
    const envelope = await detectTransport(fakeWindow('')).invoke('app.info', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'transport/no-token' } });
    expect(envelope.ok ? '' : envelope.error.message).toContain('?token=');
  });
});
