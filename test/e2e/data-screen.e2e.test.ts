import { describe, expect, it } from 'vitest';
import { openScreen } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';

/**
 * The Data screen as an analyst uses it, in a real browser's layout: a built-in dataset is
 * loaded from its own card (mouse or keyboard), and its rows are shown once, labelled with
 * which rows are in view out of how many.
 */
describe('the Data screen', () => {
  const session = useBrowserSession();

  it('loads the chosen card with the keyboard: arrow to the card, Tab to its Load button, Enter', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 1280, height: 800 });
    await openScreen(page, 'Data');
    await page.getByRole('radio', { name: /Iris/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: /Two moons/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect((await page.locator(':focus').textContent())?.trim()).toBe('Load Two moons');
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: /^Loaded: Two moons/ });
    await heading.waitFor();
    // Focus and the view follow to what was loaded (below the cards, it was out of sight).
    await expect.poll(() => page.locator(':focus').textContent()).toMatch(/^Loaded: Two moons/);
    const box = (await heading.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(problems).toEqual([]);
  });

  it('shows the rows once and says which of them are in view, also after scrolling', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 1280, height: 800 });
    await openScreen(page, 'Data');
    await page.getByRole('radio', { name: /Palmer penguins/ }).check();
    await page.getByRole('button', { name: 'Load Palmer penguins' }).click();
    await page.getByRole('heading', { name: 'Loaded: Palmer penguins' }).waitFor();
    expect(await page.getByText(/First \d+ rows/).count()).toBe(0);
    const label = page.getByTestId('rows-shown');
    expect(await label.textContent()).toBe('Rows 1–12 of 344; scroll the table for the others.');

    const viewport = page.locator('.virtual-rows__viewport');
    await viewport.evaluate((element) => element.scrollTo(0, 100 * 28));
    await expect.poll(() => label.textContent()).toBe('Rows 101–112 of 344; scroll the table for the others.');
    // The label tells the truth: rows 101 and 112 are in the box, 100 and 113 are not (rows of
    // 31 pixels against spacers counted at 28 put row 90 at the top instead).
    const box = (await viewport.boundingBox())!;
    const headerBottom = (await viewport.locator('thead th').first().boundingBox())!;
    const inView = async (n: number) => {
      const cell = viewport.locator('tbody tr.virtual-rows__row td.virtual-rows__index', { hasText: new RegExp(`^${n}$`) });
      if ((await cell.count()) === 0) return false;
      const r = (await cell.boundingBox())!;
      const middle = r.y + r.height / 2;
      return middle > headerBottom.y + headerBottom.height && middle < box.y + box.height;
    };
    await expect.poll(() => inView(101)).toBe(true);
    expect(await inView(112)).toBe(true);
    expect(await inView(100)).toBe(false);
    expect(await inView(113)).toBe(false);
    expect(problems).toEqual([]);
  });

  it('shows the penguins\' column values in full at 900 pixels, without pushing the screen sideways', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 900, height: 700 });
    await openScreen(page, 'Data');
    await page.getByRole('radio', { name: /Palmer penguins/ }).check();
    await page.getByRole('button', { name: 'Load Palmer penguins' }).click();
    const values = page.locator('.column-table .column-table__values-text');
    await expect.poll(() => values.count()).toBe(7);
    // Each cell shows all its words (a three-line clamp cut "2700 to 6300; mean 4202, sd 800.8" after "mean").
    const cut = await values.evaluateAll((elements) =>
      elements.filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    );
    expect(cut).toEqual([]);
    expect(await values.nth(5).textContent()).toMatch(/^2700 to 6300; mean \d+, sd [\d.]+$/);
    // ... on lines wide enough to read (the Values column was about six letters wide).
    const widths = await values.evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThan(150);
    expect(await page.getByRole('main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBe(0);
    expect(problems).toEqual([]);
  });
});
