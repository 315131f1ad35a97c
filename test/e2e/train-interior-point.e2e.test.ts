import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openTrainForm, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

/**
 * "Most accurate" on a small squared-loss problem in the real app (web mode, headless Chromium):
 * the preset picks the interior-point solver and says why, the run finishes at the tolerance
 * and the certificate is shown.
 */
describe('interior-point solver in the browser', () => {
  const session = useBrowserSession();

  it('is picked by "Most accurate" for two moons, trains to its tolerance and shows the certificate', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await loadTwoMoons(page);
    await openTrainForm(page);

    const accurate = page.getByRole('radio', { name: /^Most accurate/ });
    await expect.poll(() => accurate.isEnabled(), { timeout: 30_000 }).toBe(true);
    await accurate.click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Solver' }).inputValue()).toBe('ipm');
    expect(await page.getByRole('combobox', { name: 'Loss' }).inputValue()).toBe('squared');
    await expect.poll(() => page.getByTestId('reason-solver').textContent()).toMatch(/interior-point method certifies a gap of 1e-6 /);

    await pressTrain(page);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 120_000, message: `the run did not finish; server stderr:\n${session.app.stderr()}` }).toBe('Finished');
    await expect.poll(() => page.getByTestId('stopping-reason').textContent()).toMatch(/tolerance/);
    expect(await page.getByTestId('certificate').textContent()).toMatch(/Within \S+% of the best possible training objective|global optimum/);
    expect(await page.getByTestId('neuron-count').textContent()).toMatch(/\d+ active neurons?/);
    expect(problems).toEqual([]);
  }, 240_000);
});
