import type { BrowserWindow } from 'electron';
import { app, dialog, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import type { Services } from '../services/create-services';
import { createServices } from '../services/create-services';
import { installApplicationMenu } from './application-menu';
import { contentSecurityPolicy } from './content-security-policy';
import { registerContractHandlers } from './contract-handlers';
import { forwardContractEvents, sendContractEvent } from './event-forwarding';
import { openMainWindow } from './main-window';
import { lockNavigation } from './navigation-guard';
import { quitAfterDispose } from './quit-after-dispose';
import { createRecentDatasetsStore, RECENT_DATASETS_FILE_NAME } from './recent-datasets';
import { rendererLocation } from './renderer-location';
import { secureSession } from './session-security';
import { nodeStateFiles } from './state-files';
import { isTrustedSenderUrl } from './trusted-sender';
import { createWindowStateStore, WINDOW_STATE_FILE_NAME } from './window-state';
import { desktopWorkspaceFolder } from '../workspace/workspace-folder';
import { createWorkspaceChoiceStore, WORKSPACE_CHOICE_FILE_NAME } from './workspace-choice';
import { switchWorkspaceFolder } from './workspace-switch';
import { isExistingFolder, startupWorkspace } from './startup-workspace';

/**
 * The Electron shell: wires the tested pieces of this folder to Electron and to the back-end
 * services. No decision lives here; each one sits in a module that tests load under plain Node.
 */

const APP_NAME = 'ConvexNet Studio';

function reportError(context: string): (error: unknown) => void {
  return (error) => console.error(`${APP_NAME}: ${context}`, error);
}

function start(): void {
  const development = !app.isPackaged;
  const location = rendererLocation({
    mainDir: import.meta.dirname,
    packaged: app.isPackaged,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  });
  const userData = app.getPath('userData');
  const stateStore = createWindowStateStore(nodeStateFiles, join(userData, WINDOW_STATE_FILE_NAME), reportError('window state'));
  const recent = createRecentDatasetsStore(nodeStateFiles, join(userData, RECENT_DATASETS_FILE_NAME), reportError('recent datasets'));
  const workspaceChoice = createWorkspaceChoiceStore(nodeStateFiles, join(userData, WORKSPACE_CHOICE_FILE_NAME), reportError('workspace folder choice'));

  const workspace = startupWorkspace(workspaceChoice.folder(), desktopWorkspaceFolder(userData), isExistingFolder);
  let services: Services;
  try {
    services = createServices({ transport: 'electron', workspaceFolder: workspace.folder });
  } catch (error) {
    // Without its back end the app can do nothing; say why instead of showing a dead window.
    dialog.showErrorBox(`${APP_NAME} cannot start`, error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  quitAfterDispose(app, () => services.dispose(), reportError('disposing the services'));

  let mainWindow: BrowserWindow | null = null;
  const currentWindow = (): BrowserWindow | null => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null);
  const showWindow = (): void => {
    const existing = currentWindow();
    if (existing !== null) {
      if (existing.isMinimized()) existing.restore();
      existing.focus();
      return;
    }
    mainWindow = openMainWindow({ title: APP_NAME, development, location, stateStore });
  };

  registerContractHandlers(ipcMain, (operation, payload) => services.dispatch(operation, payload), (url) => isTrustedSenderUrl(url, location));
  forwardContractEvents((listener) => services.onEvent(listener), () => currentWindow()?.webContents ?? null);

  // Every WebContents (the window's and any the page might try to create) is locked down.
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, shell, reportError('opening a link in the browser'));
  });
  app.on('second-instance', () => {
    if (app.isReady()) showWindow();
  });
  app.on('window-all-closed', () => {
    // macOS apps stay active without windows until the user quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady()) showWindow();
  });

  app
    .whenReady()
    .then(() => {
      secureSession(session.defaultSession, contentSecurityPolicy({ development: location.devServerUrl !== undefined }));
      installApplicationMenu({
        appName: APP_NAME,
        development,
        recent,
        currentWindow,
        sendMenuCommand: (event) => {
          sendContractEvent(currentWindow()?.webContents ?? null, 'menu.command', event);
          // The main process reads the file the user picked; the renderer only gets the result.
          if (event.command === 'open-dataset' && event.path !== undefined) void services.openDatasetFile(event.path);
          // The folder comes from the native dialog; the back end switches to it and tells the page.
          if (event.command === 'choose-workspace' && event.path !== undefined) {
            void switchWorkspaceFolder(event.path, {
              setWorkspaceFolder: (folder) => services.setWorkspaceFolder(folder),
              remember: (folder) => workspaceChoice.set(folder),
              reportError: (error) => sendContractEvent(currentWindow()?.webContents ?? null, 'app.error', error),
            });
          }
        },
      });
      showWindow();
      // A chosen workspace folder that is gone: said once the page can show it.
      const notice = workspace.notice;
      if (notice !== null) currentWindow()?.webContents.once('did-finish-load', () => sendContractEvent(currentWindow()?.webContents ?? null, 'app.error', notice));
    })
    .catch((error: unknown) => {
      reportError('starting')(error);
      app.quit();
    });
}

// Before anything touches userData, so settings and state live under the product's name.
app.setName(APP_NAME);

// One instance: a second launch focuses the first one's window and exits.
if (app.requestSingleInstanceLock()) start();
else app.quit();
