import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openTrainForm, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';
import { artifactsDir } from './support/repo-paths';

/**
 * A job that would run for hours is cancelled from the jobs panel and keeps its last iterate;
 * then the server goes away and the next action explains the failure in a toast.
 */
describe('cancel a long job in the browser', () => {
  const session = useBrowserSession();

  it('starts a long job, cancels it, and the job ends as cancelled with its time frozen', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);

    await loadTwoMoons(page, 2000);
    await openTrainForm(page);
    await page.getByRole('combobox', { name: 'Solver' }).selectOption('admm');
    await page.getByRole('textbox', { name: 'Sampled patterns' }).fill('400');
    await page.getByText('Solver settings').click();
    // No stopping rule can fire before the (huge) iteration limit.
    await page.getByRole('textbox', { name: 'Iteration limit' }).fill('10000000');
    await page.getByRole('textbox', { name: 'Gap tolerance' }).fill('1e-14');
    await page.getByRole('textbox', { name: 'Absolute residual tolerance' }).fill('0');
    await page.getByRole('textbox', { name: 'Relative residual tolerance' }).fill('0');
    await pressTrain(page);

    const job = page.getByRole('complementary', { name: 'Jobs' }).getByRole('listitem').first();
    const jobState = job.getByTestId('job-state');
    await expect.poll(() => jobState.textContent(), { timeout: 30_000 }).toBe('Running');
    // Iterating, and nowhere near its end.
    await expect.poll(() => job.textContent(), { timeout: 30_000 }).toMatch(/iteration [1-9]/);
    expect(Number(await job.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeLessThan(50);

    const cancelledAt = Date.now();
    await job.getByRole('button', { name: /^Cancel / }).click();
    await expect.poll(() => jobState.textContent(), { timeout: 20_000 }).toBe('Cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(15_000);
    expect(await job.getByRole('button', { name: /^Cancel / }).count()).toBe(0);

    // The elapsed time stops with the job.
    const elapsed = await job.getByTestId('job-elapsed').textContent();
    await page.waitForTimeout(1500);
    expect(await job.getByTestId('job-elapsed').textContent()).toBe(elapsed);

    // The solver noticed the flag and kept its last iterate: the run says so in plain words.
    expect(await page.getByTestId('run-state').textContent()).toBe('Cancelled');
    await expect.poll(() => page.getByTestId('stopping-reason').textContent(), { timeout: 10_000 }).toMatch(/Cancelled\. The last solution reached is kept/);
    mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: join(artifactsDir, 'cancelled-run-light.png') });

    expect(problems).toEqual([]);
  }, 180_000);

  it('when the back end is gone, an action shows an error toast that says what to check', async () => {
    const page = await session.browser.newPage();
    await page.goto(session.app.url);
    await page.getByRole('radio', { name: /Two moons/ }).waitFor();
    await session.app.stop();

    await page.getByRole('button', { name: /^Load / }).click();
    const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('alert');
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/Could not load the dataset.*Could not reach the ConvexNet back end.*still running/);
    await page.screenshot({ path: join(artifactsDir, 'error-toast-light.png') });
    await toast.getByRole('button', { name: /^Dismiss/ }).click();
    expect(await toast.count()).toBe(0);
  }, 60_000);
});
