import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadTwoMoons, openScreen, openTrainForm } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

/** Pixels the screen column's content reaches past its visible width (0: nothing pushes it sideways). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.getByRole('main').evaluate((main) => main.scrollWidth - main.clientWidth);
}

/**
 * What only a real browser's layout shows: in a narrow window (900 x 700, the Jobs panel a
 * drawer) long names and numbers stay inside the screen and on their lines.
 */
describe('layout in a narrow window', () => {
  const session = useBrowserSession();

  it('keeps the Results screen inside its column when a long run name is in the run picker', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 900, height: 700 });
    await loadTwoMoons(page);
    await openTrainForm(page);
    // Two runs, so the Results screen offers the run picker, whose options are the runs' long names.
    await page.getByRole('button', { name: 'Add to queue' }).click();
    await page.getByRole('button', { name: 'Add to queue' }).click();
    await openScreen(page, 'Results');
    await page.getByLabel('Run', { exact: true }).waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
  });
});
