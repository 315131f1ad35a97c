import type { RendererLocation } from './renderer-location';

/**
 * Whether a frame URL is the app's own page, checked on every IPC call: only the built
 * index.html (any query or hash) or, in development, a page of the dev server's origin may call
 * the contract. Anything else (an injected frame, a page reached by a navigation that slipped
 * through) is refused. URLs are compared parsed, not by prefix, so 'index.html.evil' or
 * 'http://localhost:5173.evil.example' cannot pass.
 */
export function isTrustedSenderUrl(url: string, location: Pick<RendererLocation, 'indexFileUrl' | 'devServerUrl'>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.devServerUrl !== undefined && parsed.origin === new URL(location.devServerUrl).origin) return true;
  const app = new URL(location.indexFileUrl);
  return parsed.protocol === 'file:' && parsed.host === app.host && parsed.pathname === app.pathname;
}
