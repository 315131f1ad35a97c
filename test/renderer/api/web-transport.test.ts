import { describe, expect, it } from 'vitest';
import { createWebTransport, eventsUrl, webEndpointFromLocation, type WebTransportHost } from '../../../src-renderer/api/web-transport';

const endpoint = { origin: 'http://127.0.0.1:4321', token: 'secret-token' };

class FakeSocket {
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {}
}

function fakeHost(reply: () => Response) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const host: WebTransportHost = {
    fetch: (input, init) => {
      requests.push({ url: String(input), init });
      return Promise.resolve(reply());
    },
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    setTimeout: (callback, ms) => timers.push({ callback, ms }),
  };
  return { host, requests, sockets, timers };
}

describe('web transport', () => {
  it('finds the token in the page address, or nothing without one', () => {
    expect(webEndpointFromLocation({ origin: endpoint.origin, search: '?token=abc%2F1' })).toEqual({ origin: endpoint.origin, token: 'abc/1' });
    expect(webEndpointFromLocation({ origin: endpoint.origin, search: '' })).toBeNull();
  });

  it('posts the payload as JSON to /api/<operation> with the token header and returns the envelope', async () => {
    const { host, requests } = fakeHost(() => new Response(JSON.stringify({ ok: true, value: { jobId: 'job-3' } })));
    const transport = createWebTransport(endpoint, host);
    const envelope = await transport.invoke('jobs.cancel', { jobId: 'job-3' });
    expect(envelope).toEqual({ ok: true, value: { jobId: 'job-3' } });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('http://127.0.0.1:4321/api/jobs.cancel');
    expect(requests[0]!.init?.method).toBe('POST');
    expect((requests[0]!.init?.headers as Record<string, string>)['x-convexnet-token']).toBe('secret-token');
    expect(JSON.parse(String(requests[0]!.init?.body))).toEqual({ jobId: 'job-3' });
  });

  it('sends null for operations without a payload and maps an unreadable reply to an error envelope', async () => {
    const { host, requests } = fakeHost(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const envelope = await createWebTransport(endpoint, host).invoke('jobs.list', undefined);
    expect(requests[0]!.init?.body).toBe('null');
    expect(envelope).toMatchObject({ ok: false, error: { code: 'transport/http-502' } });
  });

  it('opens one event socket with the token, delivers {name, payload} messages and ignores junk', () => {
    const { host, sockets } = fakeHost(() => new Response('{}'));
    const transport = createWebTransport(endpoint, host);
    const seen: unknown[] = [];
    transport.onEvent((name, payload) => seen.push([name, payload]));
    transport.onEvent(() => undefined);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.url).toBe(eventsUrl(endpoint));
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:4321/events?token=secret-token');
    sockets[0]!.onmessage?.({ data: JSON.stringify({ name: 'job.progress', payload: { jobId: 'job-1' } }) });
    sockets[0]!.onmessage?.({ data: 'not json' });
    expect(seen).toEqual([['job.progress', { jobId: 'job-1' }]]);
  });

  it('reconnects with a growing delay and reports the drop and the return', () => {
    const { host, sockets, timers } = fakeHost(() => new Response('{}'));
    const transport = createWebTransport(endpoint, host);
    const connection: boolean[] = [];
    transport.onConnectionChange((connected) => connection.push(connected));
    transport.onEvent(() => undefined);
    sockets[0]!.onopen?.();
    sockets[0]!.onclose?.();
    expect(connection).toEqual([false]);
    expect(timers).toHaveLength(1);
    timers[0]!.callback();
    expect(sockets).toHaveLength(2);
    sockets[1]!.onclose?.();
    timers[1]!.callback();
    expect(timers[1]!.ms).toBeGreaterThan(timers[0]!.ms);
    sockets[2]!.onopen?.();
    expect(connection).toEqual([false, true]);
  });
});
