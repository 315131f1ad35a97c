import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openTrainForm, parsePercent, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';
import { artifactsDir } from './support/repo-paths';

/**
 * The first-run flow in the real app: web mode serving the built renderer, driven in headless
 * Chromium. Two moons, default settings, watch the progress bar, read the final metrics.
 */
describe('train two moons in the browser', () => {
  const session = useBrowserSession();

  it('trains with the defaults but ADMM, shows the progress bar moving and the final accuracy; screenshots both themes', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await page.getByRole('heading', { level: 1, name: 'ConvexNet Studio' }).waitFor();
    // The page found its transport: web mode, talking to this server.
    await page.getByText(/Version \d+\.\d+\.\d+ · web mode/).waitFor();

    mkdirSync(artifactsDir, { recursive: true });
    // 2,000 rows: on 200 a fast machine finished ADMM between two looks at the bar (seen at 0 and
    // 12.9% only); ten times the rows make each iteration ten times longer.
    await loadTwoMoons(page, 2000);
    await page.screenshot({ path: join(artifactsDir, 'data-screen-light.png') });
    await openTrainForm(page);
    await page.screenshot({ path: join(artifactsDir, 'train-screen-light.png') });
    // The defaults give this small squared-loss problem to the interior-point solver, which
    // finishes in a few milliseconds; ADMM's thousand-odd iterations show the bar moving.
    const solver = page.getByRole('combobox', { name: 'Solver' });
    expect(await solver.inputValue()).toBe('ipm');
    await solver.selectOption('admm');
    expect(await page.getByRole('textbox', { name: 'Seed' }).inputValue()).toMatch(/^\d+$/);

    await pressTrain(page);
    const bar = page.getByRole('progressbar', { name: 'Progress of the selected run' });
    const state = page.getByTestId('run-state');

    // Sample the bar until the run ends: it must pass through values strictly between 0 and 100.
    const seen: number[] = [];
    const deadline = Date.now() + 90_000;
    while ((await state.textContent()) !== 'Finished') {
      expect(Date.now(), `the run did not finish; server stderr:\n${session.app.stderr()}`).toBeLessThan(deadline);
      expect(await state.textContent()).not.toMatch(/Failed|Cancelled/);
      seen.push(Number(await bar.getAttribute('aria-valuenow')));
      await page.waitForTimeout(50);
    }
    const intermediate = [...new Set(seen.filter((v) => v > 0 && v < 100))];
    expect(intermediate.length, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');

    // Final metrics: two moons is easy for a ReLU network.
    const accuracyRow = page.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^Accuracy/ });
    await accuracyRow.waitFor();
    const [trainAccuracy, testAccuracy] = await accuracyRow.getByRole('cell').allTextContents();
    expect(parsePercent(trainAccuracy!)).toBeGreaterThanOrEqual(90);
    expect(parsePercent(testAccuracy!)).toBeGreaterThanOrEqual(85);
    // Both inputs carry the moons: each one's shuffle costs test accuracy.
    const importance = page.getByRole('table', { name: 'Input importance' });
    expect((await importance.locator('tbody th').allTextContents()).sort()).toEqual(['x1', 'x2']);
    for (const drop of await importance.locator('tbody td:nth-child(2)').allTextContents()) expect(Number(drop.replace(' pts', ''))).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('stopping-reason').textContent()).toMatch(/tolerance|iteration limit/);
    expect(await page.getByTestId('certificate').textContent()).toMatch(/Within \S+% of the best possible training objective/);
    expect(await page.getByTestId('neuron-count').textContent()).toMatch(/\d+ active neurons?/);
    expect(await page.getByTestId('job-state').first().textContent()).toBe('Finished');
    const chartBox = await page.getByRole('img', { name: /Objective and certified gap: objective/ }).boundingBox();
    expect(chartBox?.height ?? 0).toBeGreaterThan(150);

    // The screens scroll inside the window: a tall window shows the whole run in one picture.
    await page.setViewportSize({ width: 1360, height: 1600 });
    await page.screenshot({ path: join(artifactsDir, 'finished-run-light.png') });

    const themeSwitch = page.getByRole('switch', { name: 'Dark theme' });
    await themeSwitch.click();
    expect(await themeSwitch.getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: join(artifactsDir, 'finished-run-dark.png') });

    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'ConvexNet Studio' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');

    expect(problems).toEqual([]);
  }, 180_000);
});
