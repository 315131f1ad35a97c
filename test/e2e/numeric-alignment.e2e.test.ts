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

  it('are right-aligned with tabular digits in the data preview and the Metrics table, text stays left', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url);
    await loadTwoMoons(page);
    const preview = page.locator('.dataset-preview table');
    // Two moons: x1, x2 (numbers) and the class label.
    expect(await alignments(preview.locator('thead th'))).toEqual(['right tabular-nums', 'right tabular-nums', 'left tabular-nums']);
    expect(await alignments(preview.locator('tbody tr').first().locator('td'))).toEqual(['right tabular-nums', 'right tabular-nums', 'left tabular-nums']);

    await openTrainForm(page);
    await pressTrain(page);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('Finished');
    const metrics = page.getByRole('table', { name: 'Metrics' });
    expect(await alignments(metrics.locator('thead th'))).toEqual(['left tabular-nums', 'right tabular-nums', 'right tabular-nums']);
    expect((await alignments(metrics.locator('tbody td'))).every((a) => a === 'right tabular-nums')).toBe(true);
    expect(problems).toEqual([]);
  }, 300_000);
});
