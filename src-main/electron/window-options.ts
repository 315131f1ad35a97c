import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './window-state';

/**
 * Constructs the main window with its secure options. The BrowserWindow class is injected so a
 * unit test under plain Node can hold every flag in place, and the options stay a literal at the
 * `new BrowserWindow({...})` site, where electronegativity reads them (it cannot follow options
 * built elsewhere, and it misses `nodeIntegration: true` when `sandbox: false` is also set).
 */

export const MIN_WINDOW_WIDTH = 800;
export const MIN_WINDOW_HEIGHT = 560;

export interface MainWindowOptionsInput {
  /** Absolute path of the CommonJS preload bundle (sandboxed preloads cannot be ES modules). */
  readonly preloadPath: string;
  readonly bounds: WindowBounds;
  readonly title: string;
  /** Unpackaged app: developer tools allowed. */
  readonly development: boolean;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export function constructMainWindow<W>(BrowserWindow: WindowConstructor<W>, input: MainWindowOptionsInput): W {
  const { bounds } = input;
  const position = bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : { center: true };
  return new BrowserWindow({
    ...position,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    title: input.title,
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: input.preloadPath,
      // The renderer is a web page: no Node, its own JavaScript world, an OS-sandboxed process.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would open links in new windows, around setWindowOpenHandler's intent.
      disableBlinkFeatures: 'Auxclick',
      devTools: input.development,
      spellcheck: false,
    },
  });
}
