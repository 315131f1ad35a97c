import type { Mock } from 'vitest';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuActions, MenuTemplateOptions } from '../../../src-main/electron/menu-template';
import { buildMenuTemplate } from '../../../src-main/electron/menu-template';

type Spies = { [K in keyof MenuActions]: Mock<MenuActions[K]> };

function actions(): Spies {
  return {
    openDataset: vi.fn<MenuActions['openDataset']>(),
    openRecent: vi.fn<MenuActions['openRecent']>(),
    clearRecent: vi.fn<MenuActions['clearRecent']>(),
    exportModel: vi.fn<MenuActions['exportModel']>(),
    exportOnnx: vi.fn<MenuActions['exportOnnx']>(),
    exportReport: vi.fn<MenuActions['exportReport']>(),
    chooseWorkspace: vi.fn<MenuActions['chooseWorkspace']>(),
    toggleTheme: vi.fn<MenuActions['toggleTheme']>(),
    showAbout: vi.fn<MenuActions['showAbout']>(),
  };
}

function build(overrides: Partial<MenuTemplateOptions> = {}): { template: MenuItemConstructorOptions[]; actions: Spies } {
  const spies = actions();
  const template = buildMenuTemplate({
    platform: 'linux',
    development: false,
    appName: 'ConvexNet Studio',
    recentPaths: [],
    actions: spies,
    ...overrides,
  });
  return { template, actions: spies };
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const items = item?.submenu;
  if (!Array.isArray(items)) throw new Error(`no submenu on ${item?.label ?? item?.role ?? 'missing item'}`);
  return items;
}

function allItems(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);
}

