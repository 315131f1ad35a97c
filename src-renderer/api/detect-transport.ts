import { errorEnvelope } from '../../src-core/contract/envelope';
import { createElectronTransport, findElectronBridge } from './electron-transport';
import type { Transport } from './transport';
import { createWebTransport, webEndpointFromLocation } from './web-transport';

/**
 * Electron when the preload exposed `window.api`; otherwise web mode, with the token from the
 * page address. Without a token every call fails with a message that says how to open the app.
 */
export function detectTransport(host: Window = window): Transport {
  const bridge = findElectronBridge(host);
  if (bridge) return createElectronTransport(bridge);
  const endpoint = webEndpointFromLocation(host.location);
  if (endpoint) return createWebTransport(endpoint);
  return missingTokenTransport();
}

function missingTokenTransport(): Transport {
  const message = 'This page was opened without its access token. Open the full address that `npm run web` printed (it ends with ?token=...).';
  return {
    kind: 'web',
    invoke: () => Promise.resolve(errorEnvelope('transport/no-token', message)),
    onEvent: () => () => undefined,
    onConnectionChange: () => () => undefined,
  };
}
