import type { Envelope } from '../../src-core/contract/envelope';
import type { EventName, OperationName } from '../../src-core/contract/operations';

/**
 * How the renderer reaches the back end. Two implementations: Electron (the preload's
 * `window.api`) and web mode (HTTP + WebSocket to the local server). Both speak the contract's
 * operation names and return envelopes; the client turns envelopes into values or errors.
 */
export type TransportKind = 'electron' | 'web';

export type RawEventListener = (name: EventName, payload: unknown) => void;

export type ConnectionListener = (connected: boolean) => void;

export interface Transport {
  readonly kind: TransportKind;
  invoke(operation: OperationName, payload: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: RawEventListener): () => void;
  /**
   * Reports when the event stream drops and comes back (web mode); events pushed while it was
   * down are lost, so listeners re-read state when it returns. Electron never disconnects.
   */
  onConnectionChange(listener: ConnectionListener): () => void;
}
