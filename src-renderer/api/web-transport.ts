import type { Envelope } from '../../src-core/contract/envelope';
import { errorEnvelope } from '../../src-core/contract/envelope';
import type { EventName } from '../../src-core/contract/operations';
import type { ConnectionListener, RawEventListener, Transport } from './transport';

/**
 * Web mode: operations are `POST /api/<operation>` with the per-launch token in a header, events
 * arrive over `WebSocket /events?token=...` as `{ name, payload }`. The socket reconnects with a
 * growing delay when the server drops it.
 */
export interface WebEndpoint {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  readonly token: string;
}

export interface WebTransportHost {
  readonly fetch: typeof fetch;
  readonly createSocket: (url: string) => WebSocket;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
}

const TOKEN_HEADER = 'x-convexnet-token';
const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5000;

/** The endpoint of the page's own server, or null when the URL carries no token. */
export function webEndpointFromLocation(location: Pick<Location, 'origin' | 'search'>): WebEndpoint | null {
  const token = new URLSearchParams(location.search).get('token');
  return token ? { origin: location.origin, token } : null;
}

export function eventsUrl(endpoint: WebEndpoint): string {
  const url = new URL('/events', endpoint.origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', endpoint.token);
  return url.toString();
}

export function createWebTransport(endpoint: WebEndpoint, host: WebTransportHost = browserHost()): Transport {
  const events = createEventStream(eventsUrl(endpoint), host);
  return {
    kind: 'web',
    async invoke(operation, payload) {
      const response = await host.fetch(`${endpoint.origin}/api/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: endpoint.token },
        body: JSON.stringify(payload ?? null),
      });
      try {
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return errorEnvelope(`transport/http-${response.status}`, `The back end answered ${operation} with HTTP ${response.status} and no readable reply.`);
      }
    },
    onEvent: events.subscribe,
    onConnectionChange: events.onConnectionChange,
  };
}

function browserHost(): WebTransportHost {
  return {
    fetch: (input, init) => fetch(input, init),
    createSocket: (url) => new WebSocket(url),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
  };
}

interface EventStream {
  subscribe(listener: RawEventListener): () => void;
  onConnectionChange(listener: ConnectionListener): () => void;
}

/** One socket shared by all subscribers, opened on the first subscription and kept open. */
function createEventStream(url: string, host: WebTransportHost): EventStream {
  const listeners = new Set<RawEventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  let socket: WebSocket | null = null;
  let connected = false;
  let wasConnected = false;
  let retryMs = FIRST_RETRY_MS;

  const announce = (connected: boolean): void => {
    for (const listener of connectionListeners) listener(connected);
  };

  const connect = (): void => {
    const current = host.createSocket(url);
    socket = current;
    current.onopen = () => {
      retryMs = FIRST_RETRY_MS;
      connected = true;
      if (wasConnected) announce(true);
      wasConnected = true;
    };
    current.onmessage = (message: MessageEvent) => {
      const event = parseEvent(message.data);
      if (!event) return;
      for (const listener of listeners) listener(event.name, event.payload);
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      // Failed reconnection attempts close too: report the drop once.
      if (connected) announce(false);
      connected = false;
      host.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => listeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

function parseEvent(data: unknown): { name: EventName; payload: unknown } | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as { name?: unknown; payload?: unknown };
    return typeof parsed.name === 'string' ? { name: parsed.name as EventName, payload: parsed.payload } : null;
  } catch {
    return null;
  }
}
