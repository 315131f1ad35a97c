import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventNames, operationNames } from '../../../src-core/contract/operations';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../../src-main/electron/content-security-policy';
import { ensureElectronBuild } from './built-app';

/**
 * Smoke test of the BUILT shell: out/main/index.js runs under plain Node in a child process,
 * with 'electron' mapped to a recording stand-in (fake-electron.mjs). It catches wiring errors no
 * unit test sees: a wrong preload path or format, insecure options reaching BrowserWindow, a
 * contract operation without a handler, a menu Electron would reject, services never disposed.
 */

const runner = fileURLToPath(new URL('./run-built-main.mjs', import.meta.url));
const CHILD_TIMEOUT_MS = 60_000;

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly result: Record<string, unknown>;
}

function runBuiltMain(mainBundle: string, env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [runner, mainBundle],
      { env: { ...process.env, ...env }, timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((text) => text.startsWith('SMOKE_RESULT '));
        const result = line ? (JSON.parse(line.slice('SMOKE_RESULT '.length)) as Record<string, unknown>) : {};
        const failure = error as (Error & { code?: number; signal?: NodeJS.Signals }) | null;
        resolve({ code: failure ? (failure.code ?? -1) : 0, signal: failure?.signal ?? null, stdout, stderr, result });
      },
    );
  });
}

/** Runs the bundle's CommonJS preload the way a sandboxed renderer would: only require('electron'). */
function runPreload(code: string): { required: string[]; exposed: Map<string, unknown>; invokes: unknown[][]; channels: string[] } {
  const required: string[] = [];
  const exposed = new Map<string, unknown>();
  const invokes: unknown[][] = [];
  const channels: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invokes.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      on: (channel: string) => channels.push(channel),
    },
  };
  const requireInSandbox = (id: string): unknown => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron;
  };
  const module = { exports: {} };
  // A Function body is a script: an ES module (import/export) would not even parse here.
  new Function('require', 'module', 'exports', code)(requireInSandbox, module, module.exports);
  return { required, exposed, invokes, channels };
}

