import { describe, expect, it } from 'vitest';
import { loadTwoMoons, openTrainForm } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';
import { missingSelectWidth } from './support/select-width';

/** The epsilon sweep's grid in a 900-pixel window: its Norm select shows its options whole, labelled like the fields beside it. */
describe('the epsilon sweep form in a narrow window', () => {
  const session = useBrowserSession();

  it('shows every option of the Norm select in full, with a bold label and a help line', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 900, height: 700 });
    await loadTwoMoons(page);
    await openTrainForm(page);
    const sweep = page.getByTestId('sweep');
    await sweep.getByRole('radio', { name: 'attack radius (epsilon)' }).check();
    const norm = sweep.getByLabel('Norm', { exact: true });
    await norm.waitFor();
    expect(await missingSelectWidth(norm), 'the Norm select cuts off an option').toBe(0);
    const weight = (selector: string) => sweep.locator(selector).first().evaluate((element) => Number(element.ownerDocument.defaultView!.getComputedStyle(element).fontWeight));
    expect(await weight('label[for="sweep-eps-norm"]')).toBe(await weight('label[for="sweep-eps-count"]'));
    expect(await norm.getAttribute('aria-describedby')).toBe('sweep-eps-norm-help');
    expect(problems).toEqual([]);
  }, 300_000);
});
