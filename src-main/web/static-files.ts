import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
// The app's one declared policy (pure data, no Electron), so both transports send the same header.
import { contentSecurityPolicy } from '../electron/content-security-policy';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * The file under `root` that a URL path names, or null when the path is malformed or leaves the
 * folder (encoded "..", backslashes, NUL). "/" is index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return null;
  const base = resolve(root);
  const full = resolve(join(base, relative));
  return full === base || !full.startsWith(base + sep) ? null : full;
}

/** Serves one file of the built renderer (GET or HEAD); answers 404 when there is none. */
export async function serveStaticFile(res: ServerResponse, root: string, urlPath: string, headOnly: boolean): Promise<void> {
  const path = resolveStaticPath(root, urlPath);
  const info = path === null ? null : await stat(path).catch(() => null);
  if (path === null || info === null || !info.isFile()) {
    const missingBuild = urlPath === '/' || urlPath === '/index.html';
    const text = missingBuild
      ? 'The renderer is not built. Run "npm run web" (it builds with electron-vite first), or "electron-vite build".\n'
      : 'Not found.\n';
    res.writeHead(missingBuild ? 503 : 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(headOnly ? undefined : text);
    return;
  }
  const type = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const isHtml = type.startsWith('text/html');
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(info.size),
    // HTML is never cached (it carries the policy); hashed assets may be.
    'cache-control': isHtml ? 'no-store' : 'private, max-age=3600',
    ...(isHtml ? { 'content-security-policy': contentSecurityPolicy({ development: false }) } : {}),
  });
  if (headOnly) {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}
