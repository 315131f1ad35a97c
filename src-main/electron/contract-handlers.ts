import type { Envelope } from '../../src-core/contract/envelope';
import { errorEnvelope } from '../../src-core/contract/envelope';
import type { OperationName } from '../../src-core/contract/operations';
import { operationNames } from '../../src-core/contract/operations';
import { operationChannel } from './ipc-channels';

/**
 * Registers one ipcMain handler per contract operation. Each handler first checks that the call
 * comes from the app's own page, then hands the payload to the services, which validate it.
 * Replies are always envelopes: a throw inside ipcMain.handle would reach the renderer stripped
 * of its code, so even an unexpected rejection is turned into one.
 */

/** The part of Electron's IpcMainInvokeEvent the handlers read. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of ipcMain used here (ipcMain satisfies it). */
export interface HandlerRegistry {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type Dispatch = (operation: OperationName, payload: unknown) => Promise<Envelope<unknown>>;

export function registerContractHandlers(registry: HandlerRegistry, dispatch: Dispatch, isTrustedSender: (url: string) => boolean): () => void {
  for (const operation of operationNames) {
    registry.handle(operationChannel(operation), async (event, payload) => {
      const url = event.senderFrame?.url;
      if (url === undefined || !isTrustedSender(url)) {
        return errorEnvelope('ipc/untrusted-sender', `Refused ${operation}: the call did not come from the app's own page.`);
      }
      try {
        return await dispatch(operation, payload);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return errorEnvelope('internal/unexpected', `${operation} failed unexpectedly: ${message}`);
      }
    });
  }
  return () => {
    for (const operation of operationNames) registry.removeHandler(operationChannel(operation));
  };
}
