import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openTrainForm } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';
import { artifactsDir } from './support/repo-paths';

/**
 * The Train screen's one-click questions in the real app (web mode, headless Chromium): the
 * Balanced preset, "Compare with back-propagation" (the convex run and five baselines on one
 * split, shown together), then a beta sweep whose point is used as the model.
 */
describe('train screen in the browser', () => {
  const session = useBrowserSession();

  it('compares with back-propagation, sweeps beta and uses a point of the path', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await loadTwoMoons(page);
    await openTrainForm(page);

    // Balanced preset: its values are in the form and can be read back.
    const balanced = page.getByRole('radio', { name: /^Balanced/ });
    await expect.poll(() => balanced.isEnabled(), { timeout: 30_000 }).toBe(true);
    await balanced.click();
    expect(await balanced.getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Sampled patterns' }).inputValue()).toBe('32');
    // The automatic choices say why, and the estimate before Start appears.
    await expect.poll(() => page.getByTestId('reason-formulation').textContent()).toMatch(/activation patterns/);
    await expect.poll(() => page.getByTestId('estimate-iteration').textContent(), { timeout: 30_000 }).toMatch(/\d+(\.\d+)? (ms|s)/);
    // ... and is calibrated by the probe that ran in a worker.
    await expect.poll(() => page.getByTestId('estimate').textContent(), { timeout: 60_000 }).toMatch(/calibrated by a short probe on \d+ rows/);

    await page.getByRole('button', { name: 'Compare with back-propagation' }).click();
    const comparison = page.getByRole('table', { name: 'Comparison runs' });
    await comparison.waitFor();
    const convexRow = comparison.getByTestId('comparison-convex');
    const baselineRows = comparison.getByTestId('comparison-baseline');
    expect(await baselineRows.count()).toBe(5);
    // Every run of the group finishes and shows its test accuracy beside the others.
    await expect
      .poll(async () => (await comparison.locator('tbody tr').allTextContents()).filter((t) => t.includes('Finished') && /\d+(\.\d)?%/.test(t)).length, {
        timeout: 150_000,
        message: `the comparison runs did not all finish; server stderr:\n${session.app.stderr()}`,
      })
      .toBe(6);
    expect(await convexRow.textContent()).toMatch(/convex/);
    expect(await baselineRows.first().textContent()).toMatch(/back-propagation, seed \d+/);
    await expect.poll(() => page.getByTestId('comparison-spread').textContent()).toMatch(/Back-propagation: \d+(\.\d)?% ± \d+(\.\d)?% over 5 seeds; convex: \d+(\.\d)?%/);

    // The jobs panel lists the six runs too (queued together, one group).
    const jobs = page.getByRole('complementary', { name: 'Jobs' }).getByRole('listitem');
    expect(await jobs.count()).toBeGreaterThanOrEqual(6);

    // A beta sweep over 5 values, solved in one job with warm starts.
    await page.getByRole('textbox', { name: 'Values' }).fill('5');
    await page.getByRole('button', { name: 'Run beta sweep' }).click();
    const points = page.getByRole('table', { name: 'Sweep points' });
    await points.waitFor({ timeout: 120_000 });
    expect(await points.locator('tbody tr').count()).toBe(5);
    expect(await page.getByTestId('sweep-selection').textContent()).toMatch(/best test score/);
    mkdirSync(artifactsDir, { recursive: true });
    await page.setViewportSize({ width: 1360, height: 2400 });
    await page.screenshot({ path: join(artifactsDir, 'train-screen-compare-sweep.png') });

    // "Use this model" on the second point trains that beta and shows the run.
    const secondBeta = (await points.locator('tbody tr').nth(1).locator('th').textContent())!.trim();
    await points.locator('tbody tr').nth(1).getByRole('button', { name: /^Use this model/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Results', exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 90_000 }).toBe('Finished');
    expect(await page.getByRole('complementary', { name: 'Jobs' }).getByRole('listitem').first().textContent()).toContain(`beta ${Number(secondBeta).toPrecision(3)}`);

    expect(problems).toEqual([]);
  }, 400_000);
});
