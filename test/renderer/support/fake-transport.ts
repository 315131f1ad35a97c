import type { Envelope } from '../../../src-core/contract/envelope';
import { errorEnvelope, okEnvelope } from '../../../src-core/contract/envelope';
import type { ContractEvents, EventName, OperationName, RequestOf, ResponseOf } from '../../../src-core/contract/operations';
import type { ConnectionListener, RawEventListener, Transport } from '../../../src-renderer/api/transport';

export type FakeHandlers = { [K in OperationName]?: (request: RequestOf<K>) => Envelope<ResponseOf<K>> | Promise<Envelope<ResponseOf<K>>> };

export interface RecordedCall {
  readonly operation: OperationName;
  readonly payload: unknown;
}

export interface FakeTransport {
  readonly transport: Transport;
  readonly calls: RecordedCall[];
  callsOf(operation: OperationName): unknown[];
  emit<E extends EventName>(name: E, payload: ContractEvents[E]): void;
  setConnected(connected: boolean): void;
}

/** A transport that answers from handlers (unhandled operations fail) and pushes events on demand. */
export function createFakeTransport(handlers: FakeHandlers = {}): FakeTransport {
  const calls: RecordedCall[] = [];
  const listeners = new Set<RawEventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  const transport: Transport = {
    kind: 'web',
    async invoke(operation, payload) {
      calls.push({ operation, payload });
      const handler = handlers[operation] as ((request: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>) | undefined;
      if (!handler) return errorEnvelope('test/unhandled', `No fake handler for ${operation}.`);
      return handler(payload);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
  return {
    transport,
    calls,
    callsOf: (operation) => calls.filter((c) => c.operation === operation).map((c) => c.payload),
    emit: (name, payload) => {
      for (const listener of listeners) listener(name, payload);
    },
    setConnected: (connected) => {
      for (const listener of connectionListeners) listener(connected);
    },
  };
}

export { errorEnvelope, okEnvelope };
