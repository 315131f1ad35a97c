import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openTrainForm, parsePercent, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';
import { artifactsDir } from './support/repo-paths';

/**
 * Adversarial training in the real app (web mode, headless Chromium): switch on the
 * "Adversarial training" section with a radius, train, and read the robustness report on the
 * Results screen: the curve, and the table of clean / FGSM / PGD / certified accuracy for the
 * robust model and the standard one.
 */
describe('robust training in the browser', () => {
  const session = useBrowserSession();

  it('trains against an adversary and shows the robustness curve and table', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await loadTwoMoons(page, 120);
    await openTrainForm(page);
    await page.getByRole('textbox', { name: 'Sampled patterns' }).fill('8');

    await page.getByLabel('Train against adversarial perturbations of the inputs').check();
    const epsilon = page.getByRole('textbox', { name: 'Epsilon (radius)' });
    await epsilon.waitFor();
    // It starts at the back end's suggestion, read from the robust program's geometry.
    const suggestion = (await page.getByTestId('adv-epsilon-suggestion').textContent()) ?? '';
    expect(suggestion).toMatch(/^Suggested for these data \(l∞, raw units\): [\d.]+\. At this radius \d+ of the \d+ sampled neurons keep a margin/);
    expect(await epsilon.inputValue()).toBe(/: ([\d.]+)\./.exec(suggestion)![1]);
    await epsilon.fill('0.1');
    // The radius is also shown in standard deviations of each column.
    await expect.poll(() => page.getByRole('table', { name: 'Perturbation per column' }).locator('tbody tr').count()).toBe(2);
    await pressTrain(page);

    await expect
      .poll(() => page.getByTestId('run-state').textContent(), { timeout: 180_000, message: `the robust run did not finish; server stderr:\n${session.app.stderr()}` })
      .toBe('Finished');
    const report = page.getByTestId('robustness-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('robustness-units').textContent()).toMatch(/On \d+ test points; epsilon in the raw units of each numeric column \(l_inf\)/);
    const curve = page.getByRole('img', { name: /^Robustness curve: clean, FGSM, PGD and certified accuracy on \d+ test points for 6 values of epsilon, robust and standard model/ });
    const box = await curve.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(100);

    const robustTable = page.getByRole('table', { name: 'Robust model: robustness by epsilon' });
    const rows = robustTable.locator('tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await page.getByRole('table', { name: /^Standard model .*robustness by epsilon/ }).locator('tbody tr').count()).toBe(6);
    // certified <= PGD <= clean in every row
    for (let i = 0; i < 6; i++) {
      const [clean, , pgd, certified] = await rows.nth(i).getByRole('cell').allTextContents();
      expect(parsePercent(certified!)).toBeLessThanOrEqual(parsePercent(pgd!));
      expect(parsePercent(pgd!)).toBeLessThanOrEqual(parsePercent(clean!));
    }
    expect(await page.getByTestId('certificate').textContent()).toMatch(/worst-case \(adversarial\) training objective/);

    mkdirSync(artifactsDir, { recursive: true });
    await report.scrollIntoViewIfNeeded();
    await report.screenshot({ path: join(artifactsDir, 'robustness-report.png') });
    expect(problems).toEqual([]);
  }, 300_000);
});