describe('built main bundle under plain Node (smoke)', () => {
  let buildDir = '';
  let userData = '';
  let run: ChildRun;

  beforeAll(async () => {
    buildDir = await ensureElectronBuild();
    userData = mkdtempSync(join(tmpdir(), 'convexnet-smoke-userdata-'));
    run = await runBuiltMain(join(buildDir, 'main', 'index.js'), {
      FAKE_ELECTRON_USER_DATA: userData,
      FAKE_ELECTRON_PACKAGED: '1',
      FAKE_ELECTRON_OPEN_PATH: '/data/iris.csv',
    });
  }, 240_000);

  afterAll(() => {
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('runs, quits when its window closes, and exits on its own (services disposed, worker ended)', () => {
    expect(run.signal, `killed after ${CHILD_TIMEOUT_MS} ms: something kept the process alive\n${run.stderr}`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.result['quitted']).toBe(true);
    expect(run.result['exitCode']).toBeNull();
    expect(run.result['errorBoxes']).toEqual([]);
  });

  it('requested the single-instance lock once, under the product name', () => {
    expect(run.result['lockRequests']).toBe(1);
    expect(run.result['appName']).toBe('ConvexNet Studio');
  });

  it('passes BrowserWindow a preload that exists and is CommonJS exposing exactly window.api', async () => {
    const options = run.result['windowOptions'] as { webPreferences: { preload: string } };
    const preload = options.webPreferences.preload;
    expect(preload).toBe(join(buildDir, 'preload', 'index.cjs'));
    expect(existsSync(preload)).toBe(true);
    const sandbox = runPreload(readFileSync(preload, 'utf8'));
    expect(sandbox.required).toEqual(['electron']);
    expect([...sandbox.exposed.keys()]).toEqual(['api']);
    const api = sandbox.exposed.get('api') as { transport: string; invoke: (name: string, payload?: unknown) => Promise<unknown> };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'transport']);
    expect(api.transport).toBe('electron');
    await expect(api.invoke('ipcRenderer.send')).resolves.toMatchObject({ ok: false, error: { code: 'ipc/unknown-operation' } });
    await api.invoke('jobs.list');
    expect(sandbox.invokes).toEqual([['convexnet:jobs.list', undefined]]);
    expect(sandbox.channels).toEqual(['convexnet:event']);
  });

  it('gives BrowserWindow the secure webPreferences', () => {
    const { webPreferences } = run.result['windowOptions'] as { webPreferences: Record<string, unknown> };
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(run.result['windowCount']).toBe(1);
  });

  it('loads the built page, which carries the declared CSP meta tag', () => {
    const loads = run.result['loads'] as { kind: string; target: string }[];
    expect(loads).toEqual([{ kind: 'file', target: join(buildDir, 'renderer', 'index.html') }]);
    const html = readFileSync(join(buildDir, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain(`content="${metaContentSecurityPolicy({ development: false })}"`);
  });

  it('registers an ipcMain handler for every contract operation and nothing else', () => {
    expect(run.result['channels']).toEqual(operationNames.map((name) => `convexnet:${name}`).sort());
  });

  it('answers the page through the services, validating payloads and refusing foreign frames', () => {
    expect(run.result['appInfo']).toMatchObject({ ok: true, value: { name: 'ConvexNet Studio', transport: 'electron' } });
    expect(run.result['invalidPayload']).toMatchObject({ ok: false });
    expect(run.result['foreignSender']).toMatchObject({ ok: false, error: { code: 'ipc/untrusted-sender' } });
  });

  it('starts a training job through IPC and forwards its events to the window', () => {
    expect(run.result['jobStart']).toMatchObject({ ok: true, value: { jobId: expect.any(String) } });
    expect(run.result['jobEventForwarded']).toMatchObject({ channel: 'convexnet:event', message: { name: 'job.updated' } });
  });

  it('denies every permission and puts the CSP header on documents', () => {
    expect(run.result['permissionRequests']).toEqual([false, false]);
    expect(run.result['permissionChecks']).toEqual([false, false, false]);
    expect(run.result['devicePermission']).toBe(false);
    expect(run.result['documentHeaders']).toEqual({
      responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': [contentSecurityPolicy({ development: false })] },
    });
  });

  it('blocks navigation, new windows and webviews, sending web links to the system browser', () => {
    expect(run.result['openHttps']).toEqual({ action: 'deny' });
    expect(run.result['openFile']).toEqual({ action: 'deny' });
    expect(run.result['navigationPrevented']).toBe(true);
    expect(run.result['webviewPrevented']).toBe(true);
    expect(run.result['openedExternally']).toEqual(['https://example.com/docs', 'https://example.com/elsewhere']);
  });

  it('builds the menu (production: no developer tools) and sends menu commands as contract events', () => {
    const menu = JSON.stringify(run.result['menu']);
    for (const id of ['open-dataset', 'open-recent', 'export-model', 'toggle-theme', 'about']) expect(menu).toContain(`"id":"${id}"`);
    expect(menu).not.toContain('toggleDevTools');
    expect(eventNames).toContain('menu.command');
    expect(run.result['sentToRenderer']).toEqual([
      { channel: 'convexnet:event', message: { name: 'menu.command', payload: { command: 'toggle-theme' } } },
      { channel: 'convexnet:event', message: { name: 'menu.command', payload: { command: 'open-dataset', path: '/data/iris.csv' } } },
    ]);
  });

  it('saved the window bounds atomically in userData when the window closed', () => {
    expect(run.result['windowState']).toMatchObject({ width: 1280, height: 820, maximized: false });
    expect(existsSync(join(userData, 'window-state.json.tmp'))).toBe(false);
  });

  it('quits at once as a second instance, registering nothing', async () => {
    const second = await runBuiltMain(join(buildDir, 'main', 'index.js'), {
      FAKE_ELECTRON_USER_DATA: userData,
      FAKE_ELECTRON_SECOND_INSTANCE: '1',
    });
    expect(second.code, second.stderr).toBe(0);
    expect(second.result).toMatchObject({ lockRequests: 1, quitted: true, windows: 0, handlers: 0 });
  });
});
