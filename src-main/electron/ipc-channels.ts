import type { OperationName } from '../../src-core/contract/operations';

/**
 * IPC channel names shared by main and the preload. One channel per operation lets main register
 * exactly one handler per contract name (anything else has no handler and fails in Electron);
 * every pushed event travels on a single channel as `{ name, payload }`.
 */
export const CHANNEL_PREFIX = 'convexnet:';

export const EVENT_CHANNEL = `${CHANNEL_PREFIX}event`;

export function operationChannel(operation: OperationName): string {
  return `${CHANNEL_PREFIX}${operation}`;
}
