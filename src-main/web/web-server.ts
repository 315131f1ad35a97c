import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { errorEnvelope } from '../../src-core/contract/envelope';
import type { Services } from '../services/create-services';
import type { ServiceLogger } from '../services/logger';
import { consoleLogger } from '../services/logger';
import { handleApiRequest, sendJson } from './api-routes';
import { EventSocket, EVENTS_PATH } from './event-socket';
import { serveStaticFile } from './static-files';
import { createToken, isAllowedOrigin, isLoopbackHost, presentedToken, TOKEN_QUERY, tokenCookie, tokensMatch } from './web-auth';

/** Web mode listens on the loopback interface only: nothing on the network can reach it. */
export const WEB_HOST = '127.0.0.1';

export interface WebServerOptions {
  readonly services: Services;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default: a fresh random token. */
  readonly token?: string;
  readonly logger?: ServiceLogger;
}

export interface WebServer {
  /** The address to open: http://127.0.0.1:PORT/?token=TOKEN */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The local HTTP + WebSocket server of web mode: the built renderer as static files, every
 * contract operation as POST /api/<operation>, pushed events on the WebSocket /events. Every
 * request must carry the per-launch token (header x-convexnet-token, query ?token=, or the
 * cookie set on the first visit) and a loopback Host header; anything else gets 403.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const logger = options.logger ?? consoleLogger;
  const token = options.token ?? createToken();
  const events = new EventSocket(options.services);
  let port = 0;

  const authorize = (req: IncomingMessage, url: URL): { ok: true; via: string | null } | { ok: false; reason: string } => {
    if (!isLoopbackHost(req.headers.host, port)) return { ok: false, reason: `host "${String(req.headers.host).slice(0, 100)}" is not this server's loopback address` };
    if (!isAllowedOrigin(req.headers.origin, port)) return { ok: false, reason: `origin "${String(req.headers.origin).slice(0, 100)}" is not this app` };
    const presented = presentedToken(req, url, port);
    if (!tokensMatch(token, presented.token)) return { ok: false, reason: presented.token === null ? 'no access token' : 'wrong access token' };
    return { ok: true, via: presented.via };
  };

  const server: Server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      logger.error(`web: ${req.method} ${req.url?.slice(0, 200)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, errorEnvelope('internal/error', 'The web server failed to answer this request.'));
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCommonHeaders(res);
    const url = parseUrl(req.url);
    if (url === null) return sendJson(res, 400, errorEnvelope('web/bad-url', 'The request URL is malformed.'));
    const auth = authorize(req, url);
    if (!auth.ok) {
      logger.warn(`web: refused ${req.method} ${url.pathname.slice(0, 100)}: ${auth.reason}`);
      return sendJson(res, 403, errorEnvelope('web/forbidden', 'Access denied: open the address printed by "npm run web" (it carries ?token=...).'));
    }
    // The first visit brings the token in the URL; the cookie lets the page's own assets and calls follow.
    if (auth.via === 'query') res.setHeader('set-cookie', tokenCookie(port, token));
    if (url.pathname.startsWith('/api/')) return handleApiRequest(req, res, url.pathname, options.services, logger);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, errorEnvelope('web/method-not-allowed', `${url.pathname.slice(0, 100)} takes GET.`));
    }
    return serveStaticFile(res, options.rendererDir, url.pathname, req.method === 'HEAD');
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = parseUrl(req.url);
    const auth = url === null ? { ok: false as const, reason: 'malformed URL' } : authorize(req, url);
    if (url === null || !auth.ok || url.pathname !== EVENTS_PATH) {
      const reason = auth.ok ? `no WebSocket at ${url?.pathname.slice(0, 100)}` : auth.reason;
      logger.warn(`web: refused a WebSocket: ${reason}`);
      socket.end(`HTTP/1.1 ${auth.ok ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    events.accept(req, socket, head);
  });
  // Slow or stalled clients must not hold sockets forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, WEB_HOST, () => {
      server.off('error', failed);
      listening();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${WEB_HOST}:${port}/?${TOKEN_QUERY}=${encodeURIComponent(token)}`;

  return {
    url,
    port,
    token,
    close: async () => {
      await events.close();
      await new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      });
    },
  };
}

function parseUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** Headers of every answer: no sniffing, no referrer (the URL holds the token), no framing. */
function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}
