import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { JobSummary } from '../../../src-core/contract/operations';
import { MAX_REQUEST_BYTES } from '../../../src-core/contract/request-schemas';
import type { WebServer } from '../../../src-main/web/web-server';
import { startWebServer, WEB_HOST } from '../../../src-main/web/web-server';
import { scpOptions, testServices } from '../services/service-helpers';
import { http } from './web-helpers';

const services = testServices({ poolSize: 1 });
const root = mkdtempSync(join(tmpdir(), 'convexnet-web-'));
const rendererDir = join(root, 'renderer');
let server: WebServer;
let port: number;
let auth: Record<string, string>;
let json: Record<string, string>;

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ConvexNet</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  // A file next to (not inside) the served folder, which no URL may reach.
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  server = await startWebServer({ services, rendererDir, logger: services.logger });
  port = server.port;
  auth = { 'x-convexnet-token': server.token };
  json = { ...auth, 'content-type': 'application/json' };
});
afterAll(async () => {
  await server.close();
  await services.dispose();
  rmSync(root, { recursive: true, force: true });
});

function wsOpen(path: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; status: number | null }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    socket.once('open', () => resolve({ socket, status: 101 }));
    socket.once('unexpected-response', (_req, res) => resolve({ socket, status: res.statusCode ?? null }));
    socket.once('error', () => resolve({ socket, status: null }));
  });
}

