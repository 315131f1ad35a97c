import type { WebContents } from 'electron';
import { externalBrowserUrl } from './navigation-policy';

/**
 * Applied to every WebContents the app creates: no navigation away from the app's page, no new
 * windows, no <webview>. Web links go to the system browser (see navigation-policy.ts).
 */

/** The part of Electron's shell used here. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

export function lockNavigation(contents: WebContents, shell: ExternalOpener, reportError: (error: unknown) => void): void {
  const openIfWebLink = (url: string): void => {
    const external = externalBrowserUrl(url);
    if (external === null) return;
    // Reviewed: `external` is a parsed http(s) URL without credentials (navigation-policy.ts),
    // so no file:, javascript: or program-launching scheme reaches the OS.
    shell.openExternal(external).catch(reportError); // eng-disable OPEN_EXTERNAL_JS_CHECK
  };
  contents.setWindowOpenHandler(({ url }) => {
    openIfWebLink(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfWebLink(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
