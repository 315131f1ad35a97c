import type { ContractEvents, EventName } from '../../src-core/contract/operations';
import type { ContractEventListener } from '../../src-core/contract/window-api';
import { EVENT_CHANNEL } from './ipc-channels';

/**
 * Sends pushed events to the window's renderer on the single event channel as `{ name, payload }`.
 * The target is looked up on every event because the window can be closed (and, on macOS,
 * reopened) while jobs keep running; events with no live window are dropped.
 */

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, message: unknown): void;
}

export type TargetLookup = () => EventTarget | null;

export function sendContractEvent<K extends EventName>(target: EventTarget | null, name: K, payload: ContractEvents[K]): void {
  if (target === null || target.isDestroyed()) return;
  target.send(EVENT_CHANNEL, { name, payload });
}

/** Forwards every event of a services-style subscription; returns the unsubscribe function. */
export function forwardContractEvents(subscribe: (listener: ContractEventListener) => () => void, lookup: TargetLookup): () => void {
  return subscribe((name, payload) => sendContractEvent(lookup(), name, payload));
}
