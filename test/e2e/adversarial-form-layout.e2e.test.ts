import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { loadTwoMoons, openTrainForm } from './support/app-page';
import { openApp } from './support/browser';
import { useBrowserSession } from './support/browser-session';
import { missingSelectWidth } from './support/select-width';

/** The adversarial section of the Train form in a 900-pixel window: readable selects, bold labels. */
describe('the adversarial settings in a narrow window', () => {
  const session = useBrowserSession();

  it('shows every option of its selects in full and labels its fields in bold like the rest of the form', async () => {
    const { page, problems } = await openApp(session.browser, session.app.url, { width: 900, height: 700 });
    await loadTwoMoons(page);
    await openTrainForm(page);
    await page.getByLabel('Train against adversarial perturbations of the inputs').check();
    const section = page.getByTestId('adversarial-settings');
    for (const name of ['Norm', 'Units of epsilon']) {
      const select = section.getByLabel(name, { exact: true });
      await select.waitFor();
      expect(await missingSelectWidth(select), `the "${name}" select cuts off an option`).toBe(0);
    }
    const weight = (label: Locator) => label.evaluate((element) => Number(element.ownerDocument.defaultView!.getComputedStyle(element).fontWeight));
    const formLabelWeight = await weight(page.locator('.form-field__label').first());
    expect(formLabelWeight).toBeGreaterThanOrEqual(600);
    for (const name of ['Epsilon (radius)', 'Units of epsilon', 'Norm']) {
      expect(await weight(section.locator('label', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) })), `the "${name}" label`).toBe(formLabelWeight);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
