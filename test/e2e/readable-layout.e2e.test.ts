import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { loadTwoMoons, openScreen, openTrainForm, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

/** Pixels the screen column's content reaches past its visible width (0: nothing pushes it sideways). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.getByRole('main').evaluate((main) => main.scrollWidth - main.clientWidth);
}

/** How many lines the element's text takes (distinct tops of its text's line boxes). */
function textLines(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const range = element.ownerDocument.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
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

  it('keeps short column names on one line in the column table', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 900, height: 700 });
    await openScreen(page, 'Data');
    await page.getByRole('radio', { name: /Iris/ }).check();
    await page.getByRole('button', { name: 'Load Iris flowers' }).click();
    await page.getByRole('heading', { name: /^Loaded: Iris/ }).waitFor();
    const names = page.locator('.column-table tbody th[scope="row"]');
    await expect.poll(() => names.count()).toBe(5);
    // "sepal_length" and the others (12 characters at most) were broken mid-word.
    for (let k = 0; k < 5; k++) expect(await textLines(names.nth(k)), await names.nth(k).textContent() ?? '').toBe(1);
    expect(problems).toEqual([]);
  });

  it('keeps each beta of a sweep on one line, in the smallest window', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 800, height: 600 });
    await loadTwoMoons(page);
    await openTrainForm(page);
    await page.getByRole('textbox', { name: 'Values' }).fill('5');
    await page.getByRole('button', { name: 'Run beta sweep' }).click();
    const points = page.getByRole('table', { name: 'Sweep points' });
    await points.waitFor({ timeout: 120_000 });
    const betas = points.locator('tbody th[scope="row"]');
    expect(await betas.count()).toBe(5);
    // The smallest, e.g. "1.50e-4", was broken after its minus sign.
    for (let k = 0; k < 5; k++) expect(await textLines(betas.nth(k)), await betas.nth(k).textContent() ?? '').toBe(1);
    // ... and the whole numbers do not push the table out of the screen instead.
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
  });

  it('keeps the Train screen inside its column when a long run name is in "Start from a previous run"', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 900, height: 700 });
    await loadTwoMoons(page);
    await openTrainForm(page);
    await pressTrain(page);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('Finished');
    await openTrainForm(page);
    await page.getByLabel('Start from a previous run').waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
  });
});
