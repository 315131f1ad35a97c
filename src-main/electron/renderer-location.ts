import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the built pieces sit relative to the main bundle (out/main/index.js) and which page the
 * window loads: the Vite dev server in development (electron-vite sets ELECTRON_RENDERER_URL),
 * otherwise the built index.html from disk. A packaged app never follows the environment
 * variable, so nothing outside the app can point the window at another page.
 */

export interface RendererLocation {
  /** Absolute path of the CommonJS preload bundle. */
  readonly preloadPath: string;
  /** Built index.html; loaded when devServerUrl is undefined. */
  readonly indexPath: string;
  /** file:// URL of indexPath, the only file page allowed to call the contract. */
  readonly indexFileUrl: string;
  /** The dev server's origin-bearing URL, only when unpackaged and provided. */
  readonly devServerUrl: string | undefined;
}

export interface RendererLocationInput {
  /** Directory of the main bundle (import.meta.dirname). */
  readonly mainDir: string;
  readonly packaged: boolean;
  readonly devServerUrl: string | undefined;
}

function httpUrlOrUndefined(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function rendererLocation(input: RendererLocationInput): RendererLocation {
  const indexPath = join(input.mainDir, '..', 'renderer', 'index.html');
  return {
    preloadPath: join(input.mainDir, '..', 'preload', 'index.cjs'),
    indexPath,
    indexFileUrl: pathToFileURL(indexPath).href,
    devServerUrl: input.packaged ? undefined : httpUrlOrUndefined(input.devServerUrl),
  };
}
