import type { Envelope } from './envelope';
import type { ContractEvents, EventName, OperationName, RequestOf, ResponseOf } from './operations';

/**
 * The type of `window.api` in the Electron app: the whole surface the preload exposes through
 * contextBridge, and nothing else. (Web mode has no `window.api`; its transport speaks the same
 * operation names and envelopes over HTTP + WebSocket.)
 */

/**
 * Receives every pushed event as (name, payload), the same shape the back-end services emit;
 * a listener narrows the payload by checking the name.
 */
export type ContractEventListener = <E extends EventName>(name: E, payload: ContractEvents[E]) => void;

export type PayloadArgs<K extends OperationName> = RequestOf<K> extends void ? [payload?: undefined] : [payload: RequestOf<K>];

export interface ContractApi {
  /** Lets the renderer tell the preload's object from anything else on `window`. */
  readonly transport: 'electron';
  /**
   * Calls one operation. Always resolves with an envelope: failures (unknown operation, invalid
   * payload, untrusted sender, handler errors) arrive as `{ ok: false, error }`, never as a throw.
   * Operations whose request is `void` may be called without a payload.
   */
  invoke<K extends OperationName>(operation: K, ...payload: PayloadArgs<K>): Promise<Envelope<ResponseOf<K>>>;
  /** Subscribes to every pushed event; returns the function that unsubscribes. */
  onEvent(listener: ContractEventListener): () => void;
}
