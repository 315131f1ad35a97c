import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header a client may send the token in (the renderer's web transport does). */
export const TOKEN_HEADER = 'x-convexnet-token';
/** Query parameter of the printed URL (and of the WebSocket URL). */
export const TOKEN_QUERY = 'token';

/** A fresh per-launch secret: 256 random bits, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The cookie that carries the token after the first visit: the page's own scripts, styles and
 * fetches cannot all append ?token=. Named per port because cookies are shared by every port of
 * a host, and two web-mode instances must not overwrite each other's.
 */
export function tokenCookieName(port: number): string {
  return `convexnet_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Compares in constant time (both sides hashed first, so lengths leak nothing either). */
export function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export interface PresentedToken {
  readonly token: string | null;
  readonly via: 'header' | 'query' | 'cookie' | null;
}

/** The token a request presents: header first, then query, then the cookie. */
export function presentedToken(req: IncomingMessage, url: URL, port: number): PresentedToken {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string') return { token: header, via: 'header' };
  const query = url.searchParams.get(TOKEN_QUERY);
  if (query !== null) return { token: query, via: 'query' };
  const cookie = readCookie(req.headers.cookie, tokenCookieName(port));
  return cookie === null ? { token: null, via: null } : { token: cookie, via: 'cookie' };
}

/**
 * Only loopback names are accepted in the Host header: a page on another site that rebinds its
 * DNS name to 127.0.0.1 sends its own host name, and is refused even before the token check.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Browsers send Origin on WebSocket upgrades and cross-origin requests; only the app's own page may connect. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