describe('web mode server', () => {
  it('listens on the loopback interface only, on a free port, and prints a tokened URL', async () => {
    expect(WEB_HOST).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) {
      console.warn('No non-loopback IPv4 interface here: the "unreachable from the network" probe is skipped.');
      return;
    }
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: external.address, port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });

  it('refuses every request without the right token, and logs it', async () => {
    const before = services.logger.lines.length;
    for (const path of ['/', '/index.html', '/assets/app.js', '/missing']) expect((await http(port, path)).status).toBe(403);
    const api = await http(port, '/api/app.info', { method: 'POST' });
    expect(api.status).toBe(403);
    expect(api.json).toMatchObject({ ok: false, error: { code: 'web/forbidden' } });
    expect((await http(port, `/?token=${server.token.slice(0, -1)}x`)).status).toBe(403);
    expect((await http(port, '/?token=')).status).toBe(403);
    expect((await http(port, '/api/app.info', { method: 'POST', headers: { 'x-convexnet-token': 'guess' } })).status).toBe(403);
    expect((await http(port, '/', { headers: { cookie: `convexnet_token_${port}=guess` } })).status).toBe(403);
    expect(services.logger.lines.slice(before).filter((l) => l.includes('web: refused')).length).toBeGreaterThanOrEqual(8);
    expect(services.logger.lines.join('\n')).not.toContain(server.token);
  });

  it('refuses a right token sent through a foreign host name (DNS rebinding)', async () => {
    const reply = await http(port, '/api/app.info', { method: 'POST', headers: { ...auth, host: `attacker.example:${port}` } });
    expect(reply.status).toBe(403);
    const foreignOrigin = await http(port, '/api/app.info', { method: 'POST', headers: { ...auth, origin: 'http://attacker.example' } });
    expect(foreignOrigin.status).toBe(403);
  });

  it('serves the built renderer with a strict CSP, and a cookie that carries the token to its assets', async () => {
    const page = await http(port, `/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>ConvexNet</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await http(port, '/assets/app.js', { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log("app");');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%5c..%5csecret.txt', '/%00']) {
      const reply = await http(port, path, { headers: auth });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('do not serve');
    }
  });

  it('answers every API call with the services envelope', async () => {
    const info = await http(port, '/api/app.info', { method: 'POST', headers: auth });
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ ok: true, value: { name: 'ConvexNet Studio', transport: 'web' } });
    const loaded = await http(port, '/api/datasets.loadBuiltIn', { method: 'POST', headers: json, body: JSON.stringify({ id: 'iris' }) });
    expect(loaded.json).toMatchObject({ ok: true, value: { rowCount: 150, classNames: ['setosa', 'versicolor', 'virginica'] } });
  });

  it('rejects malformed, wrong-typed and oversized API requests, and keeps answering', async () => {
    const cases: [string, Parameters<typeof http>[2], number, string][] = [
      ['/api/datasets.loadBuiltIn', { method: 'POST', headers: json, body: '{"id": ' }, 400, 'contract/invalid-json'],
      ['/api/datasets.loadBuiltIn', { method: 'POST', headers: json, body: '{"id": 7}' }, 200, 'contract/invalid-request'],
      ['/api/datasets.loadBuiltIn', { method: 'POST', headers: json, body: '[]' }, 200, 'contract/invalid-request'],
      ['/api/datasets.loadBuiltIn', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{"id":"iris"}' }, 415, 'web/unsupported-media-type'],
      ['/api/datasets.loadBuiltIn', { method: 'POST', headers: json, body: JSON.stringify({ id: 'x'.repeat(MAX_REQUEST_BYTES) }) }, 413, 'contract/too-large'],
      ['/api/jobs.list', { method: 'GET', headers: auth }, 405, 'web/method-not-allowed'],
      ['/api/jobs.delete', { method: 'POST', headers: auth }, 404, 'contract/unknown-operation'],
    ];
    for (const [path, options, status, code] of cases) {
      const reply = await http(port, path, options);
      expect(reply.status, `${path} -> ${code}`).toBe(status);
      expect(reply.json, `${path} -> ${code}`).toMatchObject({ ok: false, error: { code } });
      expect((await http(port, '/api/jobs.list', { method: 'POST', headers: auth })).json).toMatchObject({ ok: true });
    }
  });

  it('names a field the request left out, through the same dispatcher as IPC', async () => {
    const empty = await http(port, '/api/datasets.loadBuiltIn', { method: 'POST', headers: auth });
    expect(empty.json).toMatchObject({ ok: false, error: { code: 'contract/invalid-request', message: 'Invalid request for datasets.loadBuiltIn: the request is missing: send an object with id, and optionally seed, rows, noise and classes.' } });
    const noId = await http(port, '/api/datasets.loadBuiltIn', { method: 'POST', headers: json, body: '{}' });
    expect(noId.json).toMatchObject({ ok: false, error: { message: 'Invalid request for datasets.loadBuiltIn: "id" is missing: send text of 1 to 200 characters.' } });
  });

  it('pushes events on the WebSocket to token holders only', async () => {
    expect((await wsOpen('/events')).status).toBe(403);
    expect((await wsOpen(`/events?token=nope`)).status).toBe(403);
    expect((await wsOpen(`/events?token=${server.token}`, { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await wsOpen(`/elsewhere?token=${server.token}`)).status).toBe(404);

    const { socket, status } = await wsOpen(`/events?token=${server.token}`);
    expect(status).toBe(101);
    const received: { name: string; payload: JobSummary }[] = [];
    const finished = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as { name: string; payload: JobSummary };
        received.push(event);
        if (event.name === 'job.updated' && event.payload.state === 'finished') resolve();
      });
    });
    const loaded = await http(port, '/api/datasets.loadBuiltIn', { method: 'POST', headers: json, body: JSON.stringify({ id: 'two-moons', rows: 60 }) });
    const datasetId = (loaded.json as { value: { datasetId: string } }).value.datasetId;
    const started = await http(port, '/api/jobs.start', { method: 'POST', headers: json, body: JSON.stringify({ datasetId, options: scpOptions('binary'), testFraction: 0.2 }) });
    expect(started.json).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    await finished;
    expect(received.filter((e) => e.name === 'job.updated').map((e) => e.payload.state)).toEqual(['queued', 'running', 'finished']);
    socket.close();
  });

  it('says how to build the renderer when it is missing', async () => {
    const bare = await startWebServer({ services, rendererDir: join(root, 'not-built'), logger: services.logger });
    try {
      const reply = await http(bare.port, '/', { headers: { 'x-convexnet-token': bare.token } });
      expect(reply.status).toBe(503);
      expect(reply.body).toMatch(/electron-vite build/);
      // Each launch has its own token.
      expect(bare.token).not.toBe(server.token);
      expect((await http(bare.port, '/', { headers: auth })).status).toBe(403);
    } finally {
      await bare.close();
    }
  });
});
