import type { BrowserWindow } from 'electron';
import { app, dialog, Menu } from 'electron';
import type { MenuCommandEvent } from '../../src-core/contract/operations';
import { aboutText } from './about-info';
import { chosenPath, OPEN_DATASET_DIALOG } from './dataset-dialog';
import { buildMenuTemplate } from './menu-template';
import type { RecentDatasetsStore } from './recent-datasets';
import { APP_LICENSE, THIRD_PARTY_LICENSES } from './third-party-licenses';

/**
 * Installs the native menu and carries out its actions. What needs the renderer (open a dataset,
 * export, toggle the theme) is sent as a 'menu.command' event; About is a native message box so
 * it works even when the page failed to load.
 */

export interface ApplicationMenuDeps {
  readonly appName: string;
  readonly development: boolean;
  readonly recent: RecentDatasetsStore;
  readonly currentWindow: () => BrowserWindow | null;
  readonly sendMenuCommand: (event: MenuCommandEvent) => void;
}

export function installApplicationMenu(deps: ApplicationMenuDeps): void {
  const openDataset = (path: string): void => {
    deps.recent.add(path);
    app.addRecentDocument(path);
    rebuild();
    deps.sendMenuCommand({ command: 'open-dataset', path });
  };

  const actions = {
    openDataset: () => {
      const window = deps.currentWindow();
      const shown = window === null ? dialog.showOpenDialog(OPEN_DATASET_DIALOG) : dialog.showOpenDialog(window, OPEN_DATASET_DIALOG);
      shown
        .then((result) => {
          const path = chosenPath(result);
          if (path !== null) openDataset(path);
        })
        .catch((error: unknown) => console.error('The Open Dataset dialog failed', error));
    },
    openRecent: (path: string) => openDataset(path),
    clearRecent: () => {
      deps.recent.clear();
      app.clearRecentDocuments();
      rebuild();
    },
    exportModel: () => deps.sendMenuCommand({ command: 'export-model' }),
    exportOnnx: () => deps.sendMenuCommand({ command: 'export-onnx' }),
    exportReport: () => deps.sendMenuCommand({ command: 'export-report' }),
    chooseWorkspace: () => {
      const window = deps.currentWindow();
      const options = { title: 'Choose the workspace folder (where runs are saved)', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const shown = window === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(window, options);
      shown
        .then((result) => {
          const path = chosenPath(result);
          if (path !== null) deps.sendMenuCommand({ command: 'choose-workspace', path });
        })
        .catch((error: unknown) => console.error('The Choose Workspace Folder dialog failed', error));
    },
    toggleTheme: () => deps.sendMenuCommand({ command: 'toggle-theme' }),
    showAbout: () => {
      const text = aboutText({
        appName: deps.appName,
        appVersion: app.getVersion(),
        appLicense: APP_LICENSE,
        versions: process.versions,
        licenses: THIRD_PARTY_LICENSES,
      });
      const options = { type: 'info' as const, buttons: ['OK'], ...text };
      const window = deps.currentWindow();
      const shown = window === null ? dialog.showMessageBox(options) : dialog.showMessageBox(window, options);
      shown.catch((error: unknown) => console.error('The About box failed', error));
    },
  };

  function rebuild(): void {
    const template = buildMenuTemplate({
      platform: process.platform,
      development: deps.development,
      appName: deps.appName,
      recentPaths: deps.recent.list(),
      actions,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  rebuild();
}
