// Child-process entry of the smoke test: loads the built main bundle under plain Node with
// 'electron' mapped to the recording stand-in, drives it like Electron would (ready, IPC calls,
// permission and navigation requests, a menu click, closing the window), prints what it recorded
// as one JSON line, and then must exit on its own, which it only does if the services were
// disposed (a live worker pool or timer would keep it running).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

register('./electron-loader-hooks.mjs', import.meta.url);
const { app, record, BrowserWindow } = await import('./fake-electron.mjs');

const mainBundle = process.argv[2];
if (!mainBundle) throw new Error('usage: run-built-main.mjs <out/main/index.js>');

async function waitFor(condition, what, timeoutMs = 15_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function menuSummary(items) {
  return items.map((item) => ({
    id: item.id,
    label: item.label,
    role: item.role,
    type: item.type,
    accelerator: item.accelerator,
    submenu: Array.isArray(item.submenu) ? menuSummary(item.submenu) : undefined,
  }));
}

function findMenuItem(items, id) {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = Array.isArray(item.submenu) ? findMenuItem(item.submenu, id) : null;
    if (inner) return inner;
  }
  return null;
}

await import(pathToFileURL(mainBundle).href);
const result = { lockRequests: record.singleInstanceLockRequests, appName: record.appName };

if (process.env.FAKE_ELECTRON_SECOND_INSTANCE === '1') {
  // A second instance must quit before doing anything else.
  result.quitted = record.quitted;
  result.windows = record.windows.length;
  result.handlers = record.handlers.size;
  process.stdout.write(`SMOKE_RESULT ${JSON.stringify(result)}\n`);
} else {
  app.makeReady();
  await waitFor(() => record.windows.length > 0 && record.applicationMenu !== null, 'the main window and the menu');
  const window = BrowserWindow.windows[0];
  const contents = window.webContents;

  result.windowCount = record.windows.length;
  result.windowOptions = window.options;
  result.loads = window.loads;
  result.channels = [...record.handlers.keys()].sort();

  // IPC as the page would call it, from the page's own frame and from a foreign one.
  const page = window.loads[0];
  const pageUrl = page.kind === 'file' ? pathToFileURL(page.target).href : page.target;
  const call = (channel, url, payload) => record.handlers.get(channel)({ senderFrame: { url } }, payload);
  result.appInfo = await call('convexnet:app.info', pageUrl, undefined);
  result.invalidPayload = await call('convexnet:jobs.cancel', pageUrl, { nope: 1 });
  result.foreignSender = await call('convexnet:app.info', 'https://evil.example/', undefined);

  // Start a training job, so a worker thread is alive when the app quits: the process can then
  // only exit if quitting disposed the services.
  const builtIn = await call('convexnet:datasets.listBuiltIn', pageUrl, undefined);
  const dataset = await call('convexnet:datasets.loadBuiltIn', pageUrl, { id: builtIn.value[0].id });
  const defaults = await call('convexnet:training.defaults', pageUrl, { datasetId: dataset.value.datasetId });
  result.jobStart = await call('convexnet:jobs.start', pageUrl, { datasetId: dataset.value.datasetId, options: defaults.value, testFraction: 0.2 });
  await waitFor(() => contents.sent.some((event) => event.message.name === 'job.updated'), 'a job event forwarded to the window');
  result.jobEventForwarded = contents.sent.find((event) => event.message.name === 'job.updated');

  // Session hardening.
  const granted = [];
  record.permissionRequestHandler(contents, 'media', (allowed) => granted.push(allowed), {});
  record.permissionRequestHandler(contents, 'notifications', (allowed) => granted.push(allowed), {});
  result.permissionRequests = granted;
  result.permissionChecks = ['clipboard-read', 'media', 'geolocation'].map((permission) =>
    record.permissionCheckHandler(contents, permission, 'file://', {}),
  );
  result.devicePermission = record.devicePermissionHandler?.({ deviceType: 'usb', origin: 'file://' }) ?? null;
  await new Promise((resolve) =>
    record.headersReceivedListener({ resourceType: 'mainFrame', url: pageUrl, responseHeaders: { 'X-Test': ['1'] } }, (response) => {
      result.documentHeaders = response;
      resolve();
    }),
  );

  // Navigation and new windows.
  result.openHttps = contents.windowOpenHandler({ url: 'https://example.com/docs', disposition: 'new-window' });
  result.openFile = contents.windowOpenHandler({ url: 'file:///etc/passwd', disposition: 'new-window' });
  const navigation = { url: 'https://example.com/elsewhere', defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  contents.emit('will-navigate', navigation);
  result.navigationPrevented = navigation.defaultPrevented;
  const webview = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  contents.emit('will-attach-webview', webview, {}, {});
  result.webviewPrevented = webview.defaultPrevented;
  await new Promise((resolve) => setTimeout(resolve, 0));
  result.openedExternally = record.openedExternally;

  // The menu, and one click that reaches the renderer as an event.
  result.menu = menuSummary(record.applicationMenu.template);
  findMenuItem(record.applicationMenu.template, 'toggle-theme').click();
  findMenuItem(record.applicationMenu.template, 'open-dataset').click();
  await new Promise((resolve) => setTimeout(resolve, 50));
  result.sentToRenderer = contents.sent.filter((event) => event.message.name === 'menu.command');

  // Closing the only window saves its place and quits (not on macOS), disposing the services.
  window.close();
  await waitFor(() => record.quitted, 'the app to quit');
  result.quitted = record.quitted;
  result.exitCode = record.exitCode;
  result.errorBoxes = record.errorBoxes;
  result.windowState = JSON.parse(readFileSync(join(process.env.FAKE_ELECTRON_USER_DATA, 'window-state.json'), 'utf8'));
  process.stdout.write(`SMOKE_RESULT ${JSON.stringify(result)}\n`);
}
