/**
 * Holds the app's quit until the back-end services are disposed (workers terminated, files
 * closed): the first 'will-quit' is cancelled, disposal runs, then quit is asked again and goes
 * through. A failed disposal is reported and does not keep the app alive.
 */

export interface QuittableApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export function quitAfterDispose(app: QuittableApp, dispose: () => Promise<void>, reportError: (error: unknown) => void): void {
  let state: 'running' | 'disposing' | 'disposed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'disposed') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    dispose()
      .catch(reportError)
      .finally(() => {
        state = 'disposed';
        app.quit();
      });
  });
}
