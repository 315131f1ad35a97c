import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser';
import { ensureBuiltApp } from './built-app';
import { startWebApp, type WebApp } from './web-app-process';

export interface BrowserSession {
  /** The running web-mode app (valid inside tests). */
  readonly app: WebApp;
  /** Headless Debian Chromium (valid inside tests). */
  readonly browser: TestBrowser;
}

/**
 * Registers the suite's lifecycle: build the app once (or reuse a fresh build), start web mode,
 * launch Chromium; close both afterwards. Call inside a describe block.
 */
export function useBrowserSession(): BrowserSession {
  let app: WebApp | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    await ensureBuiltApp();
    app = await startWebApp();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      return app!;
    },
    get browser() {
      return browser!;
    },
  };
}