function byId(template: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = allItems(template).find((item) => item.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

const topLabels = (template: readonly MenuItemConstructorOptions[]): (string | undefined)[] =>
  template.map((item) => item.label ?? item.role);

describe('menu template', () => {
  it('has File, Edit, View and Help with Alt mnemonics on Windows and Linux', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(topLabels(build({ platform }).template)).toEqual(['&File', '&Edit', '&View', '&Help']);
    }
  });

  it('puts the application menu first and a Window menu before Help on macOS', () => {
    const { template } = build({ platform: 'darwin' });
    expect(topLabels(template)).toEqual(['ConvexNet Studio', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    const roles = submenu(template[0]).map((item) => item.role ?? item.id ?? item.type);
    expect(roles).toEqual(['app-about', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
  });

  it('ends File with Quit outside macOS and with Close on macOS (Quit lives in the app menu)', () => {
    expect(submenu(build({ platform: 'win32' }).template[0]).at(-1)?.role).toBe('quit');
    const macFile = submenu(build({ platform: 'darwin' }).template[1]);
    expect(macFile.at(-1)?.role).toBe('close');
    expect(macFile.some((item) => item.role === 'quit')).toBe(false);
  });

  it('gives File its items and CmdOrCtrl accelerators', () => {
    const { template } = build();
    const file = submenu(template[0]);
    expect(file.map((item) => item.id ?? item.role ?? item.type)).toEqual([
      'open-dataset',
      'open-recent',
      'separator',
      'export-model',
      'export-onnx',
      'export-report',
      'separator',
      'choose-workspace',
      'separator',
      'quit',
    ]);
    expect(byId(template, 'open-dataset')).toMatchObject({ label: 'Open Dataset…', accelerator: 'CmdOrCtrl+O' });
    expect(byId(template, 'export-model')).toMatchObject({ label: 'Export Model…', accelerator: 'CmdOrCtrl+E' });
  });

  it('uses only CmdOrCtrl for the primary modifier, and no accelerator twice', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const accelerators = allItems(build({ platform, development: true }).template)
        .map((item) => item.accelerator)
        .filter((accelerator): accelerator is string => typeof accelerator === 'string');
      expect(accelerators.length).toBeGreaterThan(0);
      for (const accelerator of accelerators) expect(accelerator).not.toMatch(/^(Ctrl|Control|Cmd|Command)\+/);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('has the standard Edit roles, with Paste and Match Style on macOS only', () => {
    const roles = (platform: NodeJS.Platform): (string | undefined)[] =>
      submenu(build({ platform }).template[platform === 'darwin' ? 2 : 1]).map((item) => item.role ?? item.type);
    expect(roles('linux')).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'delete', 'separator', 'selectAll']);
    expect(roles('darwin')).toContain('pasteAndMatchStyle');
  });

  it('has zoom in, out and reset in View with layout-friendly accelerators', () => {
    const view = submenu(build().template[2]);
    expect(view.find((item) => item.role === 'resetZoom')?.accelerator).toBe('CmdOrCtrl+0');
    expect(view.find((item) => item.role === 'zoomIn')?.accelerator).toBe('CmdOrCtrl+=');
    expect(view.find((item) => item.role === 'zoomOut')?.accelerator).toBe('CmdOrCtrl+-');
    expect(byId(build().template, 'toggle-theme')).toMatchObject({ label: 'Toggle Dark Mode', accelerator: 'CmdOrCtrl+Shift+D' });
  });

  it('offers developer tools and reload only in development', () => {
    const developerRoles = ['toggleDevTools', 'reload', 'forceReload'];
    for (const platform of ['linux', 'darwin'] as const) {
      const production = allItems(build({ platform, development: false }).template).map((item) => item.role);
      const development = allItems(build({ platform, development: true }).template).map((item) => item.role);
      for (const role of developerRoles) {
        expect(production).not.toContain(role);
        expect(development).toContain(role);
      }
    }
  });

  it('routes each item to its action', () => {
    const { template, actions: spies } = build({ platform: 'darwin' });
    click(byId(template, 'open-dataset'));
    click(byId(template, 'export-model'));
    click(byId(template, 'export-onnx'));
    click(byId(template, 'export-report'));
    click(byId(template, 'choose-workspace'));
    click(byId(template, 'toggle-theme'));
    click(byId(template, 'about'));
    click(byId(template, 'app-about'));
    expect(spies.openDataset).toHaveBeenCalledTimes(1);
    expect(spies.exportModel).toHaveBeenCalledTimes(1);
    expect(spies.exportOnnx).toHaveBeenCalledTimes(1);
    expect(spies.exportReport).toHaveBeenCalledTimes(1);
    expect(spies.chooseWorkspace).toHaveBeenCalledTimes(1);
    expect(spies.toggleTheme).toHaveBeenCalledTimes(1);
    expect(spies.showAbout).toHaveBeenCalledTimes(2);
    expect(spies.openRecent).not.toHaveBeenCalled();
  });

  it('lists recent datasets, opens the one chosen, and can clear them', () => {
    const { template, actions: spies } = build({ recentPaths: ['/data/iris.csv', '/data/wine.csv'] });
    const recent = submenu(byId(template, 'open-recent'));
    expect(recent.map((item) => item.label ?? item.type)).toEqual(['/data/iris.csv', '/data/wine.csv', 'separator', 'Clear Recent']);
    click(recent[1] as MenuItemConstructorOptions);
    expect(spies.openRecent).toHaveBeenCalledWith('/data/wine.csv');
    click(byId(template, 'clear-recent'));
    expect(spies.clearRecent).toHaveBeenCalledTimes(1);
  });

  it('shows a disabled placeholder when there are no recent datasets', () => {
    const recent = submenu(byId(build().template, 'open-recent'));
    expect(recent[0]).toMatchObject({ label: 'No Recent Datasets', enabled: false });
    expect(byId(build().template, 'clear-recent').enabled).toBe(false);
  });

  it('shortens very long recent paths from the left, keeping the file name', () => {
    const long = `/very/${'deep/'.repeat(40)}dataset.csv`;
    const label = submenu(byId(build({ recentPaths: [long] }).template, 'open-recent'))[0]?.label ?? '';
    expect(label.length).toBeLessThanOrEqual(80);
    expect(label.startsWith('…')).toBe(true);
    expect(label.endsWith('dataset.csv')).toBe(true);
  });

  it('puts About in Help on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { template } = build({ platform });
      const help = template.at(-1);
      expect(help?.role).toBe('help');
      expect(submenu(help).map((item) => item.id)).toEqual(['about']);
    }
  });
});
