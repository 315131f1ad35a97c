import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { loadTwoMoons, openTrainForm, pressTrain } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

/** The computed alignment and digit style of each cell: what the scoped table rules leave of `.numeric`. */
function alignments(cells: Locator): Promise<string[]> {
  return cells.evaluateAll((elements) =>
    elements.map((element) => {
      const style = element.ownerDocument.defaultView!.getComputedStyle(element);
      return `${style.textAlign} ${style.fontVariantNumeric}`;
    }),
  );
}

/** Numbers in the tables line up by their digits in a real browser (the class alone proves nothing). */
describe('numbers in tables', () => {
  const session = useBrowserSession();

  it('are right-aligned with tabular digits in the Data screen\'s rows and the Metrics table, text stays left', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await loadTwoMoons(page);
    const rows = page.getByRole('table', { name: 'Rows' });
    // Two moons: the row number, x1, x2 (numbers) and the class label (once the rows have come).
    const expected = ['right tabular-nums', 'right tabular-nums', 'right tabular-nums', 'left tabular-nums'];
    await expect.poll(() => alignments(rows.locator('thead th'))).toEqual(expected);
    expect(await alignments(rows.locator('tbody tr.virtual-rows__row').first().locator('td'))).toEqual(expected);

    await openTrainForm(page);
    await pressTrain(page);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('Finished');
    const metrics = page.getByRole('table', { name: 'Metrics' });
    // "Finished" can show before the result (and its Metrics table) has arrived: wait for a cell.
    await metrics.locator('tbody td').first().waitFor({ timeout: 60_000 });
    expect(await alignments(metrics.locator('thead th'))).toEqual(['left tabular-nums', 'right tabular-nums', 'right tabular-nums']);
    expect((await alignments(metrics.locator('tbody td'))).every((a) => a === 'right tabular-nums')).toBe(true);
    expect(problems).toEqual([]);
  }, 300_000);
});
