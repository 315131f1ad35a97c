import type { Envelope } from '../../src-core/contract/envelope';
import { errorEnvelope } from '../../src-core/contract/envelope';
import { eventNames, operationNames } from '../../src-core/contract/operations';
import type { ContractEvents, EventName } from '../../src-core/contract/operations';
import type { ContractApi, ContractEventListener } from '../../src-core/contract/window-api';
import { EVENT_CHANNEL, operationChannel } from './ipc-channels';

/**
 * Builds `window.api` from the two ipcRenderer calls it needs, injected so it is tested under
 * plain Node. The object holds only the typed contract: unknown operation names are refused
 * before anything is sent (a channel is only ever built from a contract name), and listeners
 * receive (name, payload), never the IpcRendererEvent (whose `sender` is ipcRenderer).
 */

/** The part of ipcRenderer used here (ipcRenderer satisfies it). */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const knownOperations: ReadonlySet<string> = new Set(operationNames);
const knownEvents: ReadonlySet<string> = new Set(eventNames);

interface EventMessage {
  readonly name: EventName;
  readonly payload: ContractEvents[EventName];
}

/** Main sends `{ name, payload }`; anything else on the channel is ignored. */
function asEventMessage(message: unknown): EventMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const { name, payload } = message as { name?: unknown; payload?: unknown };
  if (typeof name !== 'string' || !knownEvents.has(name)) return null;
  return { name: name as EventName, payload: payload as ContractEvents[EventName] };
}

export function createContractApi(ipc: RendererIpc, reportListenerError: (error: unknown) => void): ContractApi {
  const listeners = new Set<ContractEventListener>();

  // One IPC listener for the page's lifetime, fanned out to the page's listeners.
  ipc.on(EVENT_CHANNEL, (_event, message) => {
    const event = asEventMessage(message);
    if (event === null) return;
    for (const listener of [...listeners]) {
      try {
        listener(event.name, event.payload);
      } catch (error) {
        // One failing listener must not starve the others.
        reportListenerError(error);
      }
    }
  });

  function invoke(operation: unknown, payload?: unknown): Promise<Envelope<unknown>> {
    if (typeof operation !== 'string' || !knownOperations.has(operation)) {
      return Promise.resolve(errorEnvelope('ipc/unknown-operation', `Unknown operation: ${String(operation).slice(0, 100)}.`));
    }
    return ipc.invoke(operationChannel(operation as (typeof operationNames)[number]), payload) as Promise<Envelope<unknown>>;
  }

  function onEvent(listener: ContractEventListener): () => void {
    if (typeof listener !== 'function') throw new TypeError('window.api.onEvent expects a function.');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  return { transport: 'electron', invoke: invoke as ContractApi['invoke'], onEvent };
}
