import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  contentSecurityPolicy,
  contentSecurityPolicyDirectives,
  contentSecurityPolicyMetaTag,
  metaContentSecurityPolicy,
} from '../../../src-main/electron/content-security-policy';
import { CSP_HEADER, withContentSecurityPolicy } from '../../../src-main/electron/csp-headers';
import { constructMainWindow, MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } from '../../../src-main/electron/window-options';
import type { MainWindowOptionsInput } from '../../../src-main/electron/window-options';

/** Stands in for BrowserWindow: keeps the options it was constructed with. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const input: MainWindowOptionsInput = {
  preloadPath: '/app/out/preload/index.cjs',
  bounds: { x: 10, y: 20, width: 1000, height: 700 },
  title: 'ConvexNet Studio',
  development: false,
};

function optionsFor(overrides: Partial<MainWindowOptionsInput> = {}): BrowserWindowConstructorOptions {
  return constructMainWindow(RecordingWindow, { ...input, ...overrides }).options;
}

describe('main window options', () => {
  it('isolates, sandboxes and denies Node to the renderer', () => {
    const prefs = optionsFor().webPreferences;
    expect(prefs).toMatchObject({
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
    });
    expect(prefs?.disableBlinkFeatures?.split(',')).toContain('Auxclick');
    expect(prefs?.enableBlinkFeatures).toBeUndefined();
  });

  it('loads the CommonJS preload it is given', () => {
    expect(optionsFor().webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('allows developer tools only in development', () => {
    expect(optionsFor({ development: false }).webPreferences?.devTools).toBe(false);
    expect(optionsFor({ development: true }).webPreferences?.devTools).toBe(true);
  });

  it('opens hidden at the remembered bounds, within the minimum size', () => {
    const options = optionsFor();
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false, title: 'ConvexNet Studio' });
    expect(options.center).toBeUndefined();
    expect(options.minWidth).toBe(MIN_WINDOW_WIDTH);
    expect(options.minHeight).toBe(MIN_WINDOW_HEIGHT);
  });

  it('centres the window when no position is remembered', () => {
    const options = optionsFor({ bounds: { width: 900, height: 600 } });
    expect(options.center).toBe(true);
    expect(options.x).toBeUndefined();
    expect(options.y).toBeUndefined();
  });
});

describe('content security policy', () => {
  const production = contentSecurityPolicy({ development: false });

  it('is the exact strict policy', () => {
    expect(production).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'",
    );
  });

  it('never allows inline or evaluated script, and styles inline only for the dev server', () => {
    for (const development of [false, true]) {
      const script = contentSecurityPolicyDirectives({ development }).find(([name]) => name === 'script-src')?.[1];
      expect(script).toEqual(["'self'"]);
      expect(contentSecurityPolicy({ development })).not.toMatch(/unsafe-eval|\*|https?:/);
    }
    expect(production).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy({ development: true })).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('leaves out of the meta tag what a meta tag cannot carry', () => {
    const meta = metaContentSecurityPolicy({ development: false });
    expect(meta).not.toContain('frame-ancestors');
    expect(production.startsWith(meta)).toBe(true);
    expect(contentSecurityPolicyMetaTag({ development: false })).toBe(
      `<meta http-equiv="Content-Security-Policy" content="${meta}" />`,
    );
  });

  it('is the policy src-renderer/index.html declares in its meta tag', () => {
    // The header and the meta tag both apply, so they must agree, or the page gets the
    // intersection of two policies nobody wrote down.
    const html = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const declared = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
    expect(declared).toBe(metaContentSecurityPolicy({ development: false }));
  });

  it('replaces any policy on document responses and leaves other responses alone', () => {
    const headers = { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] };
    expect(withContentSecurityPolicy('mainFrame', headers, production)).toEqual({
      'Content-Type': ['text/html'],
      [CSP_HEADER]: [production],
    });
    expect(withContentSecurityPolicy('subFrame', undefined, production)).toEqual({ [CSP_HEADER]: [production] });
    expect(withContentSecurityPolicy('script', headers, production)).toBeUndefined();
  });
});
