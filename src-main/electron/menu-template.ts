import type { MenuItemConstructorOptions } from 'electron';

/**
 * The native menu, built from injected callbacks and the platform so its shape, accelerators and
 * platform rules are unit-tested without Electron. Conventions: CmdOrCtrl accelerators; on macOS
 * an application menu (About, Services, Hide, Quit) and a Window menu, and File ends with Close;
 * elsewhere File ends with Quit (Electron's 'quit' role labels it Exit on Windows). Developer
 * tools and reload exist only in development.
 */

export interface MenuActions {
  openDataset(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  exportModel(): void;
  /** File > Export Model as ONNX / Export HTML Report: the Export screen downloads the current run's file. */
  exportOnnx(): void;
  exportReport(): void;
  /** File > Choose Workspace Folder…: where saved runs live (a native folder dialog). */
  chooseWorkspace(): void;
  toggleTheme(): void;
  showAbout(): void;
}

export interface MenuTemplateOptions {
  readonly platform: NodeJS.Platform;
  readonly development: boolean;
  readonly appName: string;
  /** File > Open Recent entries, most recent first. */
  readonly recentPaths: readonly string[];
  readonly actions: MenuActions;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** Alt-key mnemonics ('&File') are a Windows/Linux convention; macOS menus have none. */
function topLabel(label: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? label : `&${label}`;
}

/** Long paths keep their tail, which holds the file name. */
function recentLabel(path: string): string {
  return path.length <= 80 ? path : `…${path.slice(-79)}`;
}

function macAppMenu(options: MenuTemplateOptions): MenuItemConstructorOptions {
  return {
    label: options.appName,
    submenu: [
      { id: 'app-about', label: `About ${options.appName}`, click: () => options.actions.showAbout() },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
}

function openRecentMenu(options: MenuTemplateOptions): MenuItemConstructorOptions {
  const entries: MenuItemConstructorOptions[] = options.recentPaths.map((path) => ({
    label: recentLabel(path),
    click: () => options.actions.openRecent(path),
  }));
  return {
    id: 'open-recent',
    label: 'Open Recent',
    submenu: [
      ...(entries.length > 0 ? entries : [{ label: 'No Recent Datasets', enabled: false }]),
      separator,
      { id: 'clear-recent', label: 'Clear Recent', enabled: entries.length > 0, click: () => options.actions.clearRecent() },
    ],
  };
}

function fileMenu(options: MenuTemplateOptions): MenuItemConstructorOptions {
  const isMac = options.platform === 'darwin';
  return {
    label: topLabel('File', options.platform),
    submenu: [
      { id: 'open-dataset', label: 'Open Dataset…', accelerator: 'CmdOrCtrl+O', click: () => options.actions.openDataset() },
      openRecentMenu(options),
      separator,
      { id: 'export-model', label: 'Export Model…', accelerator: 'CmdOrCtrl+E', click: () => options.actions.exportModel() },
      { id: 'export-onnx', label: 'Export Model as ONNX…', click: () => options.actions.exportOnnx() },
      { id: 'export-report', label: 'Export HTML Report…', click: () => options.actions.exportReport() },
      separator,
      { id: 'choose-workspace', label: 'Choose Workspace Folder…', click: () => options.actions.chooseWorkspace() },
      separator,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function editMenu(options: MenuTemplateOptions): MenuItemConstructorOptions {
  const isMac = options.platform === 'darwin';
  return {
    label: topLabel('Edit', options.platform),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(options: MenuTemplateOptions): MenuItemConstructorOptions {
  const developer: MenuItemConstructorOptions[] = options.development
    ? [separator, { role: 'reload' }, { role: 'forceReload' }, { id: 'toggle-dev-tools', role: 'toggleDevTools' }]
    : [];
  return {
    label: topLabel('View', options.platform),
    submenu: [
      // Explicit zoom accelerators: the roles' default CmdOrCtrl+Plus needs Shift on most layouts.
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      separator,
      { id: 'toggle-theme', label: 'Toggle Dark Mode', accelerator: 'CmdOrCtrl+Shift+D', click: () => options.actions.toggleTheme() },
      { role: 'togglefullscreen' },
      ...developer,
    ],
  };
}

function helpMenu(options: MenuTemplateOptions): MenuItemConstructorOptions {
  return {
    role: 'help',
    label: topLabel('Help', options.platform),
    submenu: [{ id: 'about', label: `About ${options.appName}`, click: () => options.actions.showAbout() }],
  };
}

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  return [
    ...(isMac ? [macAppMenu(options)] : []),
    fileMenu(options),
    editMenu(options),
    viewMenu(options),
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    helpMenu(options),
  ];
}
