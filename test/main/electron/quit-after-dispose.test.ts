import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { quitAfterDispose } from '../../../src-main/electron/quit-after-dispose';

/** Mimics app.quit(): 'will-quit' listeners may cancel; otherwise the app quits. */
class FakeApp extends EventEmitter {
  quits = 0;
  quitted = false;
  quit(): void {
    this.quits++;
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quitted = true;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('quit after dispose', () => {
  it('holds the quit until the services are disposed, then quits once', async () => {
    const app = new FakeApp();
    let finish: () => void = () => undefined;
    let disposals = 0;
    quitAfterDispose(app, () => {
      disposals++;
      return new Promise<void>((resolve) => (finish = resolve));
    }, () => undefined);
    app.quit();
    app.quit(); // a second Quit while disposing does not dispose twice
    expect(app.quitted).toBe(false);
    finish();
    await tick();
    expect(disposals).toBe(1);
    expect(app.quitted).toBe(true);
  });

  it('still quits when disposal fails, and reports the failure', async () => {
    const app = new FakeApp();
    const errors: unknown[] = [];
    quitAfterDispose(app, () => Promise.reject(new Error('worker stuck')), (error) => errors.push(error));
    app.quit();
    await tick();
    expect(app.quitted).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
