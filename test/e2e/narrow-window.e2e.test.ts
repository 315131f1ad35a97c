import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openScreen, openTrainForm, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

/**
 * Below 1100 pixels the Jobs panel is a drawer opened from the sidebar, so the screen keeps the
 * width (a fixed 300-pixel column left it 270 pixels at the smallest desktop window, 800 wide).
 */
describe('a narrow window', () => {
  const session = useBrowserSession();

  it('gives the screen the width, and shows the jobs in a drawer that opens, closes and leads to a run', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 860, height: 620 });
    const jobsPanel = page.getByRole('complementary', { name: 'Jobs' });
    const toggle = page.getByTestId('jobs-toggle');
    await loadTwoMoons(page);
    expect(await jobsPanel.isVisible()).toBe(false);
    const screenBox = await page.getByRole('main').boundingBox();
    expect(screenBox!.width).toBeGreaterThan(600);

    await openTrainForm(page);
    await pressTrain(page);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('Finished');

    // Open: the drawer shows the job and takes the focus; Escape closes it.
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await jobsPanel.getByRole('listitem').first().waitFor();
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Close');
    await page.keyboard.press('Escape');
    await expect.poll(() => jobsPanel.isVisible()).toBe(false);

    // Picking the job from the drawer shows its run and closes the drawer.
    await openScreen(page, 'Data');
    await toggle.click();
    await jobsPanel.getByRole('listitem').first().getByRole('button').first().click();
    await page.getByRole('heading', { level: 2, name: 'Results', exact: true }).waitFor();
    await expect.poll(() => jobsPanel.isVisible()).toBe(false);

    // A wide window has the panel as a column again, and no drawer button.
    await page.setViewportSize({ width: 1360, height: 800 });
    await expect.poll(() => jobsPanel.isVisible()).toBe(true);
    expect(await toggle.isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });
});
