import { BrowserWindow, screen } from 'electron';
import type { RendererLocation } from './renderer-location';
import { constructMainWindow } from './window-options';
import type { WindowStateStore } from './window-state';
import { fitToDisplays } from './window-state';

/** Opens the one main window at its remembered place and saves that place when it closes. */

export interface MainWindowDeps {
  readonly title: string;
  readonly development: boolean;
  readonly location: RendererLocation;
  readonly stateStore: WindowStateStore;
}

export function openMainWindow(deps: MainWindowDeps): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(deps.stateStore.load(), workAreas);
  const window = constructMainWindow(BrowserWindow, {
    preloadPath: deps.location.preloadPath,
    bounds: state.bounds,
    title: deps.title,
    development: deps.development,
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // Normal bounds, so a window closed maximized reopens maximized over its previous size.
  window.on('close', () => deps.stateStore.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
  const loaded = deps.location.devServerUrl !== undefined ? window.loadURL(deps.location.devServerUrl) : window.loadFile(deps.location.indexPath);
  loaded.catch((error: unknown) => console.error('The main window failed to load its page', error));
  return window;
}
