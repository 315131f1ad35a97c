import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openTrainForm, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';
import { artifactsDir } from './support/repo-paths';

/** Waits until the selected run has finished (the Results screen shows it). */
async function waitFinished(page: Page, stderr: () => string): Promise<void> {
  const state = page.getByTestId('run-state');
  const deadline = Date.now() + 90_000;
  while ((await state.textContent()) !== 'Finished') {
    expect(Date.now(), `the run did not finish; server stderr:\n${stderr()}`).toBeLessThan(deadline);
    expect(await state.textContent()).not.toMatch(/Failed|Cancelled/);
    await page.waitForTimeout(100);
  }
}

/** Share of a canvas's pixels that are not fully transparent (0: nothing was drawn). */
async function paintedShare(page: Page, selector: string): Promise<number> {
  // Runs in the page (DOM types are not in this project's type-check): the canvas, structurally.
  type Canvas2d = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
  return page.locator(selector).first().evaluate((element) => {
    const canvas = element as unknown as Canvas2d;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let k = 3; k < data.length; k += 4) if (data[k]! > 0) painted++;
    return painted / (canvas.width * canvas.height);
  });
}

/** How far the window itself can scroll (px); 0 when only the app's columns scroll. */
async function windowOverflow(page: Page): Promise<number> {
  // Runs in the page (DOM types are not in this project's type-check): the root element, structurally.
  type Root = { scrollHeight: number; clientHeight: number; scrollWidth: number; clientWidth: number };
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: Root } }).document.documentElement;
    return Math.max(0, root.scrollHeight - root.clientHeight) + Math.max(0, root.scrollWidth - root.clientWidth);
  });
}

describe('results in the browser', () => {
  const session = useBrowserSession();

  it('trains, drills into a confusion-matrix cell, draws the charts and decision map, saves a PNG, compares two runs and re-opens one from the history', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 1360, height: 1000 });
    await page.getByRole('heading', { level: 1, name: 'ConvexNet Studio' }).waitFor();
    mkdirSync(artifactsDir, { recursive: true });

    await loadTwoMoons(page);
    await openTrainForm(page);
    await page.getByRole('textbox', { name: 'Seed' }).fill('11');
    await pressTrain(page);
    await waitFinished(page, session.app.stderr);

    // Confusion matrix: a click on the "upper predicted upper" cell lists those test rows.
    const matrix = page.getByTestId('confusion-matrix');
    await matrix.waitFor();
    const cell = matrix.locator('button[data-cell="0-0"]');
    const count = Number((await cell.textContent())!.replace(/[^\d]/g, ''));
    expect(count).toBeGreaterThan(0);
    await cell.click();
    const listing = page.getByTestId('cell-rows');
    await listing.waitFor();
    expect(await listing.locator('tbody tr').count()).toBe(count);
    expect(await listing.locator('tbody tr').first().locator('td').nth(2).textContent()).toBe(await listing.locator('tbody tr').first().locator('td').nth(3).textContent());

    // Charts are really drawn (Chart.js on a canvas), and the decision map from the saved model.
    expect(await paintedShare(page, '[data-testid="objective-chart"] canvas')).toBeGreaterThan(0.01);
    expect(await paintedShare(page, '[data-testid="roc-chart"] canvas')).toBeGreaterThan(0.01);
    await page.getByRole('img', { name: /^Decision map over x1 and x2: \d+% of the area predicted/ }).waitFor({ timeout: 15_000 });
    expect(await paintedShare(page, '[data-testid="decision-boundary"] canvas')).toBeGreaterThan(0.5);
    // Only the columns scroll, never the window: a screen-reader-only text deep in the results
    // once stretched the page to 3.5 times the window, so scrolling past the end showed an empty area.
    expect(await windowOverflow(page)).toBe(0);

    // Save PNG downloads the chart as a picture.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save Objective and certified gap as PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('objective-and-certified-gap.png');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    // The screens scroll inside the window: a tall window shows the whole run in one picture.
    await page.setViewportSize({ width: 1360, height: 3600 });
    await page.screenshot({ path: join(artifactsDir, 'results-details.png') });
    await page.setViewportSize({ width: 1360, height: 1000 });

    // A second run with another seed, then both side by side.
    await openTrainForm(page);
    await page.getByRole('textbox', { name: 'Seed' }).fill('12');
    await pressTrain(page);
    await waitFinished(page, session.app.stderr);
    await page.getByTestId('tab-compare').click();
    const comparison = page.getByTestId('run-comparison');
    const boxes = comparison.locator('input[data-compare^="job:"]');
    // The second result arrives just after its run is shown as finished.
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const table = page.getByTestId('comparison-table');
    await table.waitFor();
    expect(await table.locator('thead th').count()).toBe(3);
    expect(await table.locator('tr[data-metric="Seed"] td').allTextContents()).toEqual(expect.arrayContaining(['11', '12']));
    expect(await paintedShare(page, '[data-testid="comparison-chart"] canvas')).toBeGreaterThan(0.01);
    await page.setViewportSize({ width: 1360, height: 1600 });
    await page.screenshot({ path: join(artifactsDir, 'results-comparison.png') });

    // The run history lists both saved runs; re-opening one shows it in Results.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^History/ }).click();
    const history = page.getByTestId('history-table');
    await expect.poll(() => history.locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await history.locator('tbody tr').last().getByTestId('history-open').click();
    await page.getByRole('heading', { level: 2, name: 'Results', exact: true }).waitFor();
    await page.getByTestId('tab-run').click();
    await page.getByTestId('opened-run').waitFor();
    await page.getByTestId('confusion-matrix').waitFor();

    expect(problems).toEqual([]);
  }, 240_000);
});
